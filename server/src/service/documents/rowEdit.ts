/**
 * Applying a one-row edit to a parsed charge file in place, so a keystroke does not
 * re-parse 100k lines: the edited row is parsed again, the rows after it move by the
 * edit's length (one pending delta in the table, csv.ts: their cells and the lines' spans
 * read their offsets from them, so nothing per later row is written), and the line moves
 * between claims if its claim key changed. Only
 * for edits that cannot change the table's shape: inside one data row, no line
 * break, no quote, not turning the row into a comment. Anything else returns
 * undefined and the caller parses the whole text.
 */
import type { ChargeFile, ChargeLine } from './chargeFile';
import { NO_SUPPRESSIONS, firstAtOrAfter, isSuppressedLine, lineDateOf, setListed, tallyLine, toChargeLine } from './chargeFile';
import { insertIntoClaim, removeFromClaim } from './claims';
import { readColumns, sameReading } from './columnReading';
import { CsvRow, moveRowsAfter, raggedRow, reparseRow, rowSourceText } from '../../csv/csv';
import type { Suppression } from './suppressions';

/** A text change by offsets into the previous text. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface RowEdit {
  before: ChargeLine;
  after: ChargeLine;
  delta: number;
}

const UNSAFE = /["\r\n]/;

export function applyRowEdit(file: ChargeFile, newText: string, change: TextChange, ruleIds: ReadonlySet<string>): RowEdit | undefined {
  if (UNSAFE.test(change.text)) return undefined;
  const rows = file.table.rows;
  const r = rowAt(rows, change.start);
  if (r < 1 || change.end > rows[r].end) return undefined;
  const row = rows[r];
  // The row's new text from the text it was parsed from, not cut from `newText`: an editor
  // makes the new text by joining pieces, and the first cut of it copies the whole document
  // (7 MB, nearly 1 ms per keystroke on a 100k-line file).
  const oldRowText = rowSourceText(row);
  if (oldRowText === undefined) return undefined;
  const from = change.start - row.start;
  const to = change.end - row.start;
  if (UNSAFE.test(oldRowText.slice(from, to))) return undefined;
  const delta = change.text.length - (change.end - change.start);
  const rowText = oldRowText.slice(0, from) + change.text + oldRowText.slice(to);
  if (rowText.trim() === '' || rowText.startsWith('#')) return undefined;
  // Quotes elsewhere in the row can make a delimiter change meaning; leave those rows to a full parse.
  if (rowText.includes('"')) return undefined;
  // The new row takes the old one's place in the table: same index, same start.
  const newRow = reparseRow(row, rowText, file.table.delimiter);
  if (!newRow) return undefined;
  // A row the column reading sampled may change what a column is read as: then read the whole file again.
  if (r <= file.reading.sampled) {
    const sample = rows.slice(0, file.reading.sampled + 1);
    sample[r] = newRow;
    if (!sameReading(file.reading, readColumns(file.headers, sample, file.reading.custom))) return undefined;
  }

  moveRowsAfter(row, delta);
  for (const c of file.table.comments) if (c.start > row.start) shiftSpan(c, delta);
  for (const s of file.strayComments) if (s.start > row.start) shiftSuppression(s, delta);
  // A line's spans are its row's cells or anchored to them (CellSpan), moved with the rows
  // above; only suppression comments and overrides have offsets of their own.
  const moved = new Set<Suppression>();
  const suppressed = file.suppressed;
  for (let j = firstAtOrAfter(suppressed, r); j < suppressed.length; j++) shiftSuppressions(file.lines[suppressed[j]], delta, moved);
  // Ragged-row problems of this row go; the others after it move.
  const width = rows[0].cells.length;
  file.table.problems = file.table.problems.filter((p) => p.start < row.start || p.start > row.end);
  for (const p of file.table.problems) if (p.start > row.end) shiftSpan(p, delta);
  const ragged = raggedRow(newRow, width);
  if (ragged) {
    file.table.problems.push(ragged);
    file.table.problems.sort((a, b) => a.start - b.start);
  }
  rows[r] = newRow;

  const before = file.lines[r - 1];
  const after = toChargeLine(newRow, before.index, file.columns, before.suppressions.length ? before.suppressions : NO_SUPPRESSIONS, ruleIds, new Map());
  removeFromClaim(file.claims, before);
  insertIntoClaim(file.claims, after);
  tallyLine(file, before, true);
  file.lines[r - 1] = after;
  file.lineDates[r - 1] = lineDateOf(after);
  tallyLine(file, after);
  setListed(file.suppressed, after.index, isSuppressedLine(after));
  file.text = newText;
  return { before, after, delta };
}

/** Index of the row containing `offset` (binary search over row starts). */
function rowAt(rows: readonly CsvRow[], offset: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function shiftSpan(s: { start: number; end: number }, delta: number): void {
  s.start += delta;
  s.end += delta;
}

function shiftSuppression(s: Suppression, delta: number): void {
  shiftSpan(s, delta);
  for (const r of s.rules) shiftSpan(r, delta);
}

/** Moves a line's suppression comments and override (its other spans move with its row's cells). */
function shiftSuppressions(line: ChargeLine, delta: number, moved: Set<Suppression>): void {
  if (line.override) shiftSuppression(line.override, delta);
  for (const s of line.suppressions) {
    if (!moved.has(s)) {
      moved.add(s);
      shiftSuppression(s, delta);
    }
  }
}
