/**
 * The charge-file model: a delimited table whose header names its columns, one
 * charge line per data row, lines grouped into claims and service days. Never
 * throws; table damage is in `table.problems`. Built in one pass over the rows,
 * with Maps for the claim index, so a 100k-line export models in linear time.
 */
import { lowerBound } from '../../codeset/sorted';
import type { ProcedureCode } from '../../codeset/types';
import { CsvCell, CsvRow, CsvTable, cellValueRange, filledCell, forgetRow, parseCsv, rowCellText } from '../../csv/csv';
import { ColumnMap, ColumnMapping, ColumnRole } from './columns';
import { ColumnReading, readColumns } from './columnReading';
import { splitCodeCell } from './codeToken';
import { type Claim, addToClaim, trimClaims } from './claims';
import { parseServiceDate } from './dates';
import { Suppression, parseOverride, parseSuppressions } from './suppressions';

export type { Claim };

/** A piece of text in the document with its exact range. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * A span inside a row cell (a modifier of a list, a diagnosis split from its cell, a trimmed
 * value), kept as its distance from the cell's start: it moves with the cell, which moves
 * with its row (csv.ts), so a one-row edit (rowEdit.ts) moves the later rows and nothing of
 * their cells or lines. `start` and `end` are
 * read-only getters on the prototype: read them, do not spread or assign them.
 */
export class CellSpan implements Span {
  constructor(
    readonly text: string,
    private readonly anchor: { readonly start: number },
    private readonly from: number,
  ) {}
  get start(): number {
    return this.anchor.start + this.from;
  }
  get end(): number {
    return this.anchor.start + this.from + this.text.length;
  }
}

/** The modifier spans of a line, anchored to their cell as CellSpan is. */
class CellModifier extends CellSpan implements ModifierSpan {
  constructor(
    text: string,
    anchor: { readonly start: number },
    from: number,
    readonly value: string,
    readonly source: ModifierSource,
    readonly cell: CsvCell | undefined,
  ) {
    super(text, anchor, from);
  }
}

/** Where a modifier was written: attached to the code, in a modifiers list column, or in its own mod1..mod4 column. */
export type ModifierSource = 'code' | 'list' | 'column';

export interface ModifierSpan extends Span {
  /** Upper case, as a payer reads it. */
  value: string;
  source: ModifierSource;
  /** The raw cell the modifier is in (its own cell for mod1..mod4). */
  cell?: CsvCell;
}

/**
 * A code with its modifiers, as the modifier rules read it: a charge line, or a code cited
 * in a note (`47383-22` in prose). Rules that read only this run on both (`CitationRule`).
 */
export interface CodedItem {
  /** Index in `ChargeFile.lines` (for a citation: its line in the note). */
  index: number;
  /** The procedure code as written (without attached modifiers); absent when the cell is empty. */
  code?: Span;
  /** The code upper-cased, '' when absent. */
  codeValue: string;
  /** Modifiers attached to the code and (a charge line) from modifier columns, in order. */
  modifiers: ModifierSpan[];
  /** The units written with it (absent when none). */
  units?: Span;
  /** The CSV row of a charge line; a citation has none (fixes then edit the code's own text). */
  row?: CsvRow;
  /**
   * The code's entry in the code set, looked up once for all rules (see lineFacts/feeRow.ts):
   * undefined until looked up, null when the code set does not know the code.
   */
  procedure: ProcedureCode | null | undefined;
  /** Trimmed value of a single-valued column, with its range (a citation has only units). */
  field(role: ColumnRole): Span | undefined;
}

/** One data row of a charge file, in the coder's terms. */
export interface ChargeLine extends CodedItem {
  row: CsvRow;
  /** The date-of-service cell, and its ISO value when it parses. */
  date?: Span;
  dateValue?: string;
  /** The place-of-service cell. */
  pos?: Span;
  /** Diagnosis codes from the diagnosis columns (a cell may hold several), in order. */
  diagnoses: Span[];
  /** Diagnosis pointer letters (A-L) from a pointer column. */
  pointers: Span[];
  /**
   * The group of lines this line is checked with (see claims.ts): its patient, else its
   * account or encounter, else its claim id. A line with none of them is checked alone,
   * so lines of different patients are never compared.
   */
  claimKey: string;
  /** Service day within the group: date of service + provider. */
  dayKey: string;
  /** What a coder calls the line's claim in a message: claim id, else account, else patient; '' when none. */
  claimLabel: string;
  /** `# cpt-lens-disable-next-line` comments directly above the line. */
  suppressions: Suppression[];
  /** The line's `override_reason` cell, read as a suppression. */
  override?: Suppression;
  /** The file's column map (shared by every line). */
  columns: ColumnMap;
  /**
   * The line as findings name it (code and first modifiers), made by the checker for the
   * first finding on the line; undefined until then. A field, not a WeakMap entry: weak
   * maps of 100k entries are slow for the garbage collector.
   */
  charge: { code: string; modifiers: string[] } | undefined;
}

/** Shared by every line (one function, not a closure per line: 100k lines allocate enough already). */
function field(this: ChargeLine, role: ColumnRole): Span | undefined {
  const index = this.columns[role]?.[0];
  if (index === undefined) return undefined;
  // Kept by the row: a rule may ask again for each finding of a damaged line, and a cell not
  // kept is found again by a scan of its row (of a 300,000-character row, each time).
  const value = spanIn(this.row, index, true);
  forgetRow();
  return value;
}

export interface ChargeFile {
  text: string;
  table: CsvTable;
  headers: string[];
  columns: ColumnMap;
  /** How each column was read (header, setting or content) and what lines are grouped by. */
  reading: ColumnReading;
  /** Data rows (the header row and comment lines excluded). */
  lines: ChargeLine[];
  /** Claims by key, in order of first appearance. */
  claims: Map<string, Claim>;
  /** Suppression comments above the header (they apply to nothing, and are reported). */
  strayComments: Suppression[];
  /**
   * Per line, what the date notes need, in one flat array (a keystroke re-reads it, and
   * 100k line objects are slow to visit): the ISO date; null when the line has a code
   * but no date; undefined when it has no code or its date does not parse.
   */
  lineDates: (string | null | undefined)[];
  /**
   * Lines per code value ('' for a line without a code): file rules that ask whether any
   * line has a kind of code read the distinct codes, not 100k lines, on every keystroke.
   */
  codes: LineTally;
  /** Lines with a code per `lineDates` entry ('' for a code without a date), with each date's first line. */
  dates: LineTally;
  /** Lines without a code per parsed date of service (with `dates`, every date a finding can be on). */
  uncodedDates: LineTally;
  /** Indexes of the lines with suppression comments or an override, in order: the suppression rule reads these, not every line. */
  suppressed: number[];
}

/** Position of the first entry of the sorted `list` that is at least `index`. */
export const firstAtOrAfter = (list: readonly number[], index: number): number => lowerBound(list, index);

/** Puts `index` in the sorted `list` or takes it out. */
export function setListed(list: number[], index: number, listed: boolean): void {
  const at = firstAtOrAfter(list, index);
  if ((list[at] === index) === listed) return;
  if (listed) list.splice(at, 0, index);
  else list.splice(at, 1);
}

/** Whether a line is on `ChargeFile.suppressed`. */
export function isSuppressedLine(line: ChargeLine): boolean {
  return line.suppressions.length > 0 || line.override !== undefined;
}

/**
 * How many lines have each value, and (when it can read a line's value) the first line
 * with each value, kept exact by a one-row edit (`rowEdit.ts`): a file rule then reads the
 * distinct values (tens to thousands) instead of every line, so a keystroke's cost does not
 * grow with the file.
 */
export class LineTally {
  /**
   * Per value: how many lines have it, and the index of its first line; or, after that line
   * lost the value, -1 - the index from which to look for the next one (no line before it
   * has the value), found when someone asks. One Map entry per value: a parse adds 100k lines.
   */
  private readonly byValue = new Map<string, { lines: number; first: number }>();

  /** `valueAt(i)`: the value line `i` is counted under now (undefined: not counted); without it, no first lines are kept. */
  constructor(private readonly valueAt?: (index: number) => string | undefined) {}

  add(value: string, index: number): void {
    const entry = this.byValue.get(value);
    if (!entry) {
      this.byValue.set(value, { lines: 1, first: index });
      return;
    }
    entry.lines++;
    // A stale first (negative) means no line before -1 - first has the value.
    if (entry.first >= 0 ? index < entry.first : index < -1 - entry.first) entry.first = index;
  }

  remove(value: string, index: number): void {
    const entry = this.byValue.get(value);
    if (!entry) return;
    if (entry.lines === 1) this.byValue.delete(value);
    else {
      entry.lines--;
      if (entry.first === index) entry.first = -1 - (index + 1);
    }
  }

  /** How many lines have `value`. */
  count(value: string): number {
    return this.byValue.get(value)?.lines ?? 0;
  }

  /** The values some line has, in no particular order. */
  values(): IterableIterator<string> {
    return this.byValue.keys();
  }

  /** Index of the first line with `value`; undefined when none has it or no first lines are kept. */
  first(value: string): number | undefined {
    const entry = this.byValue.get(value);
    const valueAt = this.valueAt;
    if (!entry || !valueAt) return undefined;
    if (entry.first < 0) {
      // A line at or after the old first's next has it (the count says so): look from there once.
      let at = -1 - entry.first;
      while (valueAt(at) !== value) at++;
      entry.first = at;
    }
    return entry.first;
  }
}

/** The `dates` key of a `lineDates` entry: '' for a line with a code and no date; undefined when not counted. */
function dateKey(entry: string | null | undefined): string | undefined {
  return entry === null ? '' : entry;
}

/** Counts line `index` (already in `file.lines` and `file.lineDates`) in the file's tallies, or (`remove`) takes it out. */
export function tallyLine(file: Pick<ChargeFile, 'codes' | 'dates' | 'uncodedDates' | 'lineDates'>, line: ChargeLine, remove = false): void {
  const index = line.index;
  const date = dateKey(file.lineDates[index]);
  if (remove) {
    file.codes.remove(line.codeValue, index);
    if (date !== undefined) file.dates.remove(date, index);
    else if (!line.code && line.dateValue !== undefined) file.uncodedDates.remove(line.dateValue, index);
  } else {
    file.codes.add(line.codeValue, index);
    if (date !== undefined) file.dates.add(date, index);
    else if (!line.code && line.dateValue !== undefined) file.uncodedDates.add(line.dateValue, index);
  }
}

/** The `lineDates` entry of a line. */
export function lineDateOf(line: ChargeLine): string | null | undefined {
  if (!line.code) return undefined;
  return line.date ? line.dateValue : null;
}

export interface ChargeFileOptions {
  delimiter?: string;
  /** Unusual header → role. */
  columns?: Readonly<Record<string, ColumnMapping>>;
  /** Rule ids, to read `override_reason` cells that name rules. */
  ruleIds?: ReadonlySet<string>;
}

export function parseChargeFile(text: string, options: ChargeFileOptions = {}): ChargeFile {
  const table = parseCsv(text, options.delimiter, { comments: true });
  const header = table.rows[0];
  const headers = header ? header.cells.map((c) => c.text.trim()) : [];
  const reading = readColumns(headers, table.rows, options.columns);
  const columns = reading.map;
  const byRow = new Map<number, Suppression[]>();
  const strayComments: Suppression[] = [];
  for (const comment of table.comments) {
    const parsed = parseSuppressions(comment);
    if (!parsed) continue;
    if (comment.nextRow < 1 || comment.nextRow >= table.rows.length) strayComments.push(parsed);
    else {
      const list = byRow.get(comment.nextRow);
      if (list) list.push(parsed);
      else byRow.set(comment.nextRow, [parsed]);
    }
  }
  const lines: ChargeLine[] = [];
  const lineDates: (string | null | undefined)[] = [];
  const claims = new Map<string, Claim>();
  const dates: DateCache = new Map();
  const tallies = { codes: new LineTally(), dates: new LineTally((i) => dateKey(lineDates[i])), uncodedDates: new LineTally(), lineDates };
  const suppressed: number[] = [];
  let recent: Claim | undefined;
  for (let r = 1; r < table.rows.length; r++) {
    const line = toChargeLine(table.rows[r], lines.length, columns, byRow.get(r) ?? NO_SUPPRESSIONS, options.ruleIds ?? NO_RULES, dates);
    lines.push(line);
    lineDates.push(lineDateOf(line));
    tallyLine(tallies, line);
    if (isSuppressedLine(line)) suppressed.push(line.index);
    recent = addToClaim(claims, line, recent);
  }
  trimClaims(claims);
  return { text, table, headers, columns, reading, lines, claims, strayComments, ...tallies, suppressed };
}

function span(cell: CsvCell | undefined): Span | undefined {
  if (!cell) return undefined;
  const value = cellValueRange(cell);
  if (value.text === '') return undefined;
  // Most cells are their own value; a trimmed or quoted one gets a span that moves with it.
  return value === cell ? value : new CellSpan(value.text, cell, value.start - cell.start);
}

/** `item` (a span inside `cell`, at document offsets) as a span that moves with the cell. */
function inCell(item: Span, cell: CsvCell): Span {
  return item === cell ? item : new CellSpan(item.text, cell, item.start - cell.start);
}

const isListSeparator = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x2c || c === 0x3b || c === 0x7c || c === 0x2f || c === 0x2d || c === 0x0a || c === 0x0d;

/** Splits a list cell (`22 51`, `22,51`, `22|51`, `22-51`, `E11.9; I10`) into its items. */
export function splitList(cell: Span, keepDash = false): Span[] {
  const out: Span[] = [];
  const t = cell.text;
  let i = 0;
  while (i < t.length) {
    while (i < t.length && isListSeparator(t.charCodeAt(i)) && !(keepDash && t.charCodeAt(i) === 0x2d)) i++;
    const from = i;
    while (i < t.length && !(isListSeparator(t.charCodeAt(i)) && !(keepDash && t.charCodeAt(i) === 0x2d))) i++;
    if (i > from) out.push({ text: t.slice(from, i), start: cell.start + from, end: cell.start + i });
  }
  return out;
}

const NO_RULES: ReadonlySet<string> = new Set();
export const NO_SUPPRESSIONS: Suppression[] = [];

/** Dates repeat on thousands of lines: parse each distinct text once per file. */
export type DateCache = Map<string, string | undefined>;

/** Service-day keys by provider and date, built once each (thousands of lines share one). */
const dayKeys = new WeakMap<DateCache, Map<string, Map<string, string>>>();

/** The group key of a kind ('p', 'a', 'c') and an identifier: the last one made again when it repeats (a claim's lines are listed together). */
function groupKey(kind: string, id: string): string {
  if (id === lastGroupId && kind === lastGroupKind) return lastGroupKey;
  lastGroupKind = kind;
  lastGroupId = id;
  return (lastGroupKey = `${kind}\u0000${id}`);
}
let lastGroupKind = '';
let lastGroupId = '';
let lastGroupKey = '';

/** The service-day key made last, and what it was made of (consecutive lines usually share a day). */
let lastDayCache: DateCache | undefined;
let lastDayProvider = '';
let lastDayDate = '';
let lastDayKey = '';

function dayKeyOf(provider: string, date: string, cache: DateCache): string {
  if (provider === '') return date;
  if (cache === lastDayCache && provider === lastDayProvider && date === lastDayDate) return lastDayKey;
  lastDayCache = cache;
  lastDayProvider = provider;
  lastDayDate = date;
  return (lastDayKey = dayKeyFor(provider, date, cache));
}

function dayKeyFor(provider: string, date: string, cache: DateCache): string {
  let byProvider = dayKeys.get(cache);
  if (!byProvider) dayKeys.set(cache, (byProvider = new Map()));
  let byDate = byProvider.get(provider);
  if (!byDate) byProvider.set(provider, (byDate = new Map()));
  let key = byDate.get(date);
  if (key === undefined) byDate.set(date, (key = `${date}\u0000${provider}`));
  return key;
}

function dateOf(text: string, cache: DateCache): string | undefined {
  if (cache.has(text)) return cache.get(text);
  const value = parseServiceDate(text);
  cache.set(text, value);
  return value;
}

function hasSeparator(text: string, keepDash: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isListSeparator(c) && !(keepDash && c === 0x2d)) return true;
  }
  return false;
}

/** A single-valued column's trimmed cell, undefined when the file lacks the column or the cell is empty. */
function spanAt(row: CsvRow, columns: ColumnMap, role: ColumnRole): Span | undefined {
  const list = columns[role];
  return list === undefined ? undefined : spanIn(row, list[0]);
}

/**
 * Cell `index` of `row` trimmed (as `span`), undefined when it is empty or blank: an empty
 * cell (most modifier cells) is not made (csv.ts makes a row's cells when read).
 */
function spanIn(row: CsvRow, index: number, keep = false): Span | undefined {
  const cell = filledCell(row, index, keep);
  return cell === undefined ? undefined : span(cell);
}

/** `cellValueRange(cell).text` of a cell with this text. */
function valueOf(text: string): string {
  const n = text.length;
  return n === 0 || (text.charCodeAt(0) > 0x20 && text.charCodeAt(n - 1) > 0x20) ? text : text.trim();
}

/** A single-valued column's trimmed text (as `spanAt(...)?.text`), undefined when empty; no cell is made. */
function textAt(row: CsvRow, columns: ColumnMap, role: ColumnRole): string | undefined {
  const list = columns[role];
  if (list === undefined) return undefined;
  const text = rowCellText(row, list[0]);
  if (text === undefined) return undefined;
  const value = valueOf(text);
  return value === '' ? undefined : value;
}

/**
 * A line's modifiers, diagnoses and pointers are collected in these (reused line after line)
 * and copied out at their exact count: a list grown by push from empty reserves 17 slots,
 * garbage for every line of a big file.
 */
const scratchModifiers: ModifierSpan[] = [];
const scratchDiagnoses: Span[] = [];
const scratchPointers: Span[] = [];

/** The first `count` items of `scratch` as a list of their own (NONE when empty), and `scratch` emptied of them. */
function takeOut<T>(scratch: T[], count: number): T[] {
  if (count === 0) return NONE;
  // A literal for the usual one or two items: exact, and cheaper than a slice.
  if (count === 1) {
    const only = [scratch[0]];
    scratch[0] = undefined as T;
    return only;
  }
  if (count === 2) {
    const pair = [scratch[0], scratch[1]];
    scratch[0] = scratch[1] = undefined as T;
    return pair;
  }
  const out = scratch.slice(0, count);
  // A damaged cell of 100,000 codes leaves no list that long behind.
  if (count > 1024) scratch.length = 0;
  else scratch.fill(undefined as T, 0, count);
  return out;
}

/** A modifier in its own mod1..mod4 column (`cell`, trimmed to `value`). */
function columnModifier(value: Span, cell: CsvCell): ModifierSpan {
  return new CellModifier(value.text, cell, value.start - cell.start, value.text.toUpperCase(), 'column', cell);
}

/** Shared by lines with no modifiers, diagnoses or pointers (most lines lack some): never pushed to. */
const NONE: never[] = [];
const LETTERS_ONLY = /^[A-Za-z]+$/;

export function toChargeLine(row: CsvRow, index: number, columns: ColumnMap, suppressions: Suppression[], ruleIds: ReadonlySet<string>, dates: DateCache): ChargeLine {
  // Plain functions, not closures over this line: a closure per line allocates a context.
  // Every span below is a row cell or a CellSpan anchored to one, so a one-row edit that
  // moves the cells of later rows moves their lines' spans too (rowEdit.ts relies on it).
  // A cell read once: not kept by the row (csv.ts), the line holds it or a span anchored to it.
  const codeRaw = columns.code === undefined ? undefined : filledCell(row, columns.code[0], false);
  const codeCell = codeRaw && span(codeRaw);
  let code: Span | undefined;
  let modifierCount = 0;
  if (codeCell) {
    if (!hasSeparator(codeCell.text, false)) code = codeCell;
    else {
      const raw = codeRaw!;
      const token = splitCodeCell(codeCell.text, codeCell.start);
      code = new CellSpan(token.code, raw, token.start - raw.start);
      for (const m of token.modifiers) scratchModifiers[modifierCount++] = new CellModifier(m.text, raw, m.start - raw.start, m.text.toUpperCase(), 'code', undefined);
    }
  }
  if (columns.modifiers) {
    for (const col of columns.modifiers) {
      // Kept by the row: fixes find a line's list modifiers by their cell, `row.cells[col]` (lineEdits.ts).
      const raw = filledCell(row, col, true);
      const cell = raw && span(raw);
      if (!cell) continue;
      const items = hasSeparator(cell.text, false) ? splitList(cell) : [cell];
      for (const m of items) scratchModifiers[modifierCount++] = new CellModifier(m.text, raw, m.start - raw.start, m.text.toUpperCase(), 'list', raw);
    }
  }
  if (columns.modifier) {
    for (const col of columns.modifier) {
      const raw = filledCell(row, col, false);
      const cell = raw && span(raw);
      if (cell) scratchModifiers[modifierCount++] = columnModifier(cell, raw!);
    }
  }
  let diagnosisCount = 0;
  if (columns.diagnosis) {
    for (const col of columns.diagnosis) {
      const raw = filledCell(row, col, false);
      const cell = raw && span(raw);
      if (!cell) continue;
      // A loop, not push(...list): a cell of 150,000 codes would overflow the call stack.
      if (hasSeparator(cell.text, true)) {
        for (const dx of splitList(cell, true)) scratchDiagnoses[diagnosisCount++] = inCell(dx, raw!);
      }
      else scratchDiagnoses[diagnosisCount++] = cell;
    }
  }
  const pointerRaw = columns.pointer === undefined ? undefined : filledCell(row, columns.pointer[0], false);
  const pointerCell = pointerRaw && span(pointerRaw);
  let pointerCount = 0;
  if (pointerCell) {
    const raw = pointerRaw!;
    // Pointers may be written `AB`, `A,B`, `A B` or `1,2`.
    for (const item of splitList(pointerCell)) {
      if (LETTERS_ONLY.test(item.text)) {
        for (let k = 0; k < item.text.length; k++) scratchPointers[pointerCount++] = new CellSpan(item.text[k], raw, item.start + k - raw.start);
      } else scratchPointers[pointerCount++] = inCell(item, raw);
    }
  }
  // The model lives as long as the document: each list at its length, usually one or two.
  const modifiers: ModifierSpan[] = takeOut(scratchModifiers, modifierCount);
  const diagnoses = takeOut(scratchDiagnoses, diagnosisCount);
  const pointers = takeOut(scratchPointers, pointerCount);
  const overrideCell = spanAt(row, columns, 'overrideReason');
  const date = spanAt(row, columns, 'date');
  const dateValue = date ? dateOf(date.text, dates) : undefined;
  // Read as text only: no cell is made for them.
  const claim = textAt(row, columns, 'claim');
  const account = textAt(row, columns, 'account');
  const patient = textAt(row, columns, 'patient');
  const provider = textAt(row, columns, 'provider') ?? '';
  const units = spanAt(row, columns, 'units');
  const pos = spanAt(row, columns, 'pos');
  forgetRow();
  const dateKey = dateValue ?? date?.text ?? '';
  // Prefixed per kind so a patient "1001" and a claim "1001" are different groups; a
  // line with no identifier is a group of its own (its row index never repeats).
  const claimKey = patient !== undefined ? groupKey('p', patient) : account !== undefined ? groupKey('a', account) : claim !== undefined ? groupKey('c', claim) : `l\u0000${index}`;
  return {
    row,
    index,
    code,
    codeValue: code ? code.text.toUpperCase() : '',
    modifiers,
    date,
    dateValue,
    units,
    pos,
    diagnoses,
    pointers,
    claimKey,
    dayKey: dayKeyOf(provider, dateKey, dates),
    claimLabel: claim ?? account ?? patient ?? '',
    suppressions,
    override: overrideCell ? parseOverride(overrideCell, ruleIds) : undefined,
    columns,
    procedure: undefined,
    charge: undefined,
    field,
  };
}

