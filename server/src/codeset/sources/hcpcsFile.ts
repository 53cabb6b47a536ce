/**
 * Reads the CMS alpha-numeric HCPCS file (ANWEB), Level II procedure codes and
 * modifiers. Two forms of the same release are read:
 * - the fixed-width text file (`HCPCyyyy_MMM_ANWEB_*.txt`, 320-byte records, layout in
 *   `HCPCyyyy_recordlayout.txt`): RIC 3/7 lines open a procedure/modifier record with
 *   its details, RIC 4/8 lines continue its long description;
 * - a CSV with the xlsx's column names (`HCPC, RECID, LONG DESCRIPTION, ...`), one row
 *   per code, found by header names.
 * And the long-description-only supplement (`HCPCS, LONG_DESCRIPTION`).
 * Pure: text in, records and problems out; never throws.
 */
import { cellText, isBlankRow, parseCsv } from '../../csv/csv';
import { isoOfYmd } from '../validity';
import { SourceProblem, lineLocator } from './rvuFile';

/** One Level II code or modifier as the HCPCS file gives it; dates ISO or ''. */
export interface HcpcsRecord {
  code: string;
  kind: 'procedure' | 'modifier';
  longDescription: string;
  shortDescription: string;
  /** Up to four pricing indicators, blanks dropped. */
  pricing: string[];
  coverage: string;
  betos: string;
  addDate: string;
  actionEffectiveDate: string;
  terminationDate: string;
  actionCode: string;
  /** One-based line of the record's first line in the source. */
  line: number;
}

export interface HcpcsFile {
  records: HcpcsRecord[];
  problems: SourceProblem[];
}

/** Whitespace runs become one space (the file pads each 80-character description piece). */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Fixed-width field by one-based inclusive positions, as the record layout gives them. */
const field = (line: string, from: number, to: number): string => line.slice(from - 1, to).trim();

function dates(raw: { add: string; eff: string; term: string }, line: number, code: string, problems: SourceProblem[]): { addDate: string; actionEffectiveDate: string; terminationDate: string } | undefined {
  const addDate = isoOfYmd(raw.add);
  const actionEffectiveDate = isoOfYmd(raw.eff);
  const terminationDate = isoOfYmd(raw.term);
  if (addDate === undefined || actionEffectiveDate === undefined || terminationDate === undefined) {
    problems.push({ line, message: `Record ${code} skipped: a date is not YYYYMMDD (add "${raw.add}", effective "${raw.eff}", termination "${raw.term}").` });
    return undefined;
  }
  return { addDate, actionEffectiveDate, terminationDate };
}

export function parseHcpcsFixedWidth(text: string): HcpcsFile {
  const records: HcpcsRecord[] = [];
  const problems: SourceProblem[] = [];
  const lines = text.split('\n');
  let open: { record: HcpcsRecord; pieces: string[] } | undefined;
  const close = (): void => {
    if (open) open.record.longDescription = collapse(open.pieces.join(' '));
    open = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const ric = line[10];
    if (ric === '4' || ric === '8') {
      const code = ric === '8' ? field(line, 4, 5) : field(line, 1, 5);
      if (!open || open.record.code !== code) {
        problems.push({ line: i + 1, message: `Continuation line for ${code} does not follow its record; skipped.` });
        continue;
      }
      open.pieces.push(line.slice(11, 91));
      continue;
    }
    close();
    if (ric !== '3' && ric !== '7') {
      problems.push({ line: i + 1, message: `Unknown record identification code "${ric ?? ''}"; line skipped.` });
      continue;
    }
    const kind = ric === '3' ? 'procedure' : 'modifier';
    const code = (kind === 'modifier' ? field(line, 4, 5) : field(line, 1, 5)).toUpperCase();
    if (kind === 'procedure' ? !/^[A-Z0-9]{5}$/.test(code) : !/^[A-Z0-9]{2}$/.test(code)) {
      problems.push({ line: i + 1, message: `"${code}" is not a ${kind === 'procedure' ? 'five-character code' : 'two-character modifier'}; line skipped.` });
      continue;
    }
    const d = dates({ add: field(line, 269, 276), eff: field(line, 277, 284), term: field(line, 285, 292) }, i + 1, code, problems);
    if (!d) continue;
    const record: HcpcsRecord = {
      code,
      kind,
      longDescription: '',
      shortDescription: collapse(field(line, 92, 119)),
      pricing: [field(line, 120, 121), field(line, 122, 123), field(line, 124, 125), field(line, 126, 127)].filter(Boolean),
      coverage: field(line, 230, 230),
      betos: field(line, 257, 259),
      ...d,
      actionCode: field(line, 293, 293),
      line: i + 1,
    };
    records.push(record);
    open = { record, pieces: [line.slice(11, 91)] };
  }
  close();
  return { records, problems };
}

const norm = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The xlsx form saved as CSV: header `HCPC, SEQNUM, RECID, LONG DESCRIPTION, ...`. */
export function parseHcpcsCsv(text: string): HcpcsFile {
  const problems: SourceProblem[] = [];
  const table = parseCsv(text, ',');
  const lineOf = lineLocator(text);
  const headerIndex = table.rows.findIndex((r) => norm(r.cells[0]?.text ?? '') === 'HCPC' || norm(r.cells[0]?.text ?? '') === 'HCPCS');
  if (headerIndex < 0) return { records: [], problems: [{ line: 1, message: 'No header row starting with "HCPC" found: is this an HCPCS file?' }] };
  const names = table.rows[headerIndex].cells.map((c) => norm(c.text));
  const col = (name: string): number => names.indexOf(name);
  const need = { code: col(names[0]), recid: col('RECID'), long: col('LONGDESCRIPTION'), short: col('SHORTDESCRIPTION'), cov: col('COV'), betos: col('BETOS'), add: col('ADDDT'), eff: col('ACTEFFDT'), term: col('TERMDT'), action: col('ACTIONCD') };
  const missing = Object.entries(need).filter(([, i]) => i < 0).map(([k]) => k);
  if (missing.length > 0) return { records: [], problems: [{ line: lineOf(table.rows[headerIndex].start), message: `Columns missing from the header: ${missing.join(', ')}.` }] };
  const priceCols = ['PRICE1', 'PRICE2', 'PRICE3', 'PRICE4'].map(col).filter((i) => i >= 0);
  const records: HcpcsRecord[] = [];
  for (const row of table.rows.slice(headerIndex + 1)) {
    const cell = (i: number): string => cellText(row, i);
    const line = lineOf(row.start);
    if (isBlankRow(row)) continue;
    const recid = cell(need.recid);
    const code = cell(need.code).toUpperCase();
    const kind = recid === '3' ? 'procedure' : recid === '7' ? 'modifier' : undefined;
    if (!kind || (kind === 'procedure' ? !/^[A-Z0-9]{5}$/.test(code) : !/^[A-Z0-9]{2}$/.test(code))) {
      problems.push({ line, message: `Row skipped: code "${code}" with RECID "${recid}" is not a procedure (3) or modifier (7) record.` });
      continue;
    }
    const d = dates({ add: cell(need.add), eff: cell(need.eff), term: cell(need.term) }, line, code, problems);
    if (!d) continue;
    records.push({
      code,
      kind,
      longDescription: collapse(cell(need.long)),
      shortDescription: collapse(cell(need.short)),
      pricing: priceCols.map(cell).filter(Boolean),
      coverage: cell(need.cov),
      betos: cell(need.betos),
      ...d,
      actionCode: cell(need.action),
      line,
    });
  }
  return { records, problems };
}

/** Either form, told apart by the first line. */
export function parseHcpcsFile(text: string): HcpcsFile {
  const first = text.slice(0, text.indexOf('\n') >>> 0);
  return /^\s*"?HCPCS?"?\s*,/i.test(first) ? parseHcpcsCsv(text) : parseHcpcsFixedWidth(text);
}

/** The long-description-only supplement: `HCPCS,LONG_DESCRIPTION`, one row per code. */
export function parseLongDescriptionOnly(text: string): { codes: { code: string; longDescription: string; line: number }[]; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const table = parseCsv(text, ',');
  const lineOf = lineLocator(text);
  const header = table.rows[0]?.cells.map((c) => norm(c.text)) ?? [];
  const codeCol = header.findIndex((h) => h === 'HCPCS' || h === 'HCPC');
  const longCol = header.indexOf('LONGDESCRIPTION');
  if (codeCol < 0 || longCol < 0) return { codes: [], problems: [{ line: 1, message: 'Expected a header with HCPCS and LONG_DESCRIPTION.' }] };
  const codes: { code: string; longDescription: string; line: number }[] = [];
  for (const row of table.rows.slice(1)) {
    if (isBlankRow(row)) continue;
    const code = cellText(row, codeCol).toUpperCase();
    const line = lineOf(row.start);
    if (!/^[A-Z0-9]{2}$|^[A-Z0-9]{5}$/.test(code)) {
      problems.push({ line, message: `Row skipped: "${code}" is not a code or modifier.` });
      continue;
    }
    codes.push({ code, longDescription: collapse(row.cells[longCol]?.text ?? ''), line });
  }
  return { codes, problems };
}
