/**
 * RFC 4180 CSV with exact character offsets for every cell. Never throws: damaged
 * input (unclosed or stray quotes, ragged rows) becomes a problem with a range, and
 * parsing goes on so the rest of the file is still checked.
 */

/** One cell. `start`/`end` are the raw range in the document, quotes included. */
export interface CsvCell {
  /** The value: quotes removed, doubled quotes undone. Not trimmed. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

/**
 * A cell of a parsed table keeps its range as offsets into its row, and reads `start` and
 * `end` from the row: a one-row edit then moves the rows after it (one pending delta, see
 * RowStarts) and no cell of theirs, so a keystroke's model update does not grow with the
 * file (rowEdit.ts).
 *
 * An unquoted cell's text is cut from the source only when read: exports carry many
 * columns the engine never looks at (names, addresses, amounts), and a string per unused
 * cell is most of the garbage of a big file. Until it is read, `to` is where the cell ends
 * in its row; once read, `to` holds the value itself (as long as the cell's range, so the
 * end is `from` plus its length): one field does both jobs, as a million cells each a
 * field smaller are 8 MB less for the garbage collector to copy.
 */
class PlainCell implements CsvCell {
  // On the prototype, not each instance, for the same reason.
  declare quoted: boolean;
  constructor(
    private readonly row: TableRow,
    private readonly from: number,
    private to: number | string,
  ) {}
  get text(): string {
    const to = this.to;
    if (typeof to === 'string') return to;
    const row = this.row;
    const origin = row.origin;
    return (this.to = row.starts.value(row.source, origin + this.from, origin + to));
  }
  get start(): number {
    return this.row.start + this.from;
  }
  get end(): number {
    const to = this.to;
    return this.row.start + (typeof to === 'string' ? this.from + to.length : to);
  }
}
PlainCell.prototype.quoted = false;

/** A quoted cell (rare in exports): its value is made while parsing; its range is in its row, as PlainCell's. */
class QuotedCell implements CsvCell {
  declare quoted: boolean;
  constructor(
    readonly text: string,
    private readonly row: TableRow,
    private readonly from: number,
    private readonly to: number,
  ) {}
  get start(): number {
    return this.row.start + this.from;
  }
  get end(): number {
    return this.row.start + this.to;
  }
}
QuotedCell.prototype.quoted = true;

export interface CsvRow {
  readonly cells: CsvCell[];
  /** Offset of the row's first character. */
  readonly start: number;
  /** Offset just past the row's last cell (before its line break). */
  readonly end: number;
  /** Zero-based index among the non-blank rows (0 is the header). */
  readonly index: number;
}

/**
 * Where each row of one table starts, by row index, with one pending move: rows from
 * `from` on are `delta` further than `starts` says. A one-row edit moves the rows after
 * it by changing the pending move, and writes `starts` only between its row and the
 * previous edit's (nothing while typing in one row), so its cost does not grow with the
 * number of later rows.
 */
class RowStarts {
  private from = 0x7fffffff;
  private delta = 0;
  /** Short cell values read so far, each kept once (see `value`): an open-addressed table of strings by their characters' hash. */
  private values: (string | undefined)[] = emptySlots(MIN_SLOTS);
  private kept = 0;
  constructor(
    private starts: Int32Array,
    /** The table's delimiter (a character code): a row's cells are found again from it when read. */
    readonly delimiter: number,
  ) {}

  /**
   * The value of the cell at `from`..`to` in `source`: the equal string read before from
   * another cell of the table, else cut from the source. Codes, modifiers, dates, units,
   * places of service and identifiers repeat on thousands of rows, and a short string cut
   * from a text is a copy: kept per cell, they were a fifth of a big file's model, and the
   * time a full check spends moving what survives in the garbage collector's young
   * generation grows with them. A repeated value is found by comparing the source's
   * characters with the kept string, so it is not cut at all (a cut and a Map lookup per
   * cell were a tenth of a full check). Long values (a cut of 13 characters or more shares
   * the source's memory) are not kept here.
   */
  value(source: string, from: number, to: number): string {
    const length = to - from;
    if (length > MAX_SHARED_VALUE) return source.slice(from, to);
    let hash = length;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
    const values = this.values;
    const mask = values.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const known = values[slot];
      if (known === undefined) break;
      if (known.length === length && sameChars(known, source, from)) return known;
      slot = (slot + 1) & mask;
    }
    const text = source.slice(from, to);
    // Bounded: a long session of typing adds a value per keystroke; a new table only forgets.
    if (this.kept >= MAX_SHARED_VALUES) {
      this.values = emptySlots(MIN_SLOTS);
      this.kept = 0;
      this.keep(text, hash);
    } else if (2 * (this.kept + 1) > values.length) {
      this.grow();
      this.keep(text, hash);
    } else {
      values[slot] = text;
      this.kept++;
    }
    return text;
  }

  private keep(text: string, hash: number): void {
    const values = this.values;
    const mask = values.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (values[slot] !== undefined) slot = (slot + 1) & mask;
    values[slot] = text;
    this.kept++;
  }

  /** Twice the slots, the kept values placed again. */
  private grow(): void {
    const old = this.values;
    this.values = emptySlots(old.length * 2);
    this.kept = 0;
    for (const text of old) if (text !== undefined) this.keep(text, hashOf(text));
  }

  /** The starts of a table just parsed (made once its rows are counted). */
  reset(starts: Int32Array): void {
    this.starts = starts;
    this.from = 0x7fffffff;
    this.delta = 0;
  }

  at(index: number): number {
    return index >= this.from ? this.starts[index] + this.delta : this.starts[index];
  }

  /** Rows after `index` move by `delta` characters. */
  moveAfter(index: number, delta: number): void {
    const next = index + 1;
    const starts = this.starts;
    const end = starts.length;
    if (this.delta === 0) this.from = next;
    else if (next > this.from) {
      // Settle the pending move on the rows between the previous edit and this one.
      for (let i = this.from; i < next && i < end; i++) starts[i] += this.delta;
      this.from = next;
    } else if (next < this.from) {
      // Those rows move now; the pending move takes this edit's delta too.
      for (let i = next; i < this.from && i < end; i++) starts[i] += delta;
    }
    this.delta += delta;
  }
}

/**
 * A row of a parsed table. `source` is the text it was parsed from and `origin` its first
 * character there (the document's text at parse time; a row parsed again alone, its own
 * text): unread cells cut their text from it.
 *
 * Its cells are made when read, one at a time (`rowCell`) or all at once (`cells`): a
 * charge line reads ten of an export's 20-40 columns, and an object per unread cell was most
 * of a big file's objects, each one copied by the garbage collector while the model is
 * built. The parse only counts a row's cells; where a cell is is found again from the row's
 * text when it is first read. A row with a quoted cell has its cells made while parsing.
 */
class TableRow implements CsvRow {
  /**
   * How many cells it has, until a cell is kept; then its kept cells by index (a hole: not
   * kept). A cell made to be read and not kept (`keep` false) is not held here: a charge line
   * holds the cells it reads, and an array per row was an eighth of the model.
   */
  private made: (CsvCell | undefined)[] | number;
  constructor(
    readonly index: number,
    readonly starts: RowStarts,
    readonly source: string,
    readonly origin: number,
    /** Its length, its line break excluded. */
    public width: number,
    count: number,
  ) {
    this.made = count;
  }
  get start(): number {
    return this.starts.at(this.index);
  }
  /** The end of its last cell. */
  get end(): number {
    return this.starts.at(this.index) + this.width;
  }
  get cells(): CsvCell[] {
    const made = this.made;
    if (typeof made === 'number' || !isFull(made)) return this.makeAll();
    return made as CsvCell[];
  }
  /** How many cells it has. */
  get count(): number {
    const made = this.made;
    return typeof made === 'number' ? made : made.length;
  }

  /** Its cells made while parsing (a row with a quoted cell). */
  setCells(cells: CsvCell[]): void {
    this.made = cells;
  }

  /**
   * Cell `index`, undefined when the row has no such cell. A kept cell is the one `cells`
   * holds at `index` (`keep`: the cell is kept, when a reader needs `cells[index]` to be it);
   * a cell not kept is made again when read again.
   */
  cell(index: number, keep: boolean): CsvCell | undefined {
    const made = this.made;
    if (typeof made !== 'number') {
      const cell = made[index];
      if (cell !== undefined) return cell;
    }
    if (!(index >= 0 && index < this.count)) return undefined;
    const bounds = boundsOf(this);
    const cell = new PlainCell(this, bounds[index], textAt === index ? readText : bounds[index + 1] - 1);
    return keep ? this.keep(index, cell) : cell;
  }

  /** Cell `index` as `cell` gives it, but undefined for an empty one, which is not made. */
  filled(index: number, keep: boolean): CsvCell | undefined {
    const made = this.made;
    if (typeof made !== 'number') {
      const cell = made[index];
      if (cell !== undefined) return cell.text === '' ? undefined : cell;
    }
    if (!(index >= 0 && index < this.count)) return undefined;
    const bounds = boundsOf(this);
    const from = bounds[index];
    const to = bounds[index + 1] - 1;
    if (from === to) return undefined;
    const origin = this.origin;
    const cell = new PlainCell(this, from, this.starts.value(this.source, origin + from, origin + to));
    return keep ? this.keep(index, cell) : cell;
  }

  /** The text of cell `index` (undefined: no such cell), without making the cell. */
  text(index: number): string | undefined {
    const made = this.made;
    if (typeof made !== 'number') {
      const cell = made[index];
      if (cell !== undefined) return cell.text;
    }
    if (!(index >= 0 && index < this.count)) return undefined;
    const bounds = boundsOf(this);
    const origin = this.origin;
    textAt = index;
    return (readText = this.starts.value(this.source, origin + bounds[index], origin + bounds[index + 1] - 1));
  }

  private keep(index: number, cell: CsvCell): CsvCell {
    let made = this.made;
    if (typeof made === 'number') this.made = made = new Array<CsvCell | undefined>(made);
    made[index] = cell;
    return cell;
  }

  private makeAll(): CsvCell[] {
    const before = scanned;
    const count = this.count;
    for (let i = 0; i < count; i++) this.cell(i, true);
    if (before !== this) forgetRow();
    return this.made as CsvCell[];
  }
}

/** Whether every slot of a row's kept cells holds one. */
function isFull(made: (CsvCell | undefined)[]): boolean {
  for (let i = 0; i < made.length; i++) if (made[i] === undefined) return false;
  return true;
}

/**
 * The row whose cells' places `bounds` holds: cell `i` of it is from `bounds[i]` to
 * `bounds[i + 1] - 1` in the row. One row at a time, found again when another is read.
 */
let scanned: TableRow | undefined;
let bounds = new Int32Array(64);
/** The cell of `scanned` whose text `text()` read last, and that text (so making the cell next does not read it again). */
let textAt = -1;
let readText = '';

function boundsOf(row: TableRow): Int32Array {
  if (scanned === row) return bounds;
  const count = row.count;
  if (bounds.length <= count) bounds = new Int32Array(2 * count + 2);
  const source = row.source;
  const origin = row.origin;
  const end = origin + row.width;
  const delim = row.starts.delimiter;
  let n = 0;
  bounds[0] = 0;
  for (let pos = origin; pos < end; pos++) if (source.charCodeAt(pos) === delim) bounds[++n] = pos - origin + 1;
  bounds[n + 1] = row.width + 1;
  scanned = row;
  textAt = -1;
  return bounds;
}

/** Lets go of the row read last (its text is the document's: not kept past a read). */
export function forgetRow(): void {
  scanned = undefined;
  textAt = -1;
  readText = '';
}

/**
 * Cell `index` of `row`, made alone when the row's other cells were not read. Kept (`keep`),
 * it is `row.cells[index]` from then on; not kept, it is a cell of its own, equal to that one
 * (for a reader that holds the cell and never looks for it in `row.cells`).
 */
export function rowCell(row: CsvRow, index: number, keep = true): CsvCell | undefined {
  return row instanceof TableRow ? row.cell(index, keep) : row.cells[index];
}

/** Cell `index` of `row` (as `rowCell`) unless it is empty (''): an empty cell is not made. */
export function filledCell(row: CsvRow, index: number, keep = true): CsvCell | undefined {
  if (row instanceof TableRow) return row.filled(index, keep);
  const cell = row.cells[index];
  return cell === undefined || cell.text === '' ? undefined : cell;
}

/** The text of cell `index` of `row` (as `row.cells[index]?.text`), without making the cell. */
export function rowCellText(row: CsvRow, index: number): string | undefined {
  return row instanceof TableRow ? row.text(index) : row.cells[index]?.text;
}

/** The longest cell value a table keeps once for all its cells (`RowStarts.value`). */
const MAX_SHARED_VALUE = 12;
/** The most distinct values a table keeps so. */
const MAX_SHARED_VALUES = 1 << 20;
/** The slots of a new table of values (a power of two). */
const MIN_SLOTS = 1 << 10;

function emptySlots(count: number): (string | undefined)[] {
  return new Array<string | undefined>(count).fill(undefined);
}

/** The hash `RowStarts.value` computes from a value's characters in the source. */
function hashOf(text: string): number {
  let hash = text.length;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** Whether `text` is the characters of `source` from `from` on. */
function sameChars(text: string, source: string, from: number): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== source.charCodeAt(from + i)) return false;
  return true;
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
  const rows: TableRow[] = [];
  const rowStarts: number[] = [];
  const starts = new RowStarts(EMPTY_STARTS, delim);
  const problems: CsvProblem[] = [];
  const comments: CsvComment[] = [];
  const scratch: CsvCell[] = [];
  const length = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

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
    const row = readRow(text, rowStart, delim, problems, rows.length, starts, scratch);
    pos = rowStart + row.width;
    const rowEnd = pos;
    if (pos < length && text.charCodeAt(pos) === CR) pos++;
    if (pos < length && text.charCodeAt(pos) === LF) pos++;
    // A blank row: one empty cell.
    if (rowEnd === rowStart) continue;
    rows.push(row);
    rowStarts.push(rowStart);
  }
  starts.reset(Int32Array.from(rowStarts));

  const width = rows.length > 0 ? rows[0].count : 0;
  for (const row of rows) {
    if (row.count === width) continue;
    const problem = raggedRow(row, width);
    if (problem) problems.push(problem);
  }
  forgetRow();
  return { delimiter, rows, problems, comments };
}

const EMPTY_STARTS = new Int32Array(0);

/**
 * The row at `base` in `text` (its width is where it ends, before its line break): its
 * cells counted and their damage reported, none made; a row with a quoted cell is read by
 * readCells, its cells made.
 */
function readRow(text: string, base: number, delim: number, problems: CsvProblem[], index: number, starts: RowStarts, scratch: CsvCell[]): TableRow {
  const length = text.length;
  const reported = problems.length;
  let pos = base;
  let count = 1;
  let cellStart = base;
  let sawQuote = -1;
  for (; pos < length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === delim) {
      if (sawQuote >= 0) strayQuote(problems, sawQuote);
      sawQuote = -1;
      count++;
      cellStart = pos + 1;
    } else if (c === LF || c === CR) break;
    else if (c === QUOTE) {
      if (pos === cellStart) {
        // A quoted cell: read the row again, making its cells.
        problems.length = reported;
        const row = new TableRow(index, starts, text, base, 0, 0);
        row.width = readCells(text, base, delim, problems, row, scratch) - base;
        return row;
      }
      if (sawQuote < 0) sawQuote = pos;
    }
  }
  if (sawQuote >= 0) strayQuote(problems, sawQuote);
  return new TableRow(index, starts, text, base, pos - base, count);
}

function strayQuote(problems: CsvProblem[], at: number): void {
  problems.push({ kind: 'stray-quote', start: at, end: at + 1, message: 'Quote character inside an unquoted cell.' });
}

/**
 * Reads the cells of `row` (which starts at `base` in `text`) into it; returns where the row
 * ends (before its line break). The cells are collected in `scratch` (one per parse, reused
 * row after row) and copied out at their exact count: an array grown by push from empty
 * reserves 17 slots, and every row's array lives as long as the model.
 */
function readCells(text: string, base: number, delim: number, problems: CsvProblem[], row: TableRow, scratch: CsvCell[]): number {
  const length = text.length;
  let pos = base;
  let count = 0;
  for (;;) {
    if (text.charCodeAt(pos) === QUOTE) {
      scratch[count++] = readQuoted(text, pos, delim, problems, row, base);
      pos = cellEnd;
    } else {
      const start = pos;
      let sawQuote = -1;
      while (pos < length) {
        const c = text.charCodeAt(pos);
        if (c === delim || c === CR || c === LF) break;
        if (c === QUOTE && sawQuote < 0) sawQuote = pos;
        pos++;
      }
      if (sawQuote >= 0) strayQuote(problems, sawQuote);
      scratch[count++] = new PlainCell(row, start - base, pos - base);
    }
    if (pos < length && text.charCodeAt(pos) === delim) {
      pos++;
      continue;
    }
    break;
  }
  row.setCells(scratch.slice(0, count));
  return pos;
}

/**
 * `row` with its text changed to `text` (one row: no line break, no quote; as rowEdit.ts
 * checks), parsed again: a row of the same table at the same index and start, which
 * replaces `row` there. Undefined for a row not made by parseCsv.
 */
export function reparseRow(row: CsvRow, text: string, delimiter: string): CsvRow | undefined {
  if (!(row instanceof TableRow)) return undefined;
  const fresh = readRow(text, 0, delimiter.charCodeAt(0), [], row.index, row.starts, []);
  if (fresh.width !== text.length) return undefined;
  return fresh;
}

/**
 * The text `row` was parsed from, its line break excluded (the document's at that row as
 * long as every edit since went through reparseRow or a new parse); undefined for a row not
 * made by parseCsv.
 */
export function rowSourceText(row: CsvRow): string | undefined {
  if (!(row instanceof TableRow)) return undefined;
  return row.source.slice(row.origin, row.origin + row.width);
}

/**
 * Moves the rows after `row` in its table by `delta` characters, and their cells with them
 * (they read their offsets from their row). False for a row not made by parseCsv.
 */
export function moveRowsAfter(row: CsvRow, delta: number): boolean {
  if (!(row instanceof TableRow)) return false;
  if (delta !== 0) row.starts.moveAfter(row.index, delta);
  return true;
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

/** Where the quoted cell read last ends in the text (readQuoted returns the cell). */
let cellEnd = 0;

function readQuoted(text: string, start: number, delim: number, problems: CsvProblem[], row: TableRow, base: number): CsvCell {
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
      return readPlainNoReport(text, start, delim, row, base);
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
      const rest = readPlainNoReport(text, pos, delim, row, base);
      problems.push({ kind: 'stray-quote', start: pos - 1, end: pos, message: 'Text follows the closing quote of a quoted cell.' });
      return new QuotedCell(value + rest.text, row, start - base, cellEnd - base);
    }
  }
  cellEnd = pos;
  return new QuotedCell(value, row, start - base, pos - base);
}

function readPlainNoReport(text: string, start: number, delim: number, row: TableRow, base: number): CsvCell {
  cellEnd = plainEnd(text, start, delim);
  return new PlainCell(row, start - base, cellEnd - base);
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
  // value range, so a 100k-row file makes no extra objects for them.
  if (n === 0 || (raw.charCodeAt(0) > 0x20 && raw.charCodeAt(n - 1) > 0x20)) return cell.quoted ? { start: inner, end: inner + n, text: raw } : cell;
  const leading = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  return { start: inner + leading, end: inner + leading + trimmed.length, text: trimmed };
}

/** Whether every cell of a row is blank (`,,,,` at the end of a spreadsheet export). */
export function isBlankRow(row: CsvRow): boolean {
  if (!(row instanceof TableRow)) return row.cells.every((c) => c.text.trim() === '');
  const before = scanned;
  let blank = true;
  for (let i = 0, count = row.count; i < count && blank; i++) blank = row.text(i)!.trim() === '';
  if (before !== row) forgetRow();
  return blank;
}

/** The trimmed text of cell `index` of a row; '' for a missing cell or a column not found (-1). */
export function cellText(row: CsvRow, index: number): string {
  return index < 0 ? '' : (row.cells[index]?.text ?? '').trim();
}
