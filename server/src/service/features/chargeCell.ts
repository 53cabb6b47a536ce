/**
 * Where an offset is in a charge file: the line, the cell and what its column holds.
 * Shared by completion and inlay hints; pure, over an already parsed ChargeFile.
 */
import type { ChargeFile, ChargeLine } from '../documents/chargeFile';
import type { ColumnRole } from '../documents/columns';
import { CsvCell, CsvRow, cellValueRange, rowSourceText } from '../../csv/csv';

export interface CellAt {
  /** The data line, absent on the header row. */
  line?: ChargeLine;
  row: CsvRow;
  cell: CsvCell;
  cellIndex: number;
  /** What the column holds, when the header names it. */
  role?: ColumnRole;
  /** The cell's value range (quotes and outer spaces excluded); an empty cell gives an empty range. */
  value: { start: number; end: number; text: string };
}

/** Index of the last row starting at or before `offset` (rows are in document order). */
export function rowIndexAt(rows: readonly CsvRow[], offset: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  if (hi < 0 || rows[0].start > offset) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the row whose text holds `offset` (its end included), -1 outside the rows. */
function rowHolding(file: ChargeFile, offset: number): number {
  const r = rowIndexAt(file.table.rows, offset);
  return r >= 0 && offset <= file.table.rows[r].end ? r : -1;
}

/** Column index → role, from the file's column map. */
export function rolesByColumn(file: ChargeFile): Map<number, ColumnRole> {
  const roles = new Map<number, ColumnRole>();
  for (const [role, columns] of Object.entries(file.columns) as [ColumnRole, number[]][]) {
    for (const c of columns) if (!roles.has(c)) roles.set(c, role);
  }
  return roles;
}

/** The cell the cursor is in (or right after), or undefined outside the table. */
export function cellAt(file: ChargeFile, offset: number): CellAt | undefined {
  const r = rowHolding(file, offset);
  if (r < 0) return undefined;
  const row = file.table.rows[r];
  const cellIndex = row.cells.findIndex((c) => c.start <= offset && offset <= c.end);
  if (cellIndex < 0) return undefined;
  const cell = row.cells[cellIndex];
  const role = rolesByColumn(file).get(cellIndex);
  const line = r === 0 ? undefined : file.lines[r - 1];
  let value = cellValueRange(cell);
  if (value.text === '') value = { start: Math.min(offset, cell.end), end: Math.min(offset, cell.end), text: '' };
  return { line, row, cell, cellIndex, role, value };
}

/** A row's text and where it starts in the document. */
export interface RowText {
  text: string;
  start: number;
}

/**
 * The text of the row that holds `offset` (from the text the row was parsed from, so the
 * document's text is not read), or undefined outside the rows (a comment, a blank line).
 * The characters just outside it are a line break or the text's ends, so a word or token
 * found in it is the one found in the whole text.
 */
export function rowTextAt(file: ChargeFile, offset: number): RowText | undefined {
  const r = rowHolding(file, offset);
  if (r < 0) return undefined;
  const row = file.table.rows[r];
  const text = rowSourceText(row);
  return text === undefined ? undefined : { text, start: row.start };
}

/**
 * The first lines (indexes in `ChargeFile.lines`) of the claims whose lines' rows touch
 * `offset`, as a findings view counts touching: a line's row runs to the next line's row start,
 * that start included (so at a row's start the line before it touches too).
 */
export function claimFirstLinesAt(file: ChargeFile, offset: number): number[] {
  const rows = file.table.rows;
  const r = rowIndexAt(rows, offset);
  const out: number[] = [];
  for (const i of r >= 1 && offset === rows[r].start ? [r - 2, r - 1] : [r - 1]) {
    const line = i >= 0 ? file.lines[i] : undefined;
    const first = line && file.claims.get(line.claimKey)?.lines[0];
    if (first) out.push(first.index);
  }
  return out;
}
