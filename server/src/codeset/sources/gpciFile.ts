/**
 * The CMS GPCI file (PFS "Addendum E": geographic practice cost indices by MAC and locality),
 * CSV: title lines, a header row naming "Locality Number", one row per locality, then
 * footnotes. Read by header names, not positions. Pure; never throws.
 */
import { cellText, parseCsv } from '../../csv/csv';
import type { PaymentLocality } from '../types';
import { SourceProblem, lineLocator } from './rvuFile';

const NUMBER = /^\d+(?:\.\d+)?$/;

export function parseGpciFile(text: string): { localities: PaymentLocality[]; problems: SourceProblem[] } {
  const clean = text.replace(/^\uFEFF/, '');
  const table = parseCsv(clean, ',');
  const lineOf = lineLocator(clean);
  const localities: PaymentLocality[] = [];
  const problems: SourceProblem[] = [];
  let at: Record<string, number> | undefined;
  for (const row of table.rows) {
    const cells = row.cells.map((_c, i) => cellText(row, i).trim());
    if (!at) {
      const find = (re: RegExp): number => cells.findIndex((c) => re.test(c));
      const columns = { mac: find(/contractor|\bMAC\b/i), state: find(/^state$/i), locality: find(/locality number/i), name: find(/locality name/i), work: find(/\bPW GPCI|work GPCI/i), pe: find(/\bPE GPCI/i), mp: find(/\bMP GPCI/i) };
      if (Object.values(columns).every((i) => i >= 0)) at = columns;
      continue;
    }
    const mac = cells[at.mac] ?? '';
    // Footnotes and blank rows after the table: no MAC number.
    if (!/^\d{5}$/.test(mac)) continue;
    const [work, pe, mp] = [cells[at.work], cells[at.pe], cells[at.mp]];
    const locality = cells[at.locality] ?? '';
    if (!/^\d{2}$/.test(locality) || ![work, pe, mp].every((v) => v !== undefined && NUMBER.test(v))) {
      problems.push({ line: lineOf(row.start), message: `Row skipped: MAC ${mac} locality "${locality}" has no locality number or GPCI values.` });
      continue;
    }
    localities.push({ mac, state: cells[at.state] ?? '', locality, name: cells[at.name] ?? '', work: Number(work), practiceExpense: Number(pe), malpractice: Number(mp) });
  }
  if (!at) problems.push({ line: 1, message: 'No header row with "Locality Number" and the GPCI columns.' });
  return { localities, problems };
}
