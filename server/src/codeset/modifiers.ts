/**
 * Modifier knowledge that is not in any CMS file: the CPT numeric modifiers (names
 * and descriptions written by this project in its own words; AMA's wording is
 * copyright and not used), each modifier's family, the NCCI-associated set, the
 * anatomic and X{EPSU} sets. The one place these tables live: the compiled modifier
 * table, the rules and the note checks all read them from here. Pure data.
 */
import type { ModifierFamily, ModifierInfo } from './types';

/** CPT numeric modifiers: [code, short name, one paragraph in our own words]. */
const CPT_MODIFIER_TEXT: readonly (readonly [string, string, string])[] = [
  ['22', 'Increased procedural services', 'The work of this procedure was substantially greater than usual, for example because of extra time, technical difficulty, the severity of the patient\'s condition or unusual anatomy. The operative note has to show why this case exceeded the typical one; payers review these lines and may pay more. Not used on evaluation and management (E/M) codes.'],
  ['23', 'Unusual anesthesia', 'General anesthesia was needed for a procedure that is normally done with local anesthesia or none at all, because of the patient\'s circumstances. Reported on the anesthesia code.'],
  ['24', 'Unrelated E/M in a postoperative period', 'An evaluation and management service by the same physician or qualified professional during the global period of an earlier procedure, for a problem that has nothing to do with that procedure. The documentation should make the unrelated reason clear.'],
  ['25', 'Separately identifiable E/M on the day of a procedure', 'A significant evaluation and management service on the same day as a procedure or other service, beyond the usual pre- and post-procedure work that is already part of that procedure. The E/M must stand on its own in the note; a different diagnosis is not required. Belongs on E/M codes only.'],
  ['26', 'Professional component', 'Only the physician\'s part of a service that has a professional and a technical component, such as the interpretation and report of an imaging study. Allowed only where the fee schedule\'s PC/TC indicator permits it.'],
  ['27', 'Multiple outpatient hospital E/M encounters on one date', 'Reported by a hospital outpatient facility when the patient had more than one E/M encounter in different outpatient settings on the same date, to identify the second and later encounters.'],
  ['32', 'Mandated services', 'The service was required by a third party, such as a payer, a quality or peer review body, or a government or legal authority (for example a mandated second opinion).'],
  ['33', 'Preventive services', 'Identifies a service as preventive under an evidence-based recommendation, so that patient cost sharing can be waived, or marks the preventive part when it is given together with a diagnostic service.'],
  ['47', 'Anesthesia by the surgeon', 'The surgeon personally gave the regional or general anesthesia for the procedure. Added to the procedure code, not to an anesthesia code.'],
  ['50', 'Bilateral procedure', 'The same procedure was performed on both sides of the body in the same session. Valid only where the fee schedule\'s bilateral indicator is 1; codes that are already bilateral or priced per side do not take it.'],
  ['51', 'Multiple procedures', 'More than one procedure was performed in the same session by the same provider; the modifier marks the additional procedures, which are subject to the multiple-procedure payment reduction. Not used on add-on codes or where the multiple-procedure indicator is 0 or 9.'],
  ['52', 'Reduced services', 'The service was partly reduced or left out at the physician\'s choice, and is still reported with its usual code. Not used when a procedure is stopped because of a risk to the patient (see 53).'],
  ['53', 'Discontinued procedure', 'The physician ended the procedure after it had started because of an extenuating circumstance or a threat to the patient\'s well-being. Not for an elective cancellation before the patient was prepared.'],
  ['54', 'Surgical care only', 'The physician performed the operation only; another provider gives the pre- and postoperative care. Paid as the intra-operative share of the global package.'],
  ['55', 'Postoperative management only', 'The physician gives only the care after the operation, which another physician performed. Paid as the postoperative share of the global package.'],
  ['56', 'Preoperative management only', 'The physician gives only the care before the operation, which another physician performs. Paid as the preoperative share of the global package.'],
  ['57', 'Decision for surgery', 'The evaluation and management service on the day before or the day of a major surgery (90-day global) is the visit at which the decision to operate was made. Belongs on E/M codes only.'],
  ['58', 'Staged or related procedure in the postoperative period', 'A procedure by the same physician during the global period of an earlier one, because it was planned in stages, is more extensive than the first, or is therapy following a diagnostic surgical procedure. Starts a new global period.'],
  ['59', 'Distinct procedural service', 'Two procedures that are not normally reported together were separate on this occasion: a different session, site or organ, incision, lesion or injury. Use it only when no more specific modifier fits; CMS prefers XE, XS, XP or XU. The note has to support the separation.'],
  ['62', 'Two surgeons', 'Two surgeons, usually of different specialties, each performed a distinct part of one procedure and each reports the code with this modifier. Allowed only where the fee schedule\'s co-surgeons indicator permits it.'],
  ['63', 'Procedure on an infant under 4 kg', 'The procedure was performed on a neonate or infant weighing less than 4 kilograms, which makes it markedly more complex and demanding.'],
  ['66', 'Surgical team', 'A highly complex procedure needed a team of physicians of different specialties, with other skilled staff and special equipment, working together. Allowed only where the team-surgery indicator permits it; payment is by report.'],
  ['73', 'Outpatient procedure stopped before anesthesia', 'In a hospital outpatient department or an ambulatory surgical center, the procedure was cancelled after the patient was prepared and taken to the room but before anesthesia was given. Reported by the facility.'],
  ['74', 'Outpatient procedure stopped after anesthesia', 'In a hospital outpatient department or an ambulatory surgical center, the procedure was stopped after anesthesia was given or after the procedure had started. Reported by the facility.'],
  ['76', 'Repeat procedure by the same physician', 'The same procedure was repeated on the same day by the same physician or qualified professional, after the first one.'],
  ['77', 'Repeat procedure by another physician', 'The same procedure was repeated on the same day by a different physician or qualified professional.'],
  ['78', 'Unplanned return to the operating room in the postoperative period', 'The same physician took the patient back to the operating or procedure room for a related procedure during the global period, for example to treat a complication. Does not start a new global period.'],
  ['79', 'Unrelated procedure in the postoperative period', 'The same physician performed a procedure unrelated to the earlier one during its global period. Starts a new global period.'],
  ['80', 'Assistant surgeon', 'A physician acted as full assistant to the operating surgeon. Payable according to the fee schedule\'s assistant-at-surgery indicator.'],
  ['81', 'Minimum assistant surgeon', 'A physician gave minimal assistance during the operation, short of a full assistant\'s role. Payable according to the assistant-at-surgery indicator.'],
  ['82', 'Assistant surgeon, no qualified resident available', 'A physician assisted because no qualified resident surgeon was available, as required in teaching hospitals. Payable according to the assistant-at-surgery indicator.'],
  ['90', 'Reference (outside) laboratory', 'The laboratory test was performed by an outside laboratory rather than by the provider who reports it.'],
  ['91', 'Repeat clinical laboratory test', 'The same laboratory test was repeated on the same day because further results were needed for the patient\'s care. Not for repeats caused by a specimen or equipment problem, or when a code already describes a series of results.'],
  ['92', 'Alternative laboratory platform testing', 'The laboratory test was run on a single-use, portable kit or a transportable instrument rather than in a fixed laboratory.'],
  ['93', 'Audio-only telemedicine', 'The service was delivered in real time over an audio-only connection between the practitioner and a patient at a distant site.'],
  ['95', 'Audio-video telemedicine', 'The service was delivered in real time over an interactive audio and video connection between the practitioner and a patient at a distant site.'],
  ['96', 'Habilitative services', 'The service helps the patient learn, keep or improve skills and functioning for daily living that were never developed.'],
  ['97', 'Rehabilitative services', 'The service helps the patient keep, regain or improve skills and functioning for daily living that were lost or impaired through illness, injury or disability.'],
  ['99', 'Multiple modifiers', 'More modifiers apply to this line than the claim form has room for; 99 says that the others are listed elsewhere on the claim.'],
  // Category II performance measure modifiers: on Category II (F) codes only.
  ['1P', 'Measure exclusion: medical reasons', 'A quality measure\'s action was not taken for a medical reason the record documents, so the patient is excluded from the measure (Category II codes only).'],
  ['2P', 'Measure exclusion: patient reasons', 'A quality measure\'s action was not taken for a reason of the patient\'s (for example declined), so the patient is excluded from the measure (Category II codes only).'],
  ['3P', 'Measure exclusion: system reasons', 'A quality measure\'s action was not taken for a reason of the health system (for example resources unavailable), so the patient is excluded (Category II codes only).'],
  ['8P', 'Measure action not performed', 'A quality measure\'s action was not performed and the reason is not otherwise specified; reported on the Category II code of the measure.'],
];

/**
 * Families, used to order modifiers on a line (pricing first, then payment, then
 * anatomic; ../guides/DOMAIN.md section 3). DOMAIN lists 22, 26, TC, 50, 52, 53, 62,
 * 66, 80, 81, 82, AS as pricing; 54/55/56 (global-package shares), 63, 73/74
 * (discontinued outpatient procedures) and the anesthesia modifiers AA, AD, QK, QX,
 * QY, QZ also change the amount paid, so they count as pricing here.
 */
export const PRICING_MODIFIERS: ReadonlySet<string> = new Set(['22', '26', 'TC', '50', '52', '53', '54', '55', '56', '62', '63', '66', '73', '74', '80', '81', '82', 'AS', 'AA', 'AD', 'QK', 'QX', 'QY', 'QZ']);
/** Payment/statistical: 24, 25, 51, 57, 58, 59, 76-79, X{EPSU} (DOMAIN), plus 27 and 91 (edit-bypass modifiers). */
export const PAYMENT_MODIFIERS: ReadonlySet<string> = new Set(['24', '25', '27', '51', '57', '58', '59', '76', '77', '78', '79', '91', 'XE', 'XS', 'XP', 'XU']);
/** The kinds of anatomic modifier, by the site they name. */
export type AnatomicGroup = 'side' | 'eyelid' | 'finger' | 'toe' | 'coronary';

/** Anatomic modifiers by kind (HCPCS Level II modifier file): sides, eyelids, fingers, toes, coronary arteries. */
export const ANATOMIC_GROUPS: Readonly<Record<AnatomicGroup, ReadonlySet<string>>> = {
  side: new Set(['LT', 'RT']),
  eyelid: new Set(['E1', 'E2', 'E3', 'E4']),
  finger: new Set(['FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9']),
  toe: new Set(['TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']),
  coronary: new Set(['LC', 'LD', 'LM', 'RC', 'RI']),
};

/** What each kind names, in words with their article (messages). */
export const ANATOMIC_GROUP_NAMES: Readonly<Record<AnatomicGroup, string>> = {
  side: 'a side of the body',
  eyelid: 'an eyelid',
  finger: 'a finger',
  toe: 'a toe',
  coronary: 'a coronary artery',
};

/** Anatomic: eyelids, fingers, toes, sides, coronary arteries. */
export const ANATOMIC_MODIFIERS: ReadonlySet<string> = new Set(Object.values(ANATOMIC_GROUPS).flatMap((set) => [...set]));

/**
 * Modifiers that bypass an NCCI PTP edit whose modifier indicator is 1 (DOMAIN.md
 * section 4, after the CMS NCCI policy manual): the anatomic ones, the global
 * surgery ones 24, 25, 57, 58, 78, 79, and 27, 59, 91, XE, XS, XP, XU.
 */
export const NCCI_ASSOCIATED_MODIFIERS: ReadonlySet<string> = new Set([
  ...ANATOMIC_MODIFIERS, '24', '25', '57', '58', '78', '79', '27', '59', '91', 'XE', 'XS', 'XP', 'XU',
]);

/** The X{EPSU} modifiers, which CMS prefers over 59 (MLN1783722, "Proper use of the -XE/-XS/-XP/-XU modifiers"). */
export const X_MODIFIERS: ReadonlySet<string> = new Set(['XE', 'XS', 'XP', 'XU']);

/** Every modifier family, in the default order of the modifier-order rule's families (informational last). */
export const MODIFIER_FAMILIES: ReadonlySet<ModifierFamily> = new Set<ModifierFamily>(['pricing', 'payment', 'anatomic', 'informational']);

/** The family of any modifier, CPT or Level II; 'informational' when not listed above. */
export function modifierFamily(code: string): ModifierFamily {
  if (PRICING_MODIFIERS.has(code)) return 'pricing';
  if (PAYMENT_MODIFIERS.has(code)) return 'payment';
  if (ANATOMIC_MODIFIERS.has(code)) return 'anatomic';
  return 'informational';
}

/** The CPT numeric modifiers as ModifierInfo (no dates: the AMA set has no per-modifier dates in our sources). */
export const CPT_MODIFIERS: readonly ModifierInfo[] = CPT_MODIFIER_TEXT.map(([code, name, description]) => ({
  code,
  name,
  description,
  family: modifierFamily(code),
  ncciAssociated: NCCI_ASSOCIATED_MODIFIERS.has(code),
  source: 'cpt',
  addDate: '',
  terminationDate: '',
}));

/** A Level II modifier from the HCPCS file, with its family and NCCI flag. */
export function levelTwoModifier(fields: {
  code: string;
  shortDescription: string;
  longDescription: string;
  addDate: string;
  actionEffectiveDate: string;
  terminationDate: string;
  actionCode: string;
}): ModifierInfo {
  return {
    code: fields.code,
    name: fields.shortDescription,
    description: fields.longDescription,
    family: modifierFamily(fields.code),
    ncciAssociated: NCCI_ASSOCIATED_MODIFIERS.has(fields.code),
    source: 'hcpcs',
    addDate: fields.addDate,
    terminationDate: fields.terminationDate,
    actionEffectiveDate: fields.actionEffectiveDate,
    actionCode: fields.actionCode,
  };
}

/** A modifier that says a service was distinct, what it means and what the note must show (our words). */
export interface DistinctServiceModifier {
  modifier: string;
  meaning: string;
  documentation: string;
}

/**
 * The distinct-service modifiers, X{EPSU} first (CMS prefers them to 59, MLN1783722): offered
 * as judgment fixes on NCCI pairs and duplicate lines, never applied in bulk.
 */
export const DISTINCT_SERVICE_MODIFIERS: readonly DistinctServiceModifier[] = [
  { modifier: 'XS', meaning: 'a separate organ or structure', documentation: 'the note names a different organ, structure or anatomic site for each service' },
  { modifier: 'XU', meaning: 'an unusual service that does not overlap the usual components of the main service', documentation: 'the note shows why this service is outside the usual parts of the main one' },
  { modifier: 'XE', meaning: 'a separate encounter', documentation: 'the note shows a separate encounter (its own time or visit) on the same date' },
  { modifier: 'XP', meaning: 'a separate practitioner', documentation: 'the note shows a different practitioner performed this service' },
  { modifier: '59', meaning: 'a distinct procedural service', documentation: 'the note shows a different session, site, incision, lesion or injury; use only when no X modifier fits' },
];
