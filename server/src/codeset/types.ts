/**
 * The code set: what the engine knows about procedure codes. Pure types, no I/O.
 * Values come from the compiled data in `data/` (built from CMS files by `npm run build:data`).
 */
import type { DataPeriod } from './dataPeriods';

import type { NoteVocabulary } from './noteVocabulary';
import type { TabularNotes } from './tabularNotes';

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
  /**
   * The PE and MP RVUs "used for OPPS payment amount" (RVU readme, columns 152-164 and MP; the
   * OPPS imaging cap of the Deficit Reduction Act of 2005, §5102(b)): the fee schedule pays the
   * lower of its own amount and the amount with these values. Absent when all three are zero.
   */
  opps?: { peNonFacility: number; peFacility: number; malpractice: number };
}

/** HCPCS Level II facts from the CMS alpha-numeric file (absent for CPT codes). */
export interface HcpcsFacts {
  longDescription: string;
  shortDescription: string;
  /** ISO dates; '' when the file has none. */
  addDate: string;
  actionEffectiveDate: string;
  terminationDate: string;
  /** CMS action code (A added, C changed, D discontinued, N no change, ...). */
  actionCode: string;
  /** BETOS category code and its name. */
  betos: string;
  betosName: string;
  /** Coverage code (C, D, I, M, S) and pricing indicator(s). */
  coverage: string;
  pricing: string[];
  /** HCPCS release the facts come from, e.g. "HCPC2025_JAN". */
  release?: string;
  /**
   * True for codes known only from a long-description-only supplement (the July 2025
   * file): short description, dates and indicators are then empty, not zero.
   */
  descriptionOnly?: boolean;
}

/** Whether a code or modifier may be used on a date of service. */
export type Validity =
  | { valid: true }
  | { valid: false; reason: 'not-yet-added'; date: string }
  | { valid: false; reason: 'terminated'; date: string };

/** A procedure code with everything the data knows about it. */
export interface ProcedureCode {
  code: string;
  /** 'cpt' for CPT (AMA) codes, 'hcpcs' for Level II. */
  kind: 'cpt' | 'hcpcs';
  /** Best available descriptor: HCPCS long description, else the fee-schedule short one. */
  descriptor: string;
  /** The fee-schedule global row; absent for codes not in the fee schedule (many Level II codes). */
  row?: FeeScheduleRow;
  /** 26, TC and 53 rows, keyed by modifier. */
  variants: ReadonlyMap<string, FeeScheduleRow>;
  hcpcs?: HcpcsFacts;
  /** Validity on the date asked for (present when `procedure(code, date)` was given a date). */
  validity?: Validity;
}

export type ModifierFamily = 'pricing' | 'payment' | 'anatomic' | 'informational';

export interface ModifierInfo {
  code: string;
  /** Short name, e.g. "Increased procedural services". */
  name: string;
  /** One paragraph (own words for CPT modifiers; CMS long description for Level II). */
  description: string;
  family: ModifierFamily;
  /** One of the modifiers that can bypass an NCCI PTP edit with indicator 1. */
  ncciAssociated: boolean;
  source: 'cpt' | 'hcpcs';
  /** ISO dates from the HCPCS file; '' for CPT modifiers (no dates in our sources) and when absent. */
  addDate: string;
  terminationDate: string;
  /** Level II only: the HCPCS action effective date and action code. */
  actionEffectiveDate?: string;
  actionCode?: string;
  validity?: Validity;
}

export interface DiagnosisCode {
  /** Without the dot, upper case: E119. */
  code: string;
  /** With the dot: E11.9. */
  display: string;
  /** False for header (category) codes that need more characters. */
  billable: boolean;
  shortDescription: string;
  longDescription: string;
}

export interface PlaceOfService {
  code: string;
  name: string;
  /** Facility settings (hospital, ASC, SNF ...) use facility RVUs. */
  facility: boolean;
}

/** A Medicare payment locality and its geographic practice cost indices (GPCI file, e.g. GPCI2025). */
export interface PaymentLocality {
  /** Medicare Administrative Contractor number, e.g. "01182". */
  mac: string;
  state: string;
  /** Locality number within the MAC, e.g. "18". */
  locality: string;
  /** As CMS names it, e.g. "LOS ANGELES" (asterisks are CMS's footnote marks: floors). */
  name: string;
  /** Work GPCI (with the 1.0 floor where CMS applies it), practice expense and malpractice GPCIs. */
  work: number;
  practiceExpense: number;
  malpractice: number;
}

/** One NCCI procedure-to-procedure edit. */
export interface PtpEdit {
  column1: string;
  column2: string;
  /** ISO dates; deletion '' when the edit is still in force. */
  effective: string;
  deletion: string;
  /** '0' no modifier bypasses; '1' an NCCI-associated modifier bypasses; '9' not applicable. */
  modifierIndicator: '0' | '1' | '9';
  rationale: string;
  /** The file's "*": the edit existed before 1996. */
  priorTo1996?: boolean;
}

/** One NCCI medically unlikely edit. */
export interface MueEdit {
  code: string;
  /** Maximum units per line (MAI 1) or per date of service (MAI 2, 3). */
  value: number;
  /** Adjudication indicator: '1' per line, '2' per date (policy), '3' per date (clinical). */
  mai: '1' | '2' | '3';
  rationale: string;
}

/** One row of the NCCI add-on code table. */
export interface AddOnEdit {
  addOn: string;
  primary: string;
  effective: string;
  deletion: string;
  /** AOC edit type 1, 2 or 3. */
  type: '1' | '2' | '3';
}

/**
 * A structured knowledge record (the 47383 seed is the model); schema in
 * docs/knowledge-records.md. A record applies to one code (`code`) or to a family of
 * codes (`codes`: codes and ranges), with per-code `entries` that say what sets each
 * member apart. `CodeSet.knowledge(code)` returns the record as seen from that code:
 * `code` is the code asked for, `entry` its entry, and `documentation` the family's
 * elements followed by the entry's own.
 */
export interface KnowledgeRecord {
  /** The code this view is for; in a record as read, its first listed code or range. */
  code: string;
  /** The codes and ranges ("29870-29889") the record applies to, as written; [code] for a one-code record. */
  codes: string[];
  /** The family's name ("Knee arthroscopy"), for family records. */
  family?: string;
  summary: string;
  description: string;
  modifiers: { code: string; guidance: string }[];
  medicalNecessity: string[];
  performedBy: string;
  /** What the physician's work includes, in order. */
  physicianWork?: string;
  examples: string[];
  /** Named documentation elements a note check looks for. */
  documentation: DocumentationElement[];
  codingNotes: string[];
  betos?: string;
  /** The BETOS category's name (from the record, else the BETOS table). */
  betosName?: string;
  specialties: string[];
  /** Place-of-service codes (two digits). */
  placesOfService: string[];
  /** Clinical words and phrases that find the family in search ("knee scope"). */
  searchTerms: string[];
  /** Per-code facts, by code (upper case). */
  entries: ReadonlyMap<string, CodeEntry>;
  /** The entry of `code`, in the view `CodeSet.knowledge(code)` returns. */
  entry?: CodeEntry;
  /** What is included in what: facts a coder needs when two codes are cited together. */
  bundling: BundlingFact[];
  /** Facts that pick a member of the family, read in a note by phrases (code selection); entries give each code's values. */
  selection: SelectionFact[];
  /** What the record was written from. */
  basis?: string;
  /** Where the record came from (file path or "bundled"). */
  source: string;
}

/** What one code of a family is, beside its neighbours. */
export interface CodeEntry {
  /** The phrase that tells this code from its neighbours ("meniscectomy in one compartment"). */
  distinguishing: string;
  /** The measured quantity that picks this code, when one does. */
  quantity?: CodeQuantity;
  /** Clinical words and phrases for this code ("partial medial meniscectomy"). */
  searchTerms: string[];
  /** Documentation elements for this code only, after the family's. */
  documentation: DocumentationElement[];
  /** This code's value of each selection fact it is picked by (fact id → value id). */
  facts: ReadonlyMap<string, string>;
}

/**
 * A fact that picks a member of a family ("meniscectomy in one compartment or both"),
 * with the values a note may show and the phrases that show each. A value without
 * phrases is never read from a note; it only tells members apart (open or laparoscopic).
 */
export interface SelectionFact {
  id: string;
  /** What the fact is, in a coder's words ("compartments of the meniscectomy"). */
  label: string;
  values: SelectionValue[];
}

export interface SelectionValue {
  id: string;
  /** The value in words ("medial and lateral"). */
  label: string;
  /** Any of these shows the value (matched as documentation synonyms are). */
  phrases: string[];
  /** Each list must be matched for the value to show (medial treated, and lateral treated). */
  together: string[][];
  /** Values this one overrides when both show (both compartments over one). */
  over: string[];
}

/** Kinds of measured quantities that pick a code. */
export const QUANTITY_KINDS = ['diameter-cm', 'length-cm', 'area-sq-cm', 'minutes', 'count', 'age-years', 'levels'] as const;
export type QuantityKind = (typeof QUANTITY_KINDS)[number];

/** The range of a quantity a code covers: `min` and `max` inclusive; `each` for a code reported per unit of that size. */
export interface CodeQuantity {
  kind: QuantityKind;
  min?: number;
  max?: number;
  each?: number;
}

/** One bundling fact: with any of `codes`, the services of `includes` are part of the work. */
export interface BundlingFact {
  /** Codes and ranges of the record the fact is about. */
  codes: string[];
  /** Codes and ranges that are included (not reported separately) with them. */
  includes: string[];
  /** The fact in words. */
  fact: string;
  /** Where it comes from (an NCCI Policy Manual chapter, a CMS manual section). */
  basis: string;
}

export interface DocumentationElement {
  id: string;
  label: string;
  /** Words and phrases that show the element is documented. */
  synonyms: string[];
  /** "if applicable" elements are flagged softly. */
  conditional: boolean;
  /** One unit of the code per counted thing (lesion, level, joint): a count stated in the note is compared with the units cited. */
  countsUnits?: boolean;
}

export type SearchKind = 'procedure' | 'diagnosis' | 'modifier' | 'pos';

export interface SearchHit {
  code: string;
  description: string;
  /** What sets the code apart from its neighbours, from its family's knowledge record. */
  distinguishing?: string;
  kind: SearchKind;
}

/** The CMS lists of codes that need a modifier, imported with `cpt-lens import therapy|jz FILE` (not bundled). */
export type ModifierListKind = 'therapy' | 'jz';

/** One code of such a list. */
export interface ModifierListEntry {
  code: string;
  /**
   * therapy: 'always' (always therapy: one of GP, GO, GN on every line) or 'sometimes' (a
   * therapy modifier only when furnished under a therapy plan of care); jz: 'single-dose' (a
   * drug from a single-dose container or single-use package: JW or JZ).
   */
  status: 'always' | 'sometimes' | 'single-dose';
  /** The modifiers of which the code needs one: GP/GO/GN (or the one discipline the list names), JW/JZ. */
  modifiers: readonly string[];
}

/** An imported list: its release and entries. */
export interface ModifierList {
  kind: ModifierListKind;
  /** e.g. "therapy 2025 (therapy-code-list-2025.csv)". */
  release: string;
  /** What the imported file says of itself when it declares it is synthetic or not CMS data. */
  synthetic?: string;
  entry(code: string): ModifierListEntry | undefined;
}

/** What the loaded data is and where it came from. */
export interface DataVersion {
  feeSchedule: string;
  hcpcs?: string;
  icd10?: string;
  pos?: string;
  /** NCCI release when imported, else undefined. */
  ncci?: string;
  /** Name of the licensed CPT descriptor file when one replaces the bundled descriptors. */
  cptDescriptors?: string;
  knowledgeRecords: number;
  /** Each table's effective period, when the data records it (bundled data does). */
  periods?: readonly DataPeriod[];
}

/**
 * Everything the language service asks of the data. One implementation reads the
 * compiled files; tests may build one from a few rows. Dates are ISO `YYYY-MM-DD`.
 */
export interface CodeSet {
  readonly release: DataRelease;
  /** The code (upper case) or undefined when the data does not know it; with a date, `validity` is set. */
  procedure(code: string, date?: string): ProcedureCode | undefined;
  /** Every known procedure code, in code order. */
  procedureCodes(): readonly string[];
  modifier(code: string, date?: string): ModifierInfo | undefined;
  diagnosis(code: string): DiagnosisCode | undefined;
  placeOfService(code: string): PlaceOfService | undefined;
  /** The payment locality of a MAC and locality number (GPCI file); undefined when unknown or not loaded. */
  paymentLocality?(mac: string, locality: string): PaymentLocality | undefined;
  /** NCCI edits in force on the date where `code` is column 1 or column 2; [] when none or not imported. */
  ptpEdits(code: string, date?: string): readonly PtpEdit[];
  mue(code: string, date?: string): MueEdit | undefined;
  /** Primary codes of an add-on code from the imported AOC table; undefined when no table is loaded. */
  addOnPrimaries(code: string, date?: string): readonly AddOnEdit[] | undefined;
  knowledge(code: string): KnowledgeRecord | undefined;
  /** An imported CMS list of codes that need a modifier; undefined when it was not imported. */
  modifierList?(kind: ModifierListKind): ModifierList | undefined;
  /** The imported ICD-10-CM tabular "code first" notes; undefined when not imported. */
  tabularNotes?(): TabularNotes | undefined;
  /** Clinical-language concepts and operative-report elements for note checks; absent or empty when the data has none. */
  noteVocabulary?(): NoteVocabulary;
  search(words: string, kind: SearchKind, limit: number): SearchHit[];
  version(): DataVersion;
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

