/**
 * The evaluation and management family, as a table: which codes are visits (where 25 and 57
 * belong, and which a global surgical package includes) and which are E/M-section services
 * that are not visits (care management, remote monitoring, advance care planning, counseling,
 * prolonged services, conferences: no global-surgery conflict, no 25 needed). Ranges are the
 * CPT E/M section's code ranges and the eye visit codes; the kinds follow CMS policy:
 * Medicare Claims Processing Manual ch. 12 §30.6 (E/M services), §40.1-40.2 (the global
 * surgical package includes visits; 25 and 57 on the visit), and §30.6.7 (eye visit codes
 * 92002-92014 bill as E/M: 25 and 57 apply). Pure data, read by rules through `emKind`.
 */

export type EmKind = 'visit' | 'service';

export interface EmRange {
  from: number;
  to: number;
  kind: EmKind;
  /** The family as a coder names it. */
  family: string;
}

export const EM_FAMILY: readonly EmRange[] = [
  { from: 92002, to: 92014, kind: 'visit', family: 'eye visit (ophthalmological services)' },
  { from: 99202, to: 99215, kind: 'visit', family: 'office or other outpatient visit' },
  { from: 99221, to: 99239, kind: 'visit', family: 'hospital inpatient or observation care' },
  { from: 99242, to: 99255, kind: 'visit', family: 'consultation' },
  { from: 99281, to: 99288, kind: 'visit', family: 'emergency department visit' },
  { from: 99291, to: 99292, kind: 'visit', family: 'critical care' },
  { from: 99304, to: 99316, kind: 'visit', family: 'nursing facility care' },
  { from: 99341, to: 99350, kind: 'visit', family: 'home or residence visit' },
  { from: 99358, to: 99359, kind: 'service', family: 'prolonged service without direct patient contact' },
  { from: 99360, to: 99360, kind: 'service', family: 'standby service' },
  { from: 99366, to: 99368, kind: 'service', family: 'medical team conference' },
  { from: 99374, to: 99380, kind: 'service', family: 'care plan oversight' },
  { from: 99381, to: 99397, kind: 'visit', family: 'preventive medicine visit' },
  { from: 99401, to: 99429, kind: 'service', family: 'preventive counseling and risk factor reduction' },
  { from: 99441, to: 99449, kind: 'service', family: 'telephone and interprofessional consultation' },
  { from: 99450, to: 99458, kind: 'service', family: 'life/disability evaluation, interprofessional, remote physiologic monitoring' },
  { from: 99460, to: 99465, kind: 'visit', family: 'newborn care' },
  { from: 99466, to: 99486, kind: 'visit', family: 'critical care transport, inpatient neonatal and pediatric critical and intensive care' },
  { from: 99487, to: 99491, kind: 'service', family: 'care management' },
  { from: 99492, to: 99494, kind: 'service', family: 'psychiatric collaborative care management' },
  { from: 99495, to: 99496, kind: 'service', family: 'transitional care management' },
  { from: 99497, to: 99498, kind: 'service', family: 'advance care planning' },
  { from: 99415, to: 99418, kind: 'service', family: 'prolonged service' },
  { from: 99499, to: 99499, kind: 'visit', family: 'unlisted evaluation and management service' },
];

/** The E/M kind of a code, or undefined when it is not in the E/M family. */
export function emKind(code: string): EmRange | undefined {
  // Read by character, not by pattern and Number(): it runs for every line, several times.
  if (code.length !== 5 || code.charCodeAt(0) !== 57) return undefined;
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const digit = code.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    n = n * 10 + digit;
  }
  // Narrower ranges listed later (99415-99418 inside 99401-99429) win.
  let found: EmRange | undefined;
  for (const range of EM_FAMILY) if (n >= range.from && n <= range.to) found = range;
  return found;
}
