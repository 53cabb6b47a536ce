/**
 * Reads an NCCI add-on code edit table (CSV or tab-separated text): title lines, a
 * header, then per row an add-on code, a primary code, dates and the AOC edit type
 * (1, 2 or 3). Columns are found by header names ("Add-on Code", "Primary Code",
 * "AOC Edit Type", effective and deletion dates; when the table dates the code and
 * the edit separately, the edit's dates are used). Bad rows reported with their line.
 */
import { cellText, isBlankRow, parseCsv } from '../../csv/csv';
import type { AddOnEdit } from '../types';
import { SourceProblem, lineLocator } from '../sources/rvuFile';
import { ymd } from './ptpFile';

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export function isoOfNumber(n: number): string {
  if (n === 0) return '';
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** `delimiter`: guessed from the first lines (CSV or tab-separated text) unless given. */
export function parseAocFile(text: string, delimiter?: string): { edits: AddOnEdit[]; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const clean = text.replace(/^\uFEFF/, '');
  const firstLines = clean.slice(0, 4000);
  const table = parseCsv(clean, delimiter ?? ((firstLines.match(/\t/g)?.length ?? 0) > (firstLines.match(/,/g)?.length ?? 0) ? '\t' : ','));
  const lineOf = lineLocator(clean);
  const headerAt = table.rows.findIndex((r) => r.cells.length >= 3 && r.cells.some((c) => /add.?on code/i.test(c.text)) && r.cells.some((c) => /primary code/i.test(c.text)));
  if (headerAt < 0) return { edits: [], problems: [{ line: 1, message: 'No header with "Add-on Code" and "Primary Code": is this an NCCI add-on code table? File skipped.' }] };
  const names = table.rows[headerAt].cells.map((c) => norm(c.text));
  const find = (test: (n: string) => boolean): number => names.findIndex(test);
  const addOn = find((n) => /add on code$/.test(n));
  const primary = find((n) => /^primary code$/.test(n));
  const type = find((n) => /edit type/.test(n));
  const effective = [find((n) => /edit effective/.test(n)), find((n) => /effective/.test(n) && !/add on code|primary/.test(n)), find((n) => /effective/.test(n))].find((i) => i >= 0) ?? -1;
  const deletion = [find((n) => /edit deletion/.test(n)), find((n) => /deletion/.test(n) && !/add on code|primary/.test(n)), find((n) => /deletion/.test(n))].find((i) => i >= 0) ?? -1;
  if (addOn < 0 || primary < 0 || type < 0) {
    return { edits: [], problems: [{ line: lineOf(table.rows[headerAt].start), message: 'The add-on code header lacks the add-on code, primary code or edit type column. File skipped.' }] };
  }
  const edits: AddOnEdit[] = [];
  for (const row of table.rows.slice(headerAt + 1)) {
    const cell = (i: number): string => cellText(row, i);
    if (isBlankRow(row)) continue;
    const line = lineOf(row.start);
    const a = cell(addOn).toUpperCase();
    const p = cell(primary).toUpperCase();
    const t = cell(type);
    const e = cell(effective) === '' ? 0 : ymd(cell(effective));
    const d = cell(deletion) === '' || cell(deletion) === '*' ? 0 : ymd(cell(deletion));
    if (!/^[A-Z0-9]{5}$/.test(a)) problems.push({ line, message: `AOC row skipped: add-on code "${a}" is not a five-character code.` });
    else if (!/^[A-Z0-9]{5}$/.test(p)) problems.push({ line, message: `AOC row ${a} skipped: primary code "${p}" is not a five-character code.` });
    else if (t !== '1' && t !== '2' && t !== '3') problems.push({ line, message: `AOC row ${a}/${p} skipped: edit type "${t}" is not 1, 2 or 3.` });
    else if (e === undefined || d === undefined) problems.push({ line, message: `AOC row ${a}/${p} skipped: a date is not YYYYMMDD.` });
    else edits.push({ addOn: a, primary: p, effective: isoOfNumber(e), deletion: isoOfNumber(d), type: t });
  }
  return { edits, problems };
}
