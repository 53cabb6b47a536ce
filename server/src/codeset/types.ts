/**
 * The code set: what the engine knows about procedure codes. Pure types, no I/O.
 * Values come from the compiled data in `data/` (built from CMS files by `npm run build:data`).
 */

/** Relative value units of one fee-schedule row. */
export interface RelativeValues {
  work: number;
  /** Practice expense, non-facility setting (office). */
  peNonFacility: number;
  /** Practice expense, facility setting (hospital, ASC). */
  peFacility: number;
  malpractice: number;
  totalNonFacility: number;
  totalFacility: number;
  /** CMS "NA": the service is rarely or never performed in the non-facility setting. */
  nonFacilityNA: boolean;
  /** CMS "NA": the service is rarely or never performed in the facility setting. */
  facilityNA: boolean;
}

/** One row of the fee-schedule RVU file: a code, or a 26/TC/53 variant of it. */
export interface FeeScheduleRow {
  /** Five-character CPT or HCPCS code, upper case. */
  code: string;
  /** '' for the global row; '26', 'TC' or '53' for a component variant. */
  modifier: string;
  /** Short descriptor (CPT descriptors are AMA copyright; see data/NOTICE). */
  descriptor: string;
  /** Status code (Attachment A of the RVU readme): A, B, C, D, E, F, G, H, I, J, M, N, P, R, T, X. */
  status: string;
  /** Column "NOT USED FOR MEDICARE PAYMENT" is set. */
  notUsedForMedicarePayment: boolean;
  rvu: RelativeValues;
  /** PC/TC indicator 0-9. */
  pctc: string;
  /** Global surgery days: 000, 010, 090, MMM, XXX, YYY, ZZZ. */
  globalDays: string;
  /** Multiple procedure indicator (modifier 51), 0-9. */
  multipleProcedure: string;
  /** Bilateral surgery indicator (modifier 50), 0-9. */
  bilateral: string;
  /** Assistant at surgery indicator (80/81/82/AS), 0-9. */
  assistant: string;
  /** Co-surgeons indicator (modifier 62), 0-9. */
  coSurgeons: string;
  /** Team surgery indicator (modifier 66), 0-9. */
  teamSurgery: string;
  /** Endoscopic base code, for multiple-procedure indicator 3. */
  endoscopicBase: string;
  /** Dollars per RVU. */
  conversionFactor: number;
}

/** A procedure code with its fee-schedule rows. */
export interface ProcedureCode {
  code: string;
  /** The global row (no modifier); absent only when the file lists just variants. */
  row: FeeScheduleRow;
  /** 26, TC and 53 rows, keyed by modifier. */
  variants: ReadonlyMap<string, FeeScheduleRow>;
}

/** Which releases the loaded data came from. */
export interface DataRelease {
  /** e.g. "RVU25D (CY2025 October release)". */
  feeSchedule: string;
  /** First and last date of service the fee-schedule release applies to (ISO). */
  feeScheduleEffective: { from: string; to: string };
  /** Number of distinct codes loaded. */
  codeCount: number;
}

/**
 * Everything the language service asks of the data. One implementation reads the
 * compiled files; tests may build one from a few rows.
 */
export interface CodeSet {
  readonly release: DataRelease;
  /** The code (upper case, exact five characters) or undefined when the data does not know it. */
  procedure(code: string): ProcedureCode | undefined;
  /** Every known code, in code order. */
  procedureCodes(): readonly string[];
}
