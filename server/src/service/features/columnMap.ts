/**
 * What the *Map columns…* command shows: each header with the role the reading gave it
 * (and how), and the roles a coder can assign, in words. Pure: read from the charge
 * file model the checker already holds.
 */
import type { ColumnSource } from '../documents/columnReading';
import type { ColumnMapping, ColumnRole } from '../documents/columns';
import type { ChargeFile } from '../documents/chargeFile';

/** A role a column can be given, in a coder's words. */
export interface RoleChoice {
  role: ColumnMapping;
  label: string;
  /** What the checks do with it. */
  detail: string;
  /** Several columns may hold it (Mod 1..4, Dx 1..12). */
  multi: boolean;
}

/** In the order a coder thinks of a claim: who and when, then what was billed. */
export const ROLE_CHOICES: readonly RoleChoice[] = [
  { role: 'claim', label: 'claim', detail: 'the claim a line is billed on (claim summaries and messages)', multi: false },
  { role: 'account', label: 'account / encounter', detail: 'HAR, FIN, CSN, visit: lines of one account are compared when there is no patient column', multi: false },
  { role: 'patient', label: 'patient', detail: "MRN or member id: one patient's lines of a day are compared, across claims", multi: false },
  { role: 'provider', label: 'rendering provider', detail: 'NCCI pairs and global surgery compare lines of one provider', multi: false },
  { role: 'date', label: 'date of service', detail: 'validity on the date; lines are compared per day', multi: false },
  { role: 'code', label: 'CPT/HCPCS code', detail: 'the code checked (may hold modifiers: 47383-22)', multi: false },
  { role: 'modifier', label: 'one modifier (Mod 1..4)', detail: 'one modifier per column; several columns allowed', multi: true },
  { role: 'modifiers', label: 'modifiers, several in one cell', detail: '"22 51" or "22-51" in one cell', multi: true },
  { role: 'units', label: 'units', detail: 'MUE and units per day', multi: false },
  { role: 'pos', label: 'place of service', detail: 'facility or office setting', multi: false },
  { role: 'diagnosis', label: 'diagnosis (Dx 1..12)', detail: 'ICD-10-CM codes; several columns allowed', multi: true },
  { role: 'pointer', label: 'diagnosis pointer', detail: 'A–L pointers into the claim diagnoses', multi: false },
  { role: 'overrideReason', label: 'override reason', detail: 'a reviewed line: "ncci-ptp: reason" accepts its findings', multi: false },
  { role: 'ignore', label: 'not used', detail: 'the checks leave this column alone: neither its header nor its values give it a role', multi: true },
];

export interface HeaderColumn {
  index: number;
  header: string;
  role?: ColumnRole;
  /** The user's mapping of this header, when there is one (`ignore` included). */
  mapping?: ColumnMapping;
  /** How the role was found: the header's words, the user's mapping, or the values. */
  source?: ColumnSource;
  evidence?: string;
  /** A column the checks recognise but do not use ("revenue code"). */
  unused?: string;
}

export interface ColumnMapView {
  columns: HeaderColumn[];
  roles: readonly RoleChoice[];
  /** The role lines are grouped by, when there is one. */
  groupBy?: string;
  /** The header content suggests as the account key when nothing groups the lines. */
  groupCandidate?: string;
}

export function columnMapView(file: ChargeFile): ColumnMapView {
  const { reading } = file;
  return {
    columns: reading.columns.map((c) => ({
      index: c.index,
      header: c.header,
      role: c.role,
      mapping: c.source === 'setting' ? (c.role ?? 'ignore') : undefined,
      source: c.source,
      evidence: c.evidence,
      unused: c.unused,
    })),
    roles: ROLE_CHOICES,
    groupBy: reading.groupBy,
    groupCandidate: reading.groupCandidate !== undefined ? file.headers[reading.groupCandidate] : undefined,
  };
}
