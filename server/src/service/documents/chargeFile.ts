/**
 * The charge-file model: a delimited table whose header names its columns, one
 * charge line per data row, lines grouped into claims and service days. Never
 * throws; table damage is in `table.problems`. Built in one pass over the rows,
 * with Maps for the claim index, so a 100k-line export models in linear time.
 */
import { CsvCell, CsvRow, CsvTable, cellValueRange, parseCsv } from './csv';
import { ColumnMap, ColumnRole, mapColumns } from './columns';
import { splitCodeCell } from './codeToken';
import { parseServiceDate } from './dates';
import { Suppression, parseOverride, parseSuppressions } from './suppressions';

/** A piece of text in the document with its exact range. */
export interface Span {
  text: string;
  start: number;
  end: number;
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

/** One data row of a charge file, in the coder's terms. */
export interface ChargeLine {
  row: CsvRow;
  /** Index in `ChargeFile.lines`. */
  index: number;
  /** The procedure code as written (without attached modifiers); absent when the cell is empty. */
  code?: Span;
  /** The code upper-cased, '' when absent. */
  codeValue: string;
  /** Modifiers attached to the code cell and from modifier columns, in order. */
  modifiers: ModifierSpan[];
  /** The date-of-service cell, and its ISO value when it parses. */
  date?: Span;
  dateValue?: string;
  /** Diagnosis codes from the diagnosis columns (a cell may hold several), in order. */
  diagnoses: Span[];
  /** Diagnosis pointer letters (A-L) from a pointer column. */
  pointers: Span[];
  /** Claim this line belongs to (claim id, else patient + date + provider). */
  claimKey: string;
  /** Service day within the claim: date of service + provider. */
  dayKey: string;
  /** `# cpt-lens-disable-next-line` comments directly above the line. */
  suppressions: Suppression[];
  /** The line's `override_reason` cell, read as a suppression. */
  override?: Suppression;
  /** Trimmed value of a single-valued column, with its range. */
  field(role: ColumnRole): Span | undefined;
}

/** The lines of one claim, and the same lines by service day (date + provider). */
export interface Claim {
  key: string;
  lines: ChargeLine[];
  days: Map<string, ChargeLine[]>;
}

export interface ChargeFile {
  text: string;
  table: CsvTable;
  headers: string[];
  columns: ColumnMap;
  /** Data rows (the header row and comment lines excluded). */
  lines: ChargeLine[];
  /** Claims by key, in order of first appearance. */
  claims: Map<string, Claim>;
  /** Suppression comments above the header (they apply to nothing, and are reported). */
  strayComments: Suppression[];
}

export interface ChargeFileOptions {
  delimiter?: string;
  /** Unusual header → role. */
  columns?: Readonly<Record<string, ColumnRole>>;
  /** Rule ids, to read `override_reason` cells that name rules. */
  ruleIds?: ReadonlySet<string>;
}

export function parseChargeFile(text: string, options: ChargeFileOptions = {}): ChargeFile {
  const table = parseCsv(text, options.delimiter, { comments: true });
  const header = table.rows[0];
  const headers = header ? header.cells.map((c) => c.text.trim()) : [];
  const columns = mapColumns(headers, options.columns);
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
  const claims = new Map<string, Claim>();
  for (let r = 1; r < table.rows.length; r++) {
    const line = toChargeLine(table.rows[r], lines.length, columns, byRow.get(r) ?? [], options.ruleIds ?? NO_RULES);
    lines.push(line);
    addToClaim(claims, line);
  }
  return { text, table, headers, columns, lines, claims, strayComments };
}

/** Adds a line to its claim and service day. */
export function addToClaim(claims: Map<string, Claim>, line: ChargeLine): void {
  let claim = claims.get(line.claimKey);
  if (!claim) claims.set(line.claimKey, (claim = { key: line.claimKey, lines: [], days: new Map() }));
  claim.lines.push(line);
  const day = claim.days.get(line.dayKey);
  if (day) day.push(line);
  else claim.days.set(line.dayKey, [line]);
}

function span(cell: CsvCell | undefined): Span | undefined {
  if (!cell) return undefined;
  const value = cellValueRange(cell);
  return value.text === '' ? undefined : value;
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

function toChargeLine(row: CsvRow, index: number, columns: ColumnMap, suppressions: Suppression[], ruleIds: ReadonlySet<string>): ChargeLine {
  const cellOf = (role: ColumnRole): Span | undefined => span(row.cells[columns[role]?.[0] ?? -1]);
  const codeCell = cellOf('code');
  let code: Span | undefined;
  const modifiers: ModifierSpan[] = [];
  if (codeCell) {
    const token = splitCodeCell(codeCell.text, codeCell.start);
    code = { text: token.code, start: token.start, end: token.end };
    for (const m of token.modifiers) modifiers.push({ ...m, value: m.text.toUpperCase(), source: 'code' });
  }
  for (const col of columns.modifiers ?? []) {
    const cell = span(row.cells[col]);
    if (!cell) continue;
    for (const m of splitList(cell)) modifiers.push({ ...m, value: m.text.toUpperCase(), source: 'list', cell: row.cells[col] });
  }
  for (const col of columns.modifier ?? []) {
    const cell = span(row.cells[col]);
    if (cell) modifiers.push({ ...cell, value: cell.text.toUpperCase(), source: 'column', cell: row.cells[col] });
  }
  const diagnoses: Span[] = [];
  for (const col of columns.diagnosis ?? []) {
    const cell = span(row.cells[col]);
    if (cell) diagnoses.push(...splitList(cell, true));
  }
  const pointerCell = cellOf('pointer');
  const pointers: Span[] = [];
  if (pointerCell) {
    // Pointers may be written `AB`, `A,B`, `A B` or `1,2`.
    for (const item of splitList(pointerCell)) {
      if (/^[A-Za-z]+$/.test(item.text)) {
        for (let k = 0; k < item.text.length; k++) pointers.push({ text: item.text[k], start: item.start + k, end: item.start + k + 1 });
      } else pointers.push(item);
    }
  }
  const overrideCell = cellOf('overrideReason');
  const date = cellOf('date');
  const dateValue = date ? parseServiceDate(date.text) : undefined;
  const claim = cellOf('claim')?.text;
  const patient = cellOf('patient')?.text ?? '';
  const provider = cellOf('provider')?.text ?? '';
  const dateKey = dateValue ?? date?.text ?? '';
  const claimKey = claim !== undefined ? `c\u0000${claim}` : `p\u0000${patient}\u0000${dateKey}\u0000${provider}`;
  return {
    row,
    index,
    code,
    codeValue: code ? code.text.toUpperCase() : '',
    modifiers,
    date,
    dateValue,
    diagnoses,
    pointers,
    claimKey,
    dayKey: `${dateKey}\u0000${provider}`,
    suppressions,
    override: overrideCell ? parseOverride(overrideCell, ruleIds) : undefined,
    field: (role) => span(row.cells[columns[role]?.[0] ?? -1]),
  };
}
