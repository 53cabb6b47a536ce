/**
 * Whether an NCCI PTP edit with modifier indicator 1 is bypassed for a pair of lines, as
 * the NCCI Policy Manual for Medicare Services, chapter I, section E ("Modifiers and
 * Modifier Indicators") describes the NCCI-associated modifiers: a modifier bypasses an
 * edit only when the circumstance it stands for can apply to the pair. Indicator 0 is
 * never bypassed and indicator 9 is not an edit; the rule handles those.
 */
import type { CodeSet } from '../../codeset/types';
import { bodySiteOf } from '../../codeset/anatomy';
import { ANATOMIC_GROUPS, ANATOMIC_GROUP_NAMES, X_MODIFIERS, type AnatomicGroup } from '../../codeset/modifiers';
import type { CodedItem } from '../documents/chargeFile';
import { procedureOf } from './feeRow';
import { isEvaluationAndManagement } from './modifierFacts';

/** Anatomic modifiers by the kind of site they name (codeset/modifiers.ts): two lines are at different sites when one kind differs. */
const ANATOMIC_KINDS = Object.entries(ANATOMIC_GROUPS) as [AnatomicGroup, ReadonlySet<string>][];

const VISIT_MODIFIERS = new Set(['24', '25', '27', '57']);
const POSTOPERATIVE_MODIFIERS = new Set(['58', '78', '79']);
const SURGICAL_GLOBALS = new Set(['000', '010', '090']);

/** The outcome for one column-1/column-2 pair of lines. */
export interface PtpBypass {
  bypassed: boolean;
  /** The modifier that bypassed the edit, when one did. */
  by?: string;
  /** NCCI-associated modifiers present that do not bypass this pair, each with why. */
  notApplicable: string[];
}

/** CPT laboratory and PLA codes (a constant: a pattern literal in a function is a new object at every call). */
const LAB_CODE = /^8\d{4}$|^\d{4}U$/;

/**
 * Laboratory codes, where 91 (repeat clinical laboratory test) applies: CPT 80000-89999,
 * PLA codes (4 digits + U), and Level II codes whose BETOS category is a lab test (T1x).
 */
export function isLaboratory(code: string, codeSet: CodeSet): boolean {
  if (LAB_CODE.test(code)) return true;
  return codeSet.procedure(code)?.hcpcs?.betos.startsWith('T1') ?? false;
}

/**
 * The line's anatomic modifiers by kind, leaving out a kind its code's body site rules out
 * (codeset/anatomy.ts: a coronary artery on a knee arthroscopy names no site of that code, so
 * it shows no distinct site; `anatomic-modifier` reports it).
 */
function anatomicSites(line: CodedItem, notApplicable?: string[]): Map<AnatomicGroup, Set<string>> {
  const sites = new Map<AnatomicGroup, Set<string>>();
  const misfits = bodySiteOf(line.codeValue)?.misfits;
  for (const m of line.modifiers) {
    for (const [kind, set] of ANATOMIC_KINDS) {
      if (!set.has(m.value)) continue;
      if (misfits?.has(kind)) {
        notApplicable?.push(`${m.value} on ${line.codeValue}: it names ${ANATOMIC_GROUP_NAMES[kind]}, and ${line.codeValue} is not performed on one`);
        continue;
      }
      const got = sites.get(kind) ?? new Set<string>();
      got.add(m.value);
      sites.set(kind, got);
    }
  }
  return sites;
}

/** True when both lines name a site of one kind and the sites differ (RT with LT; F1 with F2). */
function differentSites(a: CodedItem, b: CodedItem, notApplicable: string[]): 'different' | 'same' | 'one-sided' | 'none' {
  const sa = anatomicSites(a, notApplicable);
  const sb = anatomicSites(b, notApplicable);
  if (sa.size === 0 && sb.size === 0) return 'none';
  let compared = false;
  for (const [kind, setA] of sa) {
    const setB = sb.get(kind);
    if (!setB) continue;
    compared = true;
    const same = setA.size === setB.size && [...setA].every((m) => setB.has(m));
    if (!same) return 'different';
  }
  return compared ? 'same' : 'one-sided';
}

function globalDays(line: CodedItem, codeSet: CodeSet): string | undefined {
  return procedureOf(line, codeSet)?.row?.globalDays;
}

/** Whether the NCCI-associated modifiers on the two lines bypass an indicator-1 edit between them. */
export function ptpBypass(column1: CodedItem, column2: CodedItem, codeSet: CodeSet): PtpBypass {
  const notApplicable: string[] = [];
  const pair: Array<[CodedItem, CodedItem]> = [
    [column2, column1],
    [column1, column2],
  ];
  for (const [carrier, other] of pair) {
    for (const { value: m } of carrier.modifiers) {
      if (m === '59' || X_MODIFIERS.has(m)) return { bypassed: true, by: m, notApplicable };
      if (VISIT_MODIFIERS.has(m)) {
        if (!isEvaluationAndManagement(carrier.codeValue)) notApplicable.push(`${m} on ${carrier.codeValue}: ${m} applies only to an E/M visit`);
        else if (m === '57' && globalDays(other, codeSet) !== '090') notApplicable.push(`57 on ${carrier.codeValue}: 57 (decision for surgery) applies only with a major (090-day) procedure, and ${other.codeValue} is not one`);
        else return { bypassed: true, by: m, notApplicable };
      } else if (POSTOPERATIVE_MODIFIERS.has(m)) {
        const days = globalDays(other, codeSet);
        if (isEvaluationAndManagement(carrier.codeValue)) notApplicable.push(`${m} on ${carrier.codeValue}: ${m} applies only to a procedure`);
        else if (!days || !SURGICAL_GLOBALS.has(days)) notApplicable.push(`${m} on ${carrier.codeValue}: ${m} applies only in the global period of a surgical procedure, and ${other.codeValue} has none (global ${days ?? 'unknown'})`);
        else return { bypassed: true, by: m, notApplicable };
      } else if (m === '91') {
        if (isLaboratory(carrier.codeValue, codeSet) && isLaboratory(other.codeValue, codeSet)) return { bypassed: true, by: m, notApplicable };
        notApplicable.push(`91 on ${carrier.codeValue}: 91 applies only to a repeated laboratory test, with both codes laboratory tests`);
      }
    }
  }
  const sites = differentSites(column1, column2, notApplicable);
  if (sites === 'different') return { bypassed: true, by: 'anatomic', notApplicable };
  if (sites === 'same') notApplicable.push('the anatomic modifiers name the same site on both lines; they bypass the edit only for different sites');
  if (sites === 'one-sided') notApplicable.push('an anatomic modifier on one line only does not show that the two services were at different sites');
  return { bypassed: false, notApplicable: [...new Set(notApplicable)] };
}
