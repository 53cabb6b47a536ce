/**
 * Reads the CMS national physician fee-schedule RVU file (PPRRVUyyyy_Mmm.csv): title
 * and copyright lines, a header split over several lines, then one row per code and
 * per 26/TC/53 variant. Columns are found by their header names, not positions, so a
 * later quarter's file with the same names reads the same way. Pure: text in, rows
 * and problems out; never throws.
 */
import { cellText, parseCsv } from '../../csv/csv';
import { lastAtOrBefore } from '../sorted';
import type { FeeScheduleRow } from '../types';

export interface SourceProblem {
  /** One-based line in the source file. */
  line: number;
  message: string;
}

export interface RvuFile {
  /** e.g. "2025 National Physician Fee Schedule Relative Value File October Release". */
  title: string;
  rows: FeeScheduleRow[];
  problems: SourceProblem[];
}

/** Combined header names (upper case, letters and digits only) → field. */
const COLUMNS = {
  code: 'HCPCS',
  modifier: 'MOD',
  descriptor: 'DESCRIPTION',
  status: 'STATUSCODE',
  notUsed: 'NOTUSEDFORMEDICAREPAYMENT',
  work: 'WORKRVU',
  peNonFacility: 'NONFACPERVU',
  nonFacilityNA: 'NONFACNAINDICATOR',
  peFacility: 'FACILITYPERVU',
  facilityNA: 'FACILITYNAINDICATOR',
  malpractice: 'MPRVU',
  totalNonFacility: 'NONFACILITYTOTAL',
  totalFacility: 'FACILITYTOTAL',
  pctc: 'PCTCIND',
  globalDays: 'GLOBDAYS',
  multipleProcedure: 'MULTPROC',
  bilateral: 'BILATSURG',
  assistant: 'ASSTSURG',
  coSurgeons: 'COSURG',
  teamSurgery: 'TEAMSURG',
  endoscopicBase: 'ENDOBASE',
  conversionFactor: 'CONVFACTOR',
} as const;

/** The OPPS imaging-cap columns (present in the files since 2007; optional, so an older layout still reads). */
const OPPS_COLUMNS = {
  oppsPeNonFacility: 'NONFACILITYPEUSEDFOROPPSPAYMENTAMOUNT',
  oppsPeFacility: 'FACILITYPEUSEDFOROPPSPAYMENTAMOUNT',
  oppsMalpractice: 'MPUSEDFOROPPSPAYMENTAMOUNT',
} as const;

type Field = keyof typeof COLUMNS;

const norm = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function parseRvuFile(text: string): RvuFile {
  const problems: SourceProblem[] = [];
  const table = parseCsv(text, ',');
  const lineOf = lineLocator(text);
  const headerIndex = table.rows.findIndex((r) => norm(r.cells[0]?.text ?? '') === 'HCPCS');
  if (headerIndex < 0) {
    return { title: '', rows: [], problems: [{ line: 1, message: 'No header row starting with "HCPCS" found: is this a PPRRVU file?' }] };
  }
  // The header spans the lines above the HCPCS row that have text past the description column.
  let first = headerIndex;
  while (first > 0 && table.rows[first - 1].cells.slice(3).some((c) => c.text.trim() !== '')) first--;
  const width = table.rows[headerIndex].cells.length;
  const names = Array.from({ length: width }, (_, col) =>
    norm(table.rows.slice(first, headerIndex + 1).map((r) => r.cells[col]?.text ?? '').join('')),
  );
  const index = {} as Record<Field, number>;
  for (const [field, name] of Object.entries(COLUMNS) as [Field, string][]) {
    const col = names.indexOf(name);
    if (col < 0) {
      problems.push({ line: lineOf(table.rows[headerIndex].start), message: `Column "${name}" not found in the header.` });
      return { title: '', rows: [], problems };
    }
    index[field] = col;
  }
  const oppsIndex = Object.fromEntries(Object.entries(OPPS_COLUMNS).map(([field, name]) => [field, names.indexOf(name)])) as Record<keyof typeof OPPS_COLUMNS, number>;
  const title = table.rows
    .slice(0, first)
    .map((r) => r.cells.map((c) => c.text.trim()).join(' ').trim())
    .find((t) => /relative value file/i.test(t)) ?? '';

  const rows: FeeScheduleRow[] = [];
  for (const row of table.rows.slice(headerIndex + 1)) {
    const cell = (field: Field): string => cellText(row, index[field]);
    const line = lineOf(row.start);
    const code = cell('code').toUpperCase();
    if (!/^[A-Z0-9]{5}$/.test(code)) {
      problems.push({ line, message: `Row skipped: "${code}" is not a five-character code.` });
      continue;
    }
    const numbers: Partial<Record<Field, number>> = {};
    let bad = false;
    for (const field of ['work', 'peNonFacility', 'peFacility', 'malpractice', 'totalNonFacility', 'totalFacility', 'conversionFactor'] as const) {
      const raw = cell(field);
      const value = raw === '' ? 0 : Number(raw);
      if (!Number.isFinite(value)) {
        problems.push({ line, message: `Row ${code} skipped: ${COLUMNS[field]} "${raw}" is not a number.` });
        bad = true;
        break;
      }
      numbers[field] = value;
    }
    if (bad) continue;
    const oppsValue = (field: keyof typeof OPPS_COLUMNS): number => {
      const v = Number(cellText(row, oppsIndex[field]) || 0);
      return Number.isFinite(v) ? v : 0;
    };
    const opps = { peNonFacility: oppsValue('oppsPeNonFacility'), peFacility: oppsValue('oppsPeFacility'), malpractice: oppsValue('oppsMalpractice') };
    rows.push({
      code,
      modifier: cell('modifier').toUpperCase(),
      descriptor: cell('descriptor'),
      status: cell('status').toUpperCase(),
      notUsedForMedicarePayment: cell('notUsed') !== '',
      rvu: {
        work: numbers.work ?? 0,
        peNonFacility: numbers.peNonFacility ?? 0,
        peFacility: numbers.peFacility ?? 0,
        malpractice: numbers.malpractice ?? 0,
        totalNonFacility: numbers.totalNonFacility ?? 0,
        totalFacility: numbers.totalFacility ?? 0,
        nonFacilityNA: cell('nonFacilityNA').toUpperCase() === 'NA',
        facilityNA: cell('facilityNA').toUpperCase() === 'NA',
      },
      pctc: cell('pctc'),
      globalDays: cell('globalDays').toUpperCase(),
      multipleProcedure: cell('multipleProcedure'),
      bilateral: cell('bilateral'),
      assistant: cell('assistant'),
      coSurgeons: cell('coSurgeons'),
      teamSurgery: cell('teamSurgery'),
      endoscopicBase: cell('endoscopicBase').toUpperCase(),
      conversionFactor: numbers.conversionFactor ?? 0,
      ...(opps.peNonFacility || opps.peFacility || opps.malpractice ? { opps } : {}),
    });
  }
  return { title, rows, problems };
}

/** Offset → one-based line number, by binary search over line starts. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => lastAtOrBefore(starts, offset) + 1;
}

const QUARTERS: Record<string, { letter: string; from: string; to: string }> = {
  JANUARY: { letter: 'A', from: '01-01', to: '03-31' },
  APRIL: { letter: 'B', from: '04-01', to: '06-30' },
  JULY: { letter: 'C', from: '07-01', to: '09-30' },
  OCTOBER: { letter: 'D', from: '10-01', to: '12-31' },
};

/** "2025 ... October Release" → RVU25D, effective 2025-10-01..2025-12-31. */
export function releaseOfTitle(title: string): { name: string; from: string; to: string } | undefined {
  const m = /\b(20\d\d)\b.*\b(JANUARY|APRIL|JULY|OCTOBER)\b/i.exec(title);
  if (!m) return undefined;
  const quarter = QUARTERS[m[2].toUpperCase()];
  return { name: `RVU${m[1].slice(2)}${quarter.letter}`, from: `${m[1]}-${quarter.from}`, to: `${m[1]}-${quarter.to}` };
}
