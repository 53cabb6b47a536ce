/**
 * The two small code tables: BETOS categories (code, description) and places of
 * service (code, description), both CSV with a header row. Pure; never throws.
 */
import { cellText, parseCsv } from '../../csv/csv';
import type { PlaceOfService } from '../types';
import { SourceProblem, lineLocator } from './rvuFile';

function twoColumns(text: string, shape: RegExp): { pairs: [string, string][]; problems: SourceProblem[] } {
  const clean = text.replace(/^\uFEFF/, '');
  const table = parseCsv(clean, ',');
  const lineOf = lineLocator(clean);
  const pairs: [string, string][] = [];
  const problems: SourceProblem[] = [];
  for (const row of table.rows.slice(1)) {
    const code = cellText(row, 0).toUpperCase();
    const name = cellText(row, 1).replace(/\s+/g, ' ');
    if (!shape.test(code) || name === '') {
      problems.push({ line: lineOf(row.start), message: `Row skipped: "${code}" is not a code with a description.` });
      continue;
    }
    pairs.push([code, name]);
  }
  return { pairs, problems };
}

/**
 * BETOS codes. The CMS table in the 2025 record layout spells O1L (lymphedema
 * compression items) with a zero, "01L", while the HCPCS records use O1L; the code is
 * corrected so that the join works.
 */
export function parseBetosTable(text: string): { names: [string, string][]; problems: SourceProblem[] } {
  const { pairs, problems } = twoColumns(text, /^[A-Z0-9]{2,3}$/);
  return { names: pairs.map(([code, name]) => [code === '01L' ? 'O1L' : code, name]), problems };
}

/**
 * Settings paid at the facility rate under the physician fee schedule (Medicare
 * Claims Processing Manual, chapter 12, section 20.4.2): hospitals, ASC, SNF, hospice,
 * ambulances, inpatient psychiatric and rehabilitation facilities, CMHC, PRTF,
 * military treatment facilities, and telehealth outside the patient's home.
 */
const FACILITY_POS = new Set(['02', '19', '21', '22', '23', '24', '26', '31', '34', '41', '42', '51', '52', '53', '56', '61']);

export function parsePlaceOfServiceTable(text: string): { places: PlaceOfService[]; problems: SourceProblem[] } {
  const { pairs, problems } = twoColumns(text, /^\d{2}$/);
  return { places: pairs.map(([code, name]) => ({ code, name, facility: FACILITY_POS.has(code) })), problems };
}
