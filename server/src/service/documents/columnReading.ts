/**
 * How a charge file was read: each column's role from its header (`columns.ts`), from the
 * user's mapping, or, when the header says nothing, from what a sample of its values shows
 * (10-digit NPIs passing the check digit, code shapes, dates, 4-digit revenue codes, money,
 * an identifier that changes between runs of lines: an account). The sample is the first
 * `SAMPLE_ROWS` data rows, so reading stays cheap on a million lines; an edit inside the
 * sample re-reads the file (rowEdit.ts), so the incremental path stays exact.
 */
import { CODE_SHAPE_SOURCE } from '../../codeset/codeShapes';
import { type CsvRow, forgetRow, rowCellText } from '../../csv/csv';
import { ColumnMap, ColumnMapping, ColumnRole, UnusedKind, normaliseHeader, readHeader } from './columns';
import { parseServiceDate } from './dates';

/** Data rows the content inference looks at. */
export const SAMPLE_ROWS = 200;

export type ColumnSource = 'header' | 'setting' | 'content';

export interface ColumnRead {
  index: number;
  header: string;
  role?: ColumnRole;
  /** A column recognised as one the checks do not use. */
  unused?: UnusedKind;
  source?: ColumnSource;
  /** Why content inference gave the role ("10-digit NPIs"). */
  evidence?: string;
}

export interface ColumnReading {
  columns: ColumnRead[];
  map: ColumnMap;
  /** The role lines are grouped by, or undefined: each line is checked alone. */
  groupBy?: 'patient' | 'account' | 'claim';
  /** Data rows the inference sampled (0 when every role came from the header). */
  sampled: number;
  /** The column content suggests as the claim/account key when the file has none. */
  groupCandidate?: number;
  /** The user's mapping it was read with (to read a changed sample again). */
  custom?: Readonly<Record<string, ColumnMapping>>;
}

/** Whether two readings give every column the same role (so the lines read alike). */
export function sameReading(a: ColumnReading, b: ColumnReading): boolean {
  return a.groupCandidate === b.groupCandidate && a.columns.every((c, i) => c.role === b.columns[i]?.role && c.unused === b.columns[i]?.unused);
}

const CODE_VALUE = new RegExp(`^(?:${CODE_SHAPE_SOURCE})(?:[- ]?[A-Z0-9]{2})*$`, 'i');
const REVENUE = /^0\d{3}$/;
const MONEY = /^\(?-?\$?\s?\d{1,3}(?:,?\d{3})*\.\d{2}\)?$/;
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9-]{3,24}$/;

/** The NPI check digit: Luhn over "80840" + the first nine digits. */
export function isNpi(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = `80840${value}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Whether most (80%) of the non-empty values pass, with at least 3 of them. */
function most(values: readonly string[], test: (v: string) => boolean): boolean {
  if (values.length < 3) return false;
  let ok = 0;
  for (const v of values) if (test(v)) ok++;
  return ok >= values.length * 0.8;
}

/**
 * An account or claim key: identifier-like values that repeat in runs of lines (a claim's
 * lines are listed together) and change between runs. Scored by how many runs it makes.
 */
function runScore(values: readonly string[]): number {
  if (values.length < 4 || !most(values, (v) => IDENTIFIER.test(v))) return 0;
  let runs = 1;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) runs++;
  const distinct = new Set(values).size;
  // Unique per row (a line id) or constant (a facility) is not a key; values must come in runs.
  if (distinct < 2 || runs >= values.length * 0.9 || runs > distinct * 1.5) return 0;
  return runs;
}

export function readColumns(headers: readonly string[], rows: readonly CsvRow[], custom?: Readonly<Record<string, ColumnMapping>>): ColumnReading {
  const extra = new Map(Object.entries(custom ?? {}).map(([name, role]) => [normaliseHeader(name), role] as [string, ColumnMapping]));
  const map: ColumnMap = {};
  const best = new Map<ColumnRole, number>();
  const columns: ColumnRead[] = headers.map((header, index) => ({ index, header }));
  const assign = (col: ColumnRead, role: ColumnRole, score: number, source: ColumnSource): void => {
    if (role === 'modifier' || role === 'modifiers' || role === 'diagnosis') {
      (map[role] ??= []).push(col.index);
    } else if (score > (best.get(role) ?? -1)) {
      const previous = map[role]?.[0];
      if (previous !== undefined) columns[previous].role = undefined;
      best.set(role, score);
      map[role] = [col.index];
    } else return;
    col.role = role;
    col.source = source;
  };
  for (const col of columns) {
    const mapped = extra.get(normaliseHeader(col.header));
    if (mapped === 'ignore') {
      col.unused = 'your mapping';
      col.source = 'setting';
      continue;
    }
    if (mapped) {
      assign(col, mapped, 10, 'setting');
      continue;
    }
    const read = readHeader(col.header);
    if (read.role) assign(col, read.role, read.score, 'header');
    else col.unused = read.unused;
  }

  // Content: only for columns the header left unknown, only for roles still missing.
  const open = columns.filter((c) => !c.role && !c.unused);
  let sampled = 0;
  let groupCandidate: number | undefined;
  if (open.length > 0 && rows.length > 1) {
    const sample = rows.slice(1, 1 + SAMPLE_ROWS);
    sampled = sample.length;
    // Values read without making the rows' cells (csv.ts makes them when read).
    const valuesOf = (index: number): string[] => sample.map((r) => rowCellText(r, index)?.trim() ?? '').filter((v) => v !== '');
    let bestRuns = 0;
    for (const col of open) {
      const values = valuesOf(col.index);
      if (values.length === 0) continue;
      const infer = (role: ColumnRole, evidence: string): void => {
        if (map[role]) return;
        assign(col, role, 0, 'content');
        col.evidence = evidence;
      };
      if (most(values, isNpi)) infer('provider', '10-digit NPIs');
      else if (most(values, (v) => CODE_VALUE.test(v))) infer('code', 'CPT/HCPCS codes');
      else if (most(values, (v) => parseServiceDate(v) !== undefined)) infer('date', 'dates');
      else if (most(values, (v) => REVENUE.test(v))) col.unused = 'revenue code';
      else if (most(values, (v) => MONEY.test(v))) col.unused = 'charge amount';
      else {
        const runs = runScore(values);
        if (runs > bestRuns) {
          bestRuns = runs;
          groupCandidate = col.index;
        }
      }
    }
  }
  forgetRow();
  const groupBy = map.patient ? 'patient' : map.account ? 'account' : map.claim ? 'claim' : undefined;
  if (!groupBy && groupCandidate !== undefined) {
    // Content alone decides the grouping only with a clear key; it is named in the reading
    // note and the claim-grouping warning offers to map it.
    columns[groupCandidate].evidence = 'values that repeat in runs of lines';
  }
  return { columns, map, groupBy, sampled, groupCandidate: groupBy ? undefined : groupCandidate, custom };
}
