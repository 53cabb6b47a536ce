/**
 * Reads an NCCI practitioner PTP file (`ccipra-v###r0-f#.txt`): copyright and title
 * lines, a header naming the columns (possibly split over two lines), then one
 * tab-separated edit per line: Column 1, Column 2, "*" when in existence prior to
 * 1996, effective date YYYYMMDD, deletion date YYYYMMDD or "*", modifier indicator
 * 0/1/9, rationale. Columns are found by their header names. Every bad row is
 * reported with its line; nothing throws. Rows go to `sink` one by one, so two
 * million rows never sit in memory as objects.
 */
import type { SourceProblem } from '../sources/rvuFile';

export interface PtpRow {
  column1: string;
  column2: string;
  prior1996: boolean;
  /** YYYYMMDD as a number; deletion 0 when none ("*"). */
  effective: number;
  deletion: number;
  modifierIndicator: 0 | 1 | 9;
  rationale: string;
}

type Column = 'column1' | 'column2' | 'prior1996' | 'effective' | 'deletion' | 'modifier' | 'rationale';

/** Header text (lower case, joined over the header lines) → column. Order matters: first match wins. */
const HEADER_PATTERNS: [Column, RegExp][] = [
  ['column1', /column\s*1|column\s*one/],
  ['column2', /column\s*2|column\s*two/],
  ['prior1996', /prior\s*to\s*1996|1996/],
  ['effective', /effective/],
  ['deletion', /deletion/],
  ['modifier', /modifier/],
  ['rationale', /rationale/],
];

const CODE = /^[A-Z0-9]{5}$/;

/** YYYYMMDD → number, or undefined when not a plausible date. */
export function ymd(text: string): number | undefined {
  if (!/^\d{8}$/.test(text)) return undefined;
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return Number(text);
}

export interface PtpParseResult {
  rows: number;
  problems: SourceProblem[];
}

export function parsePtpFile(text: string, sink: (row: PtpRow) => void, maxProblems = 1000): PtpParseResult {
  const problems: SourceProblem[] = [];
  let suppressed = 0;
  const problem = (line: number, message: string): void => {
    if (problems.length < maxProblems) problems.push({ line, message });
    else suppressed++;
  };
  let index: Record<Column, number> | undefined;
  const headerLines: string[][] = [];
  let rows = 0;
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') {
      if (end === text.length) break;
      continue;
    }
    const cells = line.split('\t');
    const first = cells[0].trim().toUpperCase();
    if (!index) {
      if (CODE.test(first) && cells.length >= 6) {
        index = columnsFrom(headerLines);
        if (!index) {
          problems.push({ line: lineNo, message: 'No header naming Column 1, Column 2, effective and deletion dates, modifier and rationale before the first edit: is this an NCCI PTP file? File skipped.' });
          return { rows, problems };
        }
      } else {
        // Title, copyright or header line: keep tab-separated ones as header candidates.
        if (cells.length >= 4) headerLines.push(cells.map((c) => c.trim().toLowerCase()));
        continue;
      }
    }
    const cell = (c: Column): string => (cells[index![c]] ?? '').trim();
    const column1 = cell('column1').toUpperCase();
    const column2 = cell('column2').toUpperCase();
    const prior = cell('prior1996');
    const effective = ymd(cell('effective'));
    const deletionText = cell('deletion');
    const deletion = deletionText === '*' || deletionText === '' ? 0 : ymd(deletionText);
    const modifier = cell('modifier');
    let why: string | undefined;
    if (!CODE.test(column1)) why = `column 1 "${column1}" is not a five-character code`;
    else if (!CODE.test(column2)) why = `column 2 "${column2}" is not a five-character code`;
    else if (effective === undefined) why = `effective date "${cell('effective')}" is not YYYYMMDD`;
    else if (deletion === undefined) why = `deletion date "${deletionText}" is not YYYYMMDD or *`;
    else if (deletion !== 0 && deletion < effective) why = `deletion date ${deletionText} is before the effective date ${cell('effective')}`;
    else if (modifier !== '0' && modifier !== '1' && modifier !== '9') why = `modifier indicator "${modifier}" is not 0, 1 or 9`;
    else if (prior !== '' && prior !== '*') why = `prior-to-1996 flag "${prior}" is not * or blank`;
    if (why) {
      problem(lineNo, `PTP edit skipped: ${why}.`);
      continue;
    }
    rows++;
    sink({
      column1,
      column2,
      prior1996: prior === '*',
      effective: effective as number,
      deletion: deletion as number,
      modifierIndicator: Number(modifier) as 0 | 1 | 9,
      rationale: cell('rationale'),
    });
  }
  if (suppressed > 0) problems.push({ line: lineNo, message: `${suppressed} more bad rows not listed.` });
  return { rows, problems };
}

/**
 * Column positions from the header: the last tab-separated line before the data, or
 * the last two joined (a header split over two lines); earlier lines are titles.
 */
function columnsFrom(headerLines: string[][]): Record<Column, number> | undefined {
  return columnsOf(headerLines.slice(-1)) ?? columnsOf(headerLines.slice(-2));
}

function columnsOf(headerLines: string[][]): Record<Column, number> | undefined {
  if (headerLines.length === 0) return undefined;
  const width = Math.max(...headerLines.map((l) => l.length));
  const names = Array.from({ length: width }, (_, i) => headerLines.map((l) => l[i] ?? '').join(' '));
  const index = {} as Record<Column, number>;
  const used = new Set<number>();
  for (const [column, pattern] of HEADER_PATTERNS) {
    const at = names.findIndex((n, i) => !used.has(i) && pattern.test(n));
    if (at < 0) return undefined;
    index[column] = at;
    used.add(at);
  }
  return index;
}
