/** The fee-schedule row a charge line is paid on: the 26/TC variant row when the line carries one. */
import type { CodeSet, FeeScheduleRow, ProcedureCode } from '../../codeset/types';
import type { CodedItem } from '../documents/chargeFile';

export interface LineFeeRow {
  procedure: ProcedureCode;
  /** The global row (indicators such as BILAT and MULT PROC live here). */
  row: FeeScheduleRow;
  /** The 26 or TC variant row when the line has that modifier and the code has the row. */
  variant?: FeeScheduleRow;
}

/** The line's code in the code set, looked up once per line whichever rule asks first. */
export function procedureOf(line: CodedItem, codeSet: CodeSet): ProcedureCode | undefined {
  if (line.procedure === undefined) line.procedure = (line.codeValue ? codeSet.procedure(line.codeValue) : undefined) ?? null;
  return line.procedure ?? undefined;
}

/**
 * The answers of `feeRowOf` for one procedure (no variant, 26, TC), made once per procedure
 * and shared by every line of it (four rules ask for every line): read only.
 */
interface ProcedureFeeRows {
  plain: LineFeeRow;
  professional?: LineFeeRow;
  technical?: LineFeeRow;
}
const feeRowsOf = new WeakMap<ProcedureCode, ProcedureFeeRows>();

export function feeRowOf(line: CodedItem, codeSet: CodeSet): Readonly<LineFeeRow> | undefined {
  if (!line.codeValue) return undefined;
  const procedure = procedureOf(line, codeSet);
  const row = procedure?.row;
  if (!procedure || !row) return undefined;
  let variant: '26' | 'TC' | undefined;
  for (const m of line.modifiers) {
    if ((m.value === '26' || m.value === 'TC') && procedure.variants.has(m.value)) variant = m.value;
  }
  let rows = feeRowsOf.get(procedure);
  if (!rows || rows.plain.row !== row) {
    rows = { plain: Object.freeze({ procedure, row, variant: undefined }) };
    feeRowsOf.set(procedure, rows);
  }
  if (variant === undefined) return rows.plain;
  const variantRow = procedure.variants.get(variant);
  const key = variant === '26' ? 'professional' : 'technical';
  let made = rows[key];
  if (!made || made.variant !== variantRow) rows[key] = made = Object.freeze({ procedure, row, variant: variantRow });
  return made;
}

/** Compact data for findings: the indicators a finding rests on, not the whole row. */
export function rowData(row: FeeScheduleRow, fields: readonly (keyof FeeScheduleRow)[]): Record<string, unknown> {
  const out: Record<string, unknown> = { code: row.code };
  if (row.modifier) out.modifier = row.modifier;
  for (const f of fields) out[f] = row[f];
  return out;
}
