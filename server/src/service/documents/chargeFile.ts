/**
 * The charge-file model: a delimited table whose header names its columns, one
 * charge line per data row. Never throws; table damage is in `table.problems`.
 */
import { CsvCell, CsvRow, CsvTable, cellValueRange, parseCsv } from './csv';
import { ColumnMap, ColumnRole, mapColumns } from './columns';
import { splitCodeCell } from './codeToken';

/** A piece of text in the document with its exact range. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** One data row of a charge file, in the coder's terms. */
export interface ChargeLine {
  row: CsvRow;
  /** The procedure code as written (without attached modifiers); absent when the cell is empty. */
  code?: Span;
  /** Modifiers attached to the code cell and from modifier columns, in order. */
  modifiers: Span[];
  /** Trimmed value of a single-valued column, with its range. */
  field(role: ColumnRole): Span | undefined;
}

export interface ChargeFile {
  table: CsvTable;
  headers: string[];
  columns: ColumnMap;
  /** Data rows (the header row excluded). */
  lines: ChargeLine[];
}

export function parseChargeFile(text: string, delimiter?: string): ChargeFile {
  const table = parseCsv(text, delimiter);
  const header = table.rows[0];
  const headers = header ? header.cells.map((c) => c.text.trim()) : [];
  const columns = mapColumns(headers);
  const lines = table.rows.slice(1).map((row) => toChargeLine(row, columns));
  return { table, headers, columns, lines };
}

function span(cell: CsvCell | undefined): Span | undefined {
  if (!cell) return undefined;
  const value = cellValueRange(cell);
  return value.text === '' ? undefined : value;
}

function toChargeLine(row: CsvRow, columns: ColumnMap): ChargeLine {
  const codeCell = span(row.cells[columns.code?.[0] ?? -1]);
  let code: Span | undefined;
  const modifiers: Span[] = [];
  if (codeCell) {
    const token = splitCodeCell(codeCell.text, codeCell.start);
    code = { text: token.code, start: token.start, end: token.end };
    modifiers.push(...token.modifiers);
  }
  for (const index of columns.modifiers ?? []) {
    const cell = span(row.cells[index]);
    if (!cell) continue;
    const re = /[^\s,;|/-]+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(cell.text)) !== null) {
      modifiers.push({ text: m[0], start: cell.start + m.index, end: cell.start + m.index + m[0].length });
    }
  }
  for (const index of columns.modifier ?? []) {
    const cell = span(row.cells[index]);
    if (cell) modifiers.push(cell);
  }
  return {
    row,
    code,
    modifiers,
    field: (role) => span(row.cells[columns[role]?.[0] ?? -1]),
  };
}
