/**
 * Add-on codes, and what their primary must be. An add-on is a code the fee schedule gives
 * global ZZZ ("code related to another service and always included in the global period of
 * the other service", RVU readme), or a Level II code whose CMS long descriptor says to list
 * it in addition to a primary code (the HCPCS Level II file is the basis: some of these carry
 * global XXX in the fee schedule, e.g. G2212, G0453, and the opioid treatment program
 * add-ons). The entries below name the primaries CMS gives for the add-ons that carry XXX,
 * each with its basis; the NCCI add-on code table, when imported, is more precise and wins.
 */
import { emKind } from './emFamily';
import type { ProcedureCode } from './types';

/** What kind of line can be the primary of an add-on. */
export type PrimaryKind =
  /** An E/M code (prolonged-service and visit-complexity add-ons). */
  | 'evaluation-and-management'
  /** A procedure: not an E/M, drug, supply or laboratory line (surgical add-ons). */
  | 'procedure'
  /** An opioid treatment program weekly bundle (G2067-G2075). */
  | 'opioid-treatment-bundle'
  /** Any other service. */
  | 'any';

export interface AddOnCode {
  code: string;
  /** The primaries CMS names, when it names them. */
  primaries?: readonly string[];
  primaryKind: PrimaryKind;
  /** The CMS document the entry rests on. */
  basis: string;
}

const HCPCS_2025 = 'HCPCS Level II file 2025, long descriptor';
const OTP = `${HCPCS_2025}: an opioid treatment program service "list[ed] separately in addition to" the primary code; the program's primary codes are its weekly bundles G2067-G2075 (their descriptors: "weekly bundle ... provision of the services by a Medicare-enrolled opioid treatment program"; CY2020 PFS final rule, opioid treatment programs)`;

/** Add-ons whose fee-schedule global is not ZZZ, with the primaries CMS gives. */
export const ADD_ON_CODES_BEYOND_ZZZ: readonly AddOnCode[] = [
  { code: 'G2212', primaries: ['99205', '99215', '99483'], primaryKind: 'evaluation-and-management', basis: `${HCPCS_2025} (in addition to 99205, 99215, 99483); CY2021 PFS final rule (prolonged office/outpatient E/M)` },
  { code: 'G0453', primaryKind: 'procedure', basis: `${HCPCS_2025} ("list in addition to primary procedure"): intraoperative neurophysiology monitoring` },
  ...['G2076', 'G2077', 'G2078', 'G2079', 'G2080'].map((code): AddOnCode => ({ code, primaryKind: 'opioid-treatment-bundle', basis: OTP })),
  { code: 'G0137', primaryKind: 'opioid-treatment-bundle', basis: OTP },
  { code: 'G1028', primaryKind: 'opioid-treatment-bundle', basis: OTP },
  { code: 'G2215', primaryKind: 'opioid-treatment-bundle', basis: OTP },
  { code: 'G2216', primaryKind: 'opioid-treatment-bundle', basis: OTP },
  { code: 'G0532', primaryKind: 'opioid-treatment-bundle', basis: OTP },
  { code: 'G0534', primaryKind: 'opioid-treatment-bundle', basis: OTP },
  { code: 'G0535', primaryKind: 'opioid-treatment-bundle', basis: OTP },
];

const BY_CODE = new Map(ADD_ON_CODES_BEYOND_ZZZ.map((e) => [e.code, e]));

/** A CMS descriptor that says the code is reported in addition to a primary one. */
const LISTED_IN_ADDITION = /\blist(?:ed)?\s+(?:separately\s+)?in\s+addition\s+to\b|\(\s*list separately in addition/i;

/** `addOnCode`'s answers, per procedure (null: not an add-on): rules ask for every line of a file. */
const addOnOfProcedure = new WeakMap<ProcedureCode, AddOnCode | null>();

/** The add-on facts of a code, or undefined when it is not an add-on (one object per procedure, shared: read only). */
export function addOnCode(procedure: ProcedureCode): AddOnCode | undefined {
  let known = addOnOfProcedure.get(procedure);
  if (known === undefined) {
    known = readAddOnCode(procedure) ?? null;
    addOnOfProcedure.set(procedure, known);
  }
  return known ?? undefined;
}

function readAddOnCode(procedure: ProcedureCode): AddOnCode | undefined {
  const listed = BY_CODE.get(procedure.code);
  if (listed) return listed;
  const zzz = procedure.row?.globalDays === 'ZZZ';
  const described = procedure.kind === 'hcpcs' && LISTED_IN_ADDITION.test(procedure.hcpcs?.longDescription ?? '');
  if (!zzz && !described) return undefined;
  return {
    code: procedure.code,
    primaryKind: defaultPrimaryKind(procedure.code),
    basis: zzz ? 'global ZZZ in the PFS Relative Value File' : `${HCPCS_2025} ("list separately in addition to" a primary code)`,
  };
}

/** Code shapes read by the functions below (constants: a pattern literal in a function is a new object at every call). */
const EM_ADD_ON = /^G(?:0316|0317|0318|0545|0559)$/;
const SURGERY_SECTION = /^[1-6]\d{4}$/;
const OTP_BUNDLE = /^G20(?:6[7-9]|7[0-5])$/;
const DRUG = /^J\d{4}$/;
const NOT_PROCEDURE_BETOS = /^(?:O1[DEG]|D|T1)/;
const LAB_OR_MEASURE = /^8\d{4}$|^\d{4}[FU]$/;

/** An E/M add-on needs an E/M; a CPT surgery-section add-on (10004-69990) needs a procedure. */
function defaultPrimaryKind(code: string): PrimaryKind {
  // G2211 is left to visit-complexity-add-on, which knows its own primaries and exceptions.
  if (emKind(code) !== undefined || EM_ADD_ON.test(code)) return 'evaluation-and-management';
  if (SURGERY_SECTION.test(code)) return 'procedure';
  return 'any';
}

const KIND_BIT: Readonly<Record<PrimaryKind, number>> = { 'evaluation-and-management': 1, procedure: 2, 'opioid-treatment-bundle': 4, any: 8 };
/** The kinds of primary each procedure can be (bits of `KIND_BIT`), read once per procedure. */
const primaryKindsOf = new WeakMap<ProcedureCode, number>();

/** Whether a line's code can be the primary of an add-on of this kind. */
export function plausiblePrimary(kind: PrimaryKind, procedure: ProcedureCode): boolean {
  let kinds = primaryKindsOf.get(procedure);
  if (kinds === undefined) {
    kinds = 0;
    for (const k of Object.keys(KIND_BIT) as PrimaryKind[]) if (readPlausiblePrimary(k, procedure)) kinds |= KIND_BIT[k];
    primaryKindsOf.set(procedure, kinds);
  }
  return (kinds & KIND_BIT[kind]) !== 0;
}

function readPlausiblePrimary(kind: PrimaryKind, procedure: ProcedureCode): boolean {
  const code = procedure.code;
  switch (kind) {
    case 'evaluation-and-management':
      return emKind(code) !== undefined;
    case 'opioid-treatment-bundle':
      return OTP_BUNDLE.test(code);
    case 'procedure': {
      if (emKind(code) !== undefined) return false;
      const betos = procedure.hcpcs?.betos ?? '';
      // Drugs (J codes; BETOS O1D chemotherapy, O1E other drugs, O1G vaccines), supplies (D) and lab tests (T1) are not procedures.
      if (DRUG.test(code) || NOT_PROCEDURE_BETOS.test(betos) || LAB_OR_MEASURE.test(code)) return false;
      return true;
    }
    case 'any':
      return true;
  }
}
