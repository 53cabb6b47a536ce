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
  | 'claim'
  | 'provider'
  | 'pos'
  | 'diagnosis';

const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/** Header aliases per role, already normalised (see `normaliseHeader`). */
const ALIASES: ReadonlyArray<[ColumnRole, readonly string[]]> = [
  ['code', ['cpt', 'cptcode', 'hcpcs', 'hcpcscode', 'code', 'procedurecode', 'proccode', 'px', 'cpthcpcs', 'hcpcscpt', 'cpthcpcscode', 'procedure', 'proc']],
  ['modifiers', ['modifier', 'modifiers', 'mod', 'mods']],
  ['modifier', [...range('mod', 1, 4), ...range('modifier', 1, 4)]],
  ['units', ['units', 'unit', 'qty', 'quantity', 'daysorunits', 'serviceunits']],
  ['date', ['dos', 'dateofservice', 'servicedate', 'fromdate', 'dosfrom', 'fromdos']],
  ['patient', ['patientid', 'mrn', 'patient', 'account', 'accountnumber', 'patientaccount']],
  ['claim', ['claimid', 'claim', 'encounterid', 'encounter', 'claimnumber']],
  ['provider', ['npi', 'renderingnpi', 'providerid', 'provider', 'renderingprovider']],
  ['pos', ['pos', 'placeofservice']],
  ['diagnosis', ['dx', ...range('dx', 1, 12), 'icd10', 'icd10cm', 'diagnosis', 'diagnosiscode', 'diagnosiscodes', ...range('diagnosis', 1, 12), ...range('icd10', 1, 12)]],
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

/** Maps a header row to roles. The first column wins for single-valued roles. */
export function mapColumns(headers: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  headers.forEach((header, index) => {
    const role = roleOfHeader(header);
    if (!role) return;
    (map[role] ??= []).push(index);
  });
  return map;
}
