/**
 * RFC 4180 CSV with exact character offsets for every cell. Never throws: damaged
 * input (unclosed or stray quotes, ragged rows) becomes a problem with a range, and
 * parsing goes on so the rest of the file is still checked.
 */

/** One cell. `start`/`end` are the raw range in the document, quotes included. */
export interface CsvCell {
  /** The value: quotes removed, doubled quotes undone. Not trimmed. */
  readonly text: string;
  start: number;
  end: number;
  quoted: boolean;
}

/**
 * An unquoted cell whose text is cut from the source only when read: exports carry
 * many columns the engine never looks at (names, addresses, amounts), and a string
 * per unused cell is most of the garbage of a big file. Until it is read, `origin` is
 * the cell's start in `source`; `start`/`end` may later move with edits before it
 * (rowEdit.ts). Once read, `source` holds the value itself and `origin` is -1: one
 * field does both jobs, as a million cells each a field smaller are 8 MB less for the
 * garbage collector to copy.
 */
class PlainCell implements CsvCell {
  // On the prototype, not each instance, for the same reason.
  declare quoted: boolean;
  private source: string;
  private origin: number;
  constructor(
    source: string,
    public start: number,
    public end: number,
  ) {
    this.source = source;
    this.origin = start;
  }
  get text(): string {
    if (this.origin >= 0) {
      this.source = this.source.slice(this.origin, this.origin + (this.end - this.start));
      this.origin = -1;
    }
    return this.source;
  }
}
PlainCell.prototype.quoted = false;

export interface CsvRow {
  cells: CsvCell[];
  /** Offset of the row's first character. */
  start: number;
  /** Offset just past the row's last cell (before its line break). */
  end: number;
  /** Zero-based index among the non-blank rows (0 is the header). */
  index: number;
}

export type CsvProblemKind = 'unclosed-quote' | 'stray-quote' | 'ragged-row';

export interface CsvProblem {
  kind: CsvProblemKind;
  start: number;
  end: number;
  message: string;
}

/** A comment line (`# ...` at the start of a row), kept out of the data rows. */
export interface CsvComment {
  /** The line's text after `#`, not trimmed. */
  text: string;
  start: number;
  end: number;
  /** Index (in `rows`) of the row that follows the comment; `rows.length` when none does. */
  nextRow: number;
}

export interface CsvTable {
  delimiter: string;
  rows: CsvRow[];
  problems: CsvProblem[];
  /** Comment lines; only collected when parsing with `{ comments: true }`. */
  comments: CsvComment[];
}

export interface CsvOptions {
  /** Treat lines starting with `# ` (or a lone `#`) as comments (charge files); off for CMS source files. */
  comments?: boolean;
}

const QUOTE = 0x22;
const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;
const CANDIDATE_DELIMITERS = [',', '\t', ';', '|'];

/**
 * The delimiter of a table: the candidate that occurs most often, outside quotes, on
 * the first line and the same number of times on the next lines. Comma when unsure.
 */
export function detectDelimiter(text: string): string {
  const lines = firstLines(text, 5);
  let best = ',';
  let bestScore = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const head = counts[0] ?? 0;
    if (head === 0) continue;
    const consistent = counts.filter((c) => c === head).length;
    const score = head * consistent;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (lines.length < count && pos < text.length) {
    let next = text.indexOf('\n', pos);
    if (next < 0) next = text.length;
    const line = text.slice(pos, next).replace(/\r$/, '');
    if (line.trim() !== '' && !/^#(?:[\s#]|$)/.test(line)) lines.push(line);
    pos = next + 1;
  }
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) count++;
  }
  return count;
}

/** Parses `text` as a delimited table; `delimiter` defaults to the detected one. */
export function parseCsv(text: string, delimiter: string = detectDelimiter(text), options: CsvOptions = {}): CsvTable {
  const delim = delimiter.charCodeAt(0);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const comments: CsvComment[] = [];
  const length = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // A row's cells are collected here and copied out at their exact count: an array grown
  // by push from empty reserves 17 slots, and every row's array lives as long as the model.
  const scratch: CsvCell[] = [];

  while (pos < length) {
    const rowStart = pos;
    if (options.comments && text.charCodeAt(pos) === HASH && isCommentMark(text, pos + 1)) {
      let end = pos;
      while (end < length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
      comments.push({ text: text.slice(pos + 1, end), start: pos, end, nextRow: rows.length });
      pos = end;
      if (pos < length && text.charCodeAt(pos) === CR) pos++;
      if (pos < length && text.charCodeAt(pos) === LF) pos++;
      continue;
    }
    let count = 0;
    for (;;) {
      const cell = text.charCodeAt(pos) === QUOTE ? readQuoted(text, pos, delim, problems) : readPlain(text, pos, delim, problems);
      scratch[count++] = cell;
      pos = cell.end;
      if (pos < length && text.charCodeAt(pos) === delim) {
        pos++;
        continue;
      }
      break;
    }
    const rowEnd = pos;
    if (pos < length && text.charCodeAt(pos) === CR) pos++;
    if (pos < length && text.charCodeAt(pos) === LF) pos++;
    const blank = count === 1 && scratch[0].end === scratch[0].start;
    if (!blank) rows.push({ cells: scratch.slice(0, count), start: rowStart, end: rowEnd, index: rows.length });
  }

  const width = rows.length > 0 ? rows[0].cells.length : 0;
  for (const row of rows) {
    const problem = raggedRow(row, width);
    if (problem) problems.push(problem);
  }
  return { delimiter, rows, problems, comments };
}

/**
 * The problem of a row whose cells do not match the header's `width`, if any. Empty cells
 * past the header's last (a trailing delimiter, as spreadsheets save a formatted column)
 * hold nothing that could be misread: not damage.
 */
export function raggedRow(row: CsvRow, width: number): CsvProblem | undefined {
  if (row.cells.length === width || onlyEmptyAfter(row.cells, width)) return undefined;
  return { kind: 'ragged-row', start: row.start, end: row.end, message: `Row has ${row.cells.length} cells but the header has ${width}.` };
}

/** Whether a row is longer than `width` only by cells with nothing (or only blanks) in them. */
function onlyEmptyAfter(cells: readonly CsvCell[], width: number): boolean {
  if (cells.length < width) return false;
  for (let i = width; i < cells.length; i++) if (cells[i].text.trim() !== '') return false;
  return true;
}

/**
 * After a `#` at the start of a line: a comment only when followed by a blank, another
 * `#`, or the end of the line, so a data row whose first cell is `#A123` stays data.
 */
function isCommentMark(text: string, next: number): boolean {
  return next >= text.length || isCommentChar(text.charCodeAt(next));
}

/** Whether a `#` at the start of a line followed by `c` begins a comment (see isCommentMark). */
export function isCommentChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === HASH || c === CR || c === LF;
}

/** Where an unquoted cell that starts at `start` ends: at the delimiter, the line break or the end. */
export function plainEnd(text: string, start: number, delim: number): number {
  let pos = start;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === delim || c === CR || c === LF) break;
    pos++;
  }
  return pos;
}

function readPlain(text: string, start: number, delim: number, problems: CsvProblem[]): CsvCell {
  let pos = start;
  const length = text.length;
  let sawQuote = -1;
  while (pos < length) {
    const c = text.charCodeAt(pos);
    if (c === delim || c === CR || c === LF) break;
    if (c === QUOTE && sawQuote < 0) sawQuote = pos;
    pos++;
  }
  if (sawQuote >= 0) {
    problems.push({ kind: 'stray-quote', start: sawQuote, end: sawQuote + 1, message: 'Quote character inside an unquoted cell.' });
  }
  return new PlainCell(text, start, pos);
}

function readQuoted(text: string, start: number, delim: number, problems: CsvProblem[]): CsvCell {
  const length = text.length;
  let pos = start + 1;
  let value = '';
  let chunk = pos;
  for (;;) {
    const close = text.indexOf('"', pos);
    if (close < 0) {
      // Unclosed: take the quote literally and end the cell at its line, so one bad
      // quote does not swallow the rest of the file.
      problems.push({ kind: 'unclosed-quote', start, end: start + 1, message: 'Quoted cell is never closed.' });
      return readPlainNoReport(text, start, delim);
    }
    if (close + 1 < length && text.charCodeAt(close + 1) === QUOTE) {
      value += text.slice(chunk, close + 1);
      pos = close + 2;
      chunk = pos;
      continue;
    }
    value += text.slice(chunk, close);
    pos = close + 1;
    break;
  }
  if (pos < length) {
    const c = text.charCodeAt(pos);
    if (c !== delim && c !== CR && c !== LF) {
      // Text after the closing quote: keep it in the cell, report it.
      const rest = readPlainNoReport(text, pos, delim);
      problems.push({ kind: 'stray-quote', start: pos - 1, end: pos, message: 'Text follows the closing quote of a quoted cell.' });
      return { text: value + rest.text, start, end: rest.end, quoted: true };
    }
  }
  return { text: value, start, end: pos, quoted: true };
}

function readPlainNoReport(text: string, start: number, delim: number): CsvCell {
  return new PlainCell(text, start, plainEnd(text, start, delim));
}

/**
 * Offset range of a cell's value in the document: inside the quotes, without
 * surrounding blanks. Exact for cells without doubled quotes, which is every code cell.
 */
export function cellValueRange(cell: CsvCell): { start: number; end: number; text: string } {
  const inner = cell.quoted ? cell.start + 1 : cell.start;
  const raw = cell.text;
  const n = raw.length;
  // Fast path: most cells are unquoted with no surrounding blanks; the cell is its own
  // value range, so a 100k-row file makes no extra objects for them. (Callers that move
  // offsets must not move such a span twice: see rowEdit.ts.)
  if (n === 0 || (raw.charCodeAt(0) > 0x20 && raw.charCodeAt(n - 1) > 0x20)) return cell.quoted ? { start: inner, end: inner + n, text: raw } : cell;
  const leading = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  return { start: inner + leading, end: inner + leading + trimmed.length, text: trimmed };
}

/** Whether every cell of a row is blank (`,,,,` at the end of a spreadsheet export). */
export function isBlankRow(row: CsvRow): boolean {
  return row.cells.every((c) => c.text.trim() === '');
}

/** The trimmed text of cell `index` of a row; '' for a missing cell or a column not found (-1). */
export function cellText(row: CsvRow, index: number): string {
  return index < 0 ? '' : (row.cells[index]?.text ?? '').trim();
}
