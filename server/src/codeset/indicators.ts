/**
 * Fee-schedule indicator values in words, paraphrasing the CMS RVU readme
 * (RVU25D, Attachment A and the data-record section). Pure data.
 */

/** Statuses the fee schedule prices (RVU readme, status code): the others carry no payment. */
export const PRICED_STATUSES: ReadonlySet<string> = new Set(['A', 'R', 'T']);

export const STATUS_MEANING: Readonly<Record<string, string>> = {
  A: 'active code, paid separately under the fee schedule',
  B: 'bundled code: payment is always included in another service',
  C: 'contractor priced: the MAC sets the payment case by case',
  D: 'deleted code',
  E: 'excluded from the fee schedule by regulation',
  F: 'deleted code (no grace period)',
  G: 'not valid for Medicare: another code is used (90-day grace period)',
  H: 'deleted modifier: this 26/TC component was deleted',
  I: 'not valid for Medicare: another code is used',
  J: 'anesthesia service: no RVUs under the fee schedule',
  M: 'measurement code, for reporting only',
  N: 'non-covered service: not covered by Medicare',
  P: 'bundled or excluded: no separate payment under the fee schedule',
  R: 'restricted coverage: special coverage rules, contractor priced',
  T: 'injection: paid only when no other fee-schedule service is billed that day',
  X: 'statutory exclusion: not a physician service, no fee-schedule payment',
};

export const GLOBAL_DAYS_MEANING: Readonly<Record<string, string>> = {
  '000': '0-day global: endoscopy or minor procedure; E/M on the day of the procedure generally not payable',
  '010': '10-day global: minor procedure; E/M on the day and during the 10 following days generally not payable',
  '090': '90-day global: major surgery; 1 pre-operative day and 90 post-operative days included',
  MMM: 'maternity code: the usual global period does not apply',
  XXX: 'global concept does not apply',
  YYY: 'global period set by the contractor',
  ZZZ: 'add-on code: included in the global period of its primary procedure',
};

export const PCTC_MEANING: Readonly<Record<string, string>> = {
  '0': 'physician service: modifiers 26 and TC cannot be used',
  '1': 'diagnostic test with professional and technical components: 26 and TC can be used',
  '2': 'professional-component-only code: 26 and TC cannot be used',
  '3': 'technical-component-only code: 26 and TC cannot be used',
  '4': 'global-test-only code: 26 and TC cannot be used',
  '5': 'incident-to code: 26 and TC cannot be used',
  '6': 'laboratory physician interpretation: TC cannot be used',
  '7': 'physical therapy service for which payment may not be made when an independently practicing physical or occupational therapist furnishes it to a hospital outpatient or inpatient',
  '8': 'physician interpretation code: TC cannot be used',
  '9': 'PC/TC concept does not apply',
};

export const MULTIPLE_PROCEDURE_MEANING: Readonly<Record<string, string>> = {
  '0': 'no multiple-procedure reduction applies',
  '1': 'pre-1995 multiple-procedure rules apply',
  '2': 'standard multiple-procedure reduction (100%, 50%, 50%, ...)',
  '3': 'special multiple-endoscopy rules apply within the endoscopic family',
  '4': 'diagnostic imaging family reduction of the technical component',
  '5': '50% reduction of practice expense for some therapy services',
  '6': '25% reduction of the technical component of diagnostic cardiovascular services',
  '7': '20% reduction of the technical component of diagnostic ophthalmology services',
  '9': 'concept does not apply',
};

export const BILATERAL_MEANING: Readonly<Record<string, string>> = {
  '0': 'not bilateral-eligible: the 150% adjustment does not apply',
  '1': 'bilateral-eligible: 150% payment adjustment with modifier 50',
  '2': 'already bilateral: the RVUs cover both sides',
  '3': 'each side priced separately: report RT/LT or 2 units',
  '9': 'concept does not apply',
};

export const ASSISTANT_MEANING: Readonly<Record<string, string>> = {
  '0': 'payable only with documentation of medical necessity',
  '1': 'not payable (statutory restriction)',
  '2': 'payable',
  '9': 'concept does not apply',
};

export const CO_SURGEONS_MEANING: Readonly<Record<string, string>> = {
  '0': 'not permitted',
  '1': 'payable with documentation of medical necessity',
  '2': 'permitted when the two-specialty requirement is met',
  '9': 'concept does not apply',
};

export const TEAM_SURGERY_MEANING: Readonly<Record<string, string>> = {
  '0': 'not permitted',
  '1': 'payable with documentation of medical necessity, by report',
  '2': 'permitted, by report',
  '9': 'concept does not apply',
};

/** "value (meaning)", or the bare value when the meaning table has no entry. */
export function describeIndicator(table: Readonly<Record<string, string>>, value: string): string {
  const meaning = table[value];
  return meaning ? `${meaning} (${value})` : `indicator ${value || 'blank'}`;
}

/** HCPCS coverage code (HCPCS record layout, field 16). */
export const HCPCS_COVERAGE_MEANING: Readonly<Record<string, string>> = {
  C: 'carrier judgment',
  D: 'special coverage instructions apply',
  I: 'not payable by Medicare',
  M: 'non-covered by Medicare',
  S: 'non-covered by Medicare statute',
};

/** HCPCS pricing indicator (HCPCS record layout, field 9), shortened. */
export const HCPCS_PRICING_MEANING: Readonly<Record<string, string>> = {
  '00': 'not separately priced by Part B',
  '11': 'priced with national RVUs',
  '12': 'priced with national anesthesia base units',
  '13': 'priced by the contractor',
  '21': 'clinical lab fee schedule, national limitation amount',
  '22': 'clinical lab, priced by the contractor',
  '31': 'DME, frequently serviced',
  '32': 'DME, inexpensive and routinely purchased',
  '33': 'oxygen and oxygen equipment',
  '34': 'DME supplies',
  '35': 'surgical dressings',
  '36': 'capped rental DME',
  '37': 'ostomy, tracheostomy and urological supplies',
  '38': 'orthotics, prosthetics, prosthetic devices and vision services',
  '39': 'parenteral and enteral nutrition',
  '40': 'lymphedema compression treatment items',
  '45': 'customized DME items',
  '46': 'DMEPOS, priced by the contractor',
  '51': 'drugs',
  '52': 'reasonable charge',
  '53': 'statute',
  '54': 'vaccinations',
  '55': 'splints and casts',
  '56': 'IOLs inserted in a physician office',
  '57': 'other, priced by the contractor',
  '99': 'value not established',
};

/** HCPCS action code (HCPCS record layout, field 30). */
export const HCPCS_ACTION_MEANING: Readonly<Record<string, string>> = {
  A: 'added',
  B: 'administrative data and long description changed',
  C: 'long description changed',
  D: 'discontinued',
  F: 'administrative data changed',
  N: 'no change',
  P: 'payment change',
  R: 'reactivated',
  S: 'short description changed',
  T: 'miscellaneous change (BETOS, type of service)',
};
