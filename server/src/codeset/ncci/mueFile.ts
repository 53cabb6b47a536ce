/**
 * Reads the NCCI practitioner MUE table (CSV): copyright lines, then the header
 * `HCPCS/CPT Code, Practitioner Services MUE Values, MUE Adjudication Indicator, MUE
 * Rationale`, then one code per row. The indicator cell reads like "2 Date of Service
 * Edit: Policy"; its leading digit is the MAI. Columns found by header names; bad rows
 * reported with their line. Pure; never throws.
 */
import { cellText, isBlankRow, parseCsv } from '../../csv/csv';
import type { MueEdit } from '../types';
import { SourceProblem, lineLocator } from '../sources/rvuFile';

const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** `delimiter`: ',' for the CSV form (default), '\t' for text made from the xlsx form. */
export function parseMueFile(text: string, delimiter = ','): { edits: MueEdit[]; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const table = parseCsv(text.replace(/^\uFEFF/, ''), delimiter);
  const lineOf = lineLocator(text);
  const headerAt = table.rows.findIndex((r) => r.cells.length >= 3 && r.cells.some((c) => /hcpcs|cpt/i.test(c.text) && !/mue/i.test(c.text)) && r.cells.some((c) => /mue value/i.test(c.text)));
  if (headerAt < 0) return { edits: [], problems: [{ line: 1, message: 'No header with "HCPCS/CPT Code" and "MUE Values": is this an NCCI MUE table? File skipped.' }] };
  const names = table.rows[headerAt].cells.map((c) => norm(c.text));
  const code = names.findIndex((n) => /hcpcs|cpt/.test(n) && !/value/.test(n));
  const value = names.findIndex((n) => /mue value/.test(n));
  const mai = names.findIndex((n) => /adjudication/.test(n));
  const rationale = names.findIndex((n) => /rationale/.test(n));
  if (code < 0 || value < 0 || mai < 0) {
    return { edits: [], problems: [{ line: lineOf(table.rows[headerAt].start), message: 'The MUE header lacks the code, value or adjudication-indicator column. File skipped.' }] };
  }
  const edits: MueEdit[] = [];
  for (const row of table.rows.slice(headerAt + 1)) {
    const cell = (i: number): string => cellText(row, i);
    if (isBlankRow(row)) continue;
    const line = lineOf(row.start);
    const c = cell(code).toUpperCase();
    const v = cell(value);
    const m = /^([123])\b/.exec(cell(mai));
    if (!/^[A-Z0-9]{5}$/.test(c)) problems.push({ line, message: `MUE row skipped: "${c}" is not a five-character code.` });
    else if (!/^\d+$/.test(v)) problems.push({ line, message: `MUE row ${c} skipped: value "${v}" is not a whole number.` });
    else if (!m) problems.push({ line, message: `MUE row ${c} skipped: adjudication indicator "${cell(mai)}" does not start with 1, 2 or 3.` });
    else edits.push({ code: c, value: Number(v), mai: m[1] as MueEdit['mai'], rationale: cell(rationale) });
  }
  return { edits, problems };
}
