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

export function feeRowOf(line: CodedItem, codeSet: CodeSet): LineFeeRow | undefined {
  if (!line.codeValue) return undefined;
  const procedure = procedureOf(line, codeSet);
  if (!procedure?.row) return undefined;
  let variant: FeeScheduleRow | undefined;
  for (const m of line.modifiers) {
    if ((m.value === '26' || m.value === 'TC') && procedure.variants.has(m.value)) variant = procedure.variants.get(m.value);
  }
  return { procedure, row: procedure.row, variant };
}

/** Compact data for findings: the indicators a finding rests on, not the whole row. */
export function rowData(row: FeeScheduleRow, fields: readonly (keyof FeeScheduleRow)[]): Record<string, unknown> {
  const out: Record<string, unknown> = { code: row.code };
  if (row.modifier) out.modifier = row.modifier;
  for (const f of fields) out[f] = row[f];
  return out;
}
