/**
 * Which column of a charge file holds what, recognised by header name. Matching
 * ignores case, spaces and punctuation, so "Proc Code", "PROC_CODE" and "proc-code"
 * are one name.
 */

export type ColumnRole =
  | 'code'
  | 'modifiers'
  | 'modifier'
  | 'units'
  | 'date'
  | 'patient'
  | 'account'
  | 'claim'
  | 'provider'
  | 'pos'
  | 'diagnosis'
  | 'pointer'
  | 'overrideReason';

/** Every role, for settings validation. */
export const COLUMN_ROLES: readonly ColumnRole[] = [
  'code', 'modifiers', 'modifier', 'units', 'date', 'patient', 'account', 'claim', 'provider', 'pos', 'diagnosis', 'pointer', 'overrideReason',
];

const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/** Header aliases per role, already normalised (see `normaliseHeader`). */
const ALIASES: ReadonlyArray<[ColumnRole, readonly string[]]> = [
  ['code', ['cpt', 'cptcode', 'hcpcs', 'hcpcscode', 'code', 'procedurecode', 'proccode', 'px', 'cpthcpcs', 'hcpcscpt', 'cpthcpcscode', 'procedure', 'proc', 'cptcodes', 'chargecode', 'servicecode']],
  ['modifiers', ['modifier', 'modifiers', 'mod', 'mods', 'modifierlist', 'cptmodifiers']],
  ['modifier', [...range('mod', 1, 4), ...range('modifier', 1, 4), ...range('mod0', 1, 4)]],
  ['units', ['units', 'unit', 'qty', 'quantity', 'daysorunits', 'serviceunits', 'unitcount']],
  ['date', ['dos', 'dateofservice', 'servicedate', 'fromdate', 'dosfrom', 'fromdos', 'date', 'svcdate']],
  ['patient', ['patientid', 'mrn', 'patient', 'memberid', 'ptid']],
  // An account or encounter belongs to one patient: lines are checked together by it when
  // the file names no patient.
  ['account', ['account', 'accountnumber', 'accountno', 'acct', 'acctno', 'ptacct', 'patientaccount', 'patientaccountnumber', 'har', 'csn', 'fin', 'encounterid', 'encounter', 'encounternumber', 'visitid', 'visitnumber']],
  ['claim', ['claimid', 'claim', 'claimnumber', 'claimno']],
  ['provider', ['npi', 'renderingnpi', 'providerid', 'provider', 'renderingprovider', 'providernpi']],
  ['pos', ['pos', 'placeofservice', 'poscode']],
  ['diagnosis', ['dx', ...range('dx', 1, 12), 'icd10', 'icd10cm', 'diagnosis', 'diagnosiscode', 'diagnosiscodes', ...range('diagnosis', 1, 12), ...range('icd10', 1, 12), ...range('icd', 1, 12), ...range('dxcode', 1, 12)]],
  ['pointer', ['dxpointer', 'diagnosispointer', 'diagnosispointers', 'dxpointers', 'pointer', 'pointers', 'dxptr']],
  ['overrideReason', ['overridereason', 'override', 'acceptreason', 'suppressreason']],
];

const ROLE_BY_NAME: ReadonlyMap<string, ColumnRole> = new Map(
  ALIASES.flatMap(([role, names]) => names.map((name) => [name, role] as [string, ColumnRole])),
);

/** Lower case, letters and digits only: `Date_of Service` → `dateofservice`. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The role of a header, or undefined when it is not one the engine uses. */
export function roleOfHeader(header: string): ColumnRole | undefined {
  return ROLE_BY_NAME.get(normaliseHeader(header));
}

/** Column indexes per role; roles that allow several columns (mod1..4, dx1..12) list all. */
export type ColumnMap = Partial<Record<ColumnRole, number[]>>;

/**
 * Maps a header row to roles. The first column wins for single-valued roles.
 * `custom` maps unusual headers (compared after normalising) to roles and wins over the aliases.
 */
export function mapColumns(headers: readonly string[], custom?: Readonly<Record<string, ColumnRole>>): ColumnMap {
  const map: ColumnMap = {};
  const extra = new Map(Object.entries(custom ?? {}).map(([name, role]) => [normaliseHeader(name), role] as [string, ColumnRole]));
  headers.forEach((header, index) => {
    const role = extra.get(normaliseHeader(header)) ?? roleOfHeader(header);
    if (!role) return;
    (map[role] ??= []).push(index);
  });
  return map;
}
