/**
 * Which column of a charge file holds what, recognised by the words of its header
 * (`readHeader`), so "Proc Code", "PROC_CODE", "procCode" and "Rendering Prov NPI" read as
 * the exports that use them mean; `columnReading.ts` adds what a sample of the values
 * shows when a header says nothing.
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

/**
 * What a mapping (`columns` in settings) may give a header: a role, or `ignore`, which keeps
 * the column out of the reading altogether (neither its header words nor its values give it
 * a role): for a column the reading took for something it is not.
 */
export type ColumnMapping = ColumnRole | 'ignore';

/** Every mapping value, for settings validation. */
export const COLUMN_MAPPINGS: readonly ColumnMapping[] = [...COLUMN_ROLES, 'ignore'];

/** Columns a charge export often has that the checks do not use, recognised so a reading can name them. */
export type UnusedKind = 'revenue code' | 'charge amount' | 'CDM charge code' | 'description' | 'name' | 'other date' | 'your mapping';

/** What a header says, with how strongly: a higher score wins among columns of one single-valued role. */
export interface HeaderRole {
  role?: ColumnRole;
  unused?: UnusedKind;
  score: number;
}

/**
 * The words of a header: split at spaces, punctuation, camelCase and letter-digit
 * boundaries, lower case; "#" reads as "no". `Pt Acct #` → pt acct no; `Dx1` → dx 1.
 */
export function headerWords(header: string): string[] {
  return header
    .replace(/#/g, ' no ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const has = (words: readonly string[], ...any: string[]): boolean => any.some((w) => words.includes(w));
const NUMBERED = /^\d{1,2}$/;
const IDENTIFIER = ['id', 'no', 'num', 'number', 'nbr', 'key'];

/** Whole names no word pattern reads (abbreviations written as one word). */
const EXACT: ReadonlyMap<string, ColumnRole> = new Map([
  ['px', 'code'], ['cpthcpcs', 'code'], ['hcpcscpt', 'code'], ['cpt4', 'code'], ['cptcode', 'code'], ['proccode', 'code'], ['hcpcscode', 'code'],
  ['dos', 'date'], ['svcdate', 'date'], ['dosfrom', 'date'], ['fromdos', 'date'], ['dateofservice', 'date'], ['servicedate', 'date'], ['fromdate', 'date'],
  ['mrn', 'patient'], ['ptid', 'patient'], ['patientid', 'patient'], ['memberid', 'patient'],
  ['har', 'account'], ['csn', 'account'], ['fin', 'account'], ['ptacct', 'account'], ['acctno', 'account'], ['encounterid', 'account'], ['visitid', 'account'],
  ['claimid', 'claim'], ['claimno', 'claim'],
  ['npi', 'provider'], ['renderingnpi', 'provider'], ['providernpi', 'provider'],
  ['pos', 'pos'], ['poscode', 'pos'], ['placeofservice', 'pos'],
  ['icd10', 'diagnosis'], ['icd10cm', 'diagnosis'], ['dxptr', 'pointer'],
  ['qty', 'units'], ['daysorunits', 'units'],
  ['overridereason', 'overrideReason'], ['override', 'overrideReason'], ['acceptreason', 'overrideReason'], ['suppressreason', 'overrideReason'],
]);

/**
 * Reads a header by its words, as the exports people have name columns: Epic (`HAR`, `CSN`,
 * `Svc Date`, `Proc Code`), Oracle Health/Cerner (`FIN`, `Encounter Number`), Meditech
 * (`Acct No`, `Account Number`), athenahealth, eClinicalWorks, NextGen and 837-derived
 * clearinghouse files (`Rendering Prov NPI`, `DOS From`, `Mod 1`..`Mod 4`, `Dx 1`..`Dx 12`,
 * `ICD-10 1`, `Svc Units`, `Rev Code`, `Chg Amt`). No role and no kind: a column the
 * reading does not know.
 */
export function readHeader(header: string): HeaderRole {
  const words = headerWords(header);
  const joined = words.join('');
  if (joined === '') return { score: 0 };
  const exact = EXACT.get(joined);
  if (exact) return { role: exact, score: 3 };
  const numbered = words.some((w) => NUMBERED.test(w));
  const dxWord = has(words, 'dx', 'diag', 'diagnosis', 'diagnoses', 'icd', 'icd10');
  if (dxWord && has(words, 'pointer', 'pointers', 'ptr', 'ptrs')) return { role: 'pointer', score: 3 };
  if (has(words, 'override', 'accept') && has(words, 'reason')) return { role: 'overrideReason', score: 3 };
  if (has(words, 'desc', 'description', 'descr', 'text')) return { unused: 'description', score: 0 };
  if (has(words, 'cdm') || (has(words, 'charge', 'chg', 'chrg') && (has(words, 'code', 'cd') || (has(words, 'item') && !has(words, 'line'))))) return { unused: 'CDM charge code', score: 0 };
  if (has(words, 'rev', 'revenue') || joined === 'ubrev') return { unused: 'revenue code', score: 0 };
  if (has(words, 'amount', 'amt', 'charges', 'billed', 'fee', 'price', 'paid', 'payment', 'balance', 'total', 'allowed') ||
    (has(words, 'charge', 'chg') && !has(words, 'date', 'id'))) return { unused: 'charge amount', score: 0 };
  if (has(words, 'mod', 'modifier', 'mods', 'modifiers')) return { role: numbered ? 'modifier' : 'modifiers', score: 3 };
  if (has(words, 'units', 'unit', 'qty', 'quantity')) return { role: 'units', score: 3 };
  if (has(words, 'pos') || (has(words, 'place') && has(words, 'service'))) return { role: 'pos', score: 3 };
  if (dxWord) return { role: 'diagnosis', score: 3 };
  if (has(words, 'date', 'dos', 'dt') || (has(words, 'from') && has(words, 'svc', 'service', 'srv'))) {
    if (has(words, 'birth', 'dob', 'post', 'posting', 'posted', 'admit', 'admission', 'discharge', 'thru', 'through', 'to', 'end', 'entry', 'bill', 'billed',
      'created', 'received', 'paid', 'transaction', 'export', 'run')) return { unused: 'other date', score: 0 };
    return { role: 'date', score: has(words, 'dos', 'service', 'svc', 'srv') ? 3 : has(words, 'from') || words.length === 1 ? 2 : 1 };
  }
  if (has(words, 'cpt', 'hcpcs', 'proc', 'procedure', 'procedures', 'px') || (has(words, 'service', 'svc') && has(words, 'code', 'cd'))) {
    if (has(words, 'name')) return { unused: 'name', score: 0 };
    return { role: 'code', score: has(words, 'cpt', 'hcpcs') ? 3 : 2 };
  }
  if (has(words, 'code') && words.length === 1) return { role: 'code', score: 1 };
  if (has(words, 'claim', 'clm', 'icn', 'tcn')) return has(words, 'status', 'type', 'line', 'frequency', 'freq') ? { score: 0 } : { role: 'claim', score: 3 };
  const notAnId = has(words, 'type', 'status', 'class', 'name', 'dept', 'department', 'reason', 'location', 'provider', 'prov');
  if (has(words, 'har', 'csn', 'fin', 'acct', 'account', 'encounter', 'enc', 'visit') && !notAnId) {
    return { role: 'account', score: has(words, 'har', 'csn', 'fin', 'acct', 'account') ? 3 : 2 };
  }
  if (has(words, 'mrn', 'patient', 'pt', 'member', 'subscriber', 'person')) {
    if (has(words, 'name', 'dob', 'age', 'sex', 'gender', 'address', 'zip', 'phone', 'type', 'class')) return { unused: 'name', score: 0 };
    if (has(words, 'mrn', ...IDENTIFIER) || words.length === 1) return { role: 'patient', score: 3 };
  }
  if (has(words, 'rendering', 'billing', 'servicing', 'performing', 'attending', 'provider', 'prov', 'physician', 'npi', 'doctor', 'surgeon', 'clinician', 'practitioner')) {
    if (has(words, 'type', 'specialty', 'taxonomy', 'tax', 'tin', 'credential', 'address')) return { score: 0 };
    // Line-level grouping wants the rendering provider; a billing NPI is often the group's.
    const score = has(words, 'rendering', 'performing', 'servicing', 'svc', 'surgeon') ? 4 : has(words, 'billing', 'name') ? 1 : 2;
    return { role: 'provider', score: has(words, 'npi') ? score + 0.5 : score };
  }
  return { score: 0 };
}

/** The role of a header, or undefined when it is not one the engine uses. */
export function roleOfHeader(header: string): ColumnRole | undefined {
  return readHeader(header).role;
}

/** Lower case, letters and digits only: `Date_of Service` → `dateofservice`. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Column indexes per role; roles that allow several columns (mod1..4, dx1..12) list all. */
export type ColumnMap = Partial<Record<ColumnRole, number[]>>;

/** Roles that take every matching column (mod 1..4, dx 1..12); the others take their best-scoring column. */
const MULTI: ReadonlySet<ColumnRole> = new Set(['modifier', 'modifiers', 'diagnosis']);

/**
 * Maps a header row to roles. A single-valued role takes its best-scoring column (the
 * first among equals: `Rendering Prov NPI` over `Billing Prov NPI`); `custom` maps unusual
 * headers (compared after normalising) to roles and wins over the reading.
 */
export function mapColumns(headers: readonly string[], custom?: Readonly<Record<string, ColumnMapping>>): ColumnMap {
  const map: ColumnMap = {};
  const best = new Map<ColumnRole, number>();
  const extra = new Map(Object.entries(custom ?? {}).map(([name, role]) => [normaliseHeader(name), role] as [string, ColumnMapping]));
  headers.forEach((header, index) => {
    const mapped = extra.get(normaliseHeader(header));
    if (mapped === 'ignore') return;
    const { role, score } = mapped ? { role: mapped, score: 10 } : readHeader(header);
    if (!role) return;
    if (MULTI.has(role)) {
      (map[role] ??= []).push(index);
      return;
    }
    if (score > (best.get(role) ?? -1)) {
      best.set(role, score);
      map[role] = [index];
    }
  });
  return map;
}
