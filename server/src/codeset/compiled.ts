/**
 * The project's compiled data format: `data/manifest.json` (releases, counts,
 * provenance) and `data/fee-schedule.tsv` (one line per fee-schedule row, tab-separated,
 * first line the column names). Text so that data changes show in review. Pure:
 * writing returns strings, reading takes strings; load.ts does the file I/O.
 */
import { CodeSetParts, createCodeSet } from './codeSet';
import type { Period } from './dataPeriods';
import type { CodeSet, DataRelease, FeeScheduleRow } from './types';

export const SCHEMA_VERSION = 2;

/** Provenance of one compiled table: the release and source file it was built from. */
export interface TableSource {
  release: string;
  /** Compiled file in the data folder. */
  file: string;
  /** Source paths relative to the sources folder (data/sources/), as CMS named the files, with their SHA-256. */
  sources: { path: string; sha256: string }[];
  rows: number;
  /** Further counts worth checking (e.g. billable, headers). */
  counts?: Record<string, number>;
  /** The dates of service the table applies to (see dataPeriods.ts). */
  period?: Period;
}

export interface Manifest {
  schema: number;
  feeSchedule: {
    release: string;
    title: string;
    effectiveFrom: string;
    effectiveTo: string;
    sourceFile: string;
    sourceSha256: string;
    rows: number;
    codes: number;
    conversionFactor: number;
  };
  /** The other tables; absent in a folder that only overrides the fee schedule. */
  hcpcs?: TableSource;
  modifiers?: TableSource;
  betos?: TableSource;
  placeOfService?: TableSource;
  /** Payment localities with their GPCIs (locality-adjusted payment). */
  gpci?: TableSource;
  icd10?: TableSource;
  /** Knowledge record files (JSON) in the data folder, relative paths. */
  knowledge?: string[];
}

const FIELDS = [
  'code', 'mod', 'descriptor', 'status', 'notUsed', 'work', 'peNonFac', 'nonFacNA', 'peFac', 'facNA', 'mp',
  'totalNonFac', 'totalFac', 'pctc', 'global', 'mult', 'bilat', 'asst', 'co', 'team', 'endoBase', 'cf',
] as const;
/** The OPPS imaging-cap PE and MP RVUs, blank when zero; a table written before they were kept has none of them. */
const OPPS_FIELDS = ['oppsPeNonFac', 'oppsPeFac', 'oppsMp'] as const;

const clean = (s: string): string => s.replace(/[\t\r\n]/g, ' ');
const num = (n: number): string => (n === 0 ? '0' : String(n));

/** Serialises rows; `cf` is left blank where it equals the manifest's conversion factor. */
export function writeFeeScheduleTsv(rows: readonly FeeScheduleRow[], conversionFactor: number): string {
  const lines = [[...FIELDS, ...OPPS_FIELDS].join('\t')];
  const blankZero = (n: number | undefined): string => (n ? String(n) : '');
  for (const r of rows) {
    lines.push([
      r.code, r.modifier, clean(r.descriptor), r.status, r.notUsedForMedicarePayment ? '1' : '',
      num(r.rvu.work), num(r.rvu.peNonFacility), r.rvu.nonFacilityNA ? 'NA' : '', num(r.rvu.peFacility), r.rvu.facilityNA ? 'NA' : '',
      num(r.rvu.malpractice), num(r.rvu.totalNonFacility), num(r.rvu.totalFacility), r.pctc, r.globalDays,
      r.multipleProcedure, r.bilateral, r.assistant, r.coSurgeons, r.teamSurgery, r.endoscopicBase,
      r.conversionFactor === conversionFactor ? '' : String(r.conversionFactor),
      blankZero(r.opps?.peNonFacility), blankZero(r.opps?.peFacility), blankZero(r.opps?.malpractice),
    ].join('\t'));
  }
  return lines.join('\n') + '\n';
}

/** A problem in a compiled data file, with its one-based line. */
export interface DataProblem {
  file: string;
  line: number;
  message: string;
}

/** Parses the TSV; a damaged line is reported and skipped. */
export function readFeeScheduleTsv(text: string, conversionFactor: number, file = 'fee-schedule.tsv'): { rows: FeeScheduleRow[]; problems: DataProblem[] } {
  const rows: FeeScheduleRow[] = [];
  const problems: DataProblem[] = [];
  const lines = text.split('\n');
  const header = (lines[0] ?? '').split('\t');
  if (FIELDS.some((f, i) => header[i] !== f)) {
    problems.push({ file, line: 1, message: `Unexpected columns; expected ${FIELDS.join(', ')}.` });
    return { rows, problems };
  }
  const width = OPPS_FIELDS.every((f, i) => header[FIELDS.length + i] === f) ? FIELDS.length + OPPS_FIELDS.length : FIELDS.length;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const c = line.split('\t');
    if (c.length !== width || !/^[A-Z0-9]{5}$/.test(c[0])) {
      problems.push({ file, line: i + 1, message: `Damaged line skipped (${c.length} fields, code "${c[0]}").` });
      continue;
    }
    const n = (s: string): number => (s === '' ? 0 : Number(s));
    rows.push({
      code: c[0], modifier: c[1], descriptor: c[2], status: c[3], notUsedForMedicarePayment: c[4] === '1',
      rvu: {
        work: n(c[5]), peNonFacility: n(c[6]), nonFacilityNA: c[7] === 'NA', peFacility: n(c[8]), facilityNA: c[9] === 'NA',
        malpractice: n(c[10]), totalNonFacility: n(c[11]), totalFacility: n(c[12]),
      },
      pctc: c[13], globalDays: c[14], multipleProcedure: c[15], bilateral: c[16], assistant: c[17],
      coSurgeons: c[18], teamSurgery: c[19], endoscopicBase: c[20], conversionFactor: c[21] === '' ? conversionFactor : n(c[21]),
      ...(width > FIELDS.length && (c[22] || c[23] || c[24]) ? { opps: { peNonFacility: n(c[22]), peFacility: n(c[23]), malpractice: n(c[24]) } } : {}),
    });
  }
  return { rows, problems };
}

/**
 * Groups fee-schedule rows into codes (the global row plus its 26/TC/53 variants) and
 * adds the other tables when given. With rows only, a test gets a small code set
 * that still knows the CPT numeric modifiers.
 */
export function buildCodeSet(rows: readonly FeeScheduleRow[], release: Omit<DataRelease, 'codeCount'>, parts: CodeSetParts = {}): CodeSet {
  return createCodeSet(rows, release, parts);
}
