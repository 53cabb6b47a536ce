import {
  ASSISTANT_MEANING,
  BILATERAL_MEANING,
  CO_SURGEONS_MEANING,
  MULTIPLE_PROCEDURE_MEANING,
  PCTC_MEANING,
  TEAM_SURGERY_MEANING,
} from '../../codeset/indicators';
import type { FeeScheduleRow } from '../../codeset/types';
import type { ModifierSpan } from '../documents/chargeFile';
import type { Fix, Severity } from '../types';
import { feeRowOf } from '../lineFacts/feeRow';
import { removeModifier } from '../lineFacts/lineEdits';
import { isEmFamily } from '../lineFacts/modifierFacts';
import type { CitationRule } from './rule';

/** What the fee-schedule row says about one modifier: undefined when it is allowed. */
interface Verdict {
  severity: Severity;
  /** The indicator the verdict rests on. */
  indicator?: { name: keyof FeeScheduleRow; label: string; value: string };
  why: string;
  /** Removing the modifier is safe only when it can never apply to the code. */
  removable: 'safe' | 'unsafe' | 'none';
}

const ASSISTANT = new Set(['80', '81', '82', 'AS']);

/**
 * Whether the fee-schedule row allows modifier `m` on `code`: undefined when it does,
 * else the severity and the reason in words. Completion calls this, so the list a
 * coder picks from and the diagnostics never disagree.
 */
export function modifierVerdict(m: string, row: FeeScheduleRow, code: string): { severity: Severity; why: string } | undefined {
  const v = judge(m, row, code);
  return v && { severity: v.severity, why: v.indicator ? `${v.indicator.label} ${v.indicator.value}: ${v.why}` : v.why };
}

/** The indicator a verdict rests on (a function, not a closure made at every call of `judge`). */
function indicatorOf(row: FeeScheduleRow, name: keyof FeeScheduleRow, label: string): Verdict['indicator'] {
  return { name, label, value: String(row[name]) };
}

/** Modifiers for procedures, not for E/M codes (no array literal made per call of `judge`). */
const PROCEDURE_ONLY: ReadonlySet<string> = new Set(['58', '76', '77', '78', '79']);
/** Performance measure exclusion modifiers (Category II codes only). */
const MEASURE_EXCLUSION: ReadonlySet<string> = new Set(['1P', '2P', '3P', '8P']);

/** Laboratory codes (91) and Category II codes (1P-8P): constants, not a pattern object per call. */
const LAB_CODE = /^8\d{4}$|^G0\d{3}$/;
const CATEGORY_TWO = /^\d{4}F$/;

function judge(m: string, row: FeeScheduleRow, code: string): Verdict | undefined {
  if (m === '26' || m === 'TC') {
    const v = row.pctc;
    if (v === '1' || (m === '26' && (v === '6' || v === '8'))) return undefined;
    return { severity: v === '7' || v === '9' ? 'warning' : 'error', indicator: indicatorOf(row, 'pctc', 'PC/TC'), why: PCTC_MEANING[v] ?? 'unknown value', removable: 'safe' };
  }
  if (m === '50') {
    const v = row.bilateral;
    // 1: 150% for both sides; 3: each side at 100%, which 50 (or RT and LT lines) reports alike.
    if (v === '1' || v === '3') return undefined;
    const removable = v === '2' ? 'safe' : v === '3' ? 'none' : 'unsafe';
    return { severity: v === '3' ? 'warning' : 'error', indicator: indicatorOf(row, 'bilateral', 'BILAT SURG'), why: BILATERAL_MEANING[v] ?? 'unknown value', removable };
  }
  if (m === '51') {
    if (row.globalDays === 'ZZZ') return { severity: 'error', indicator: indicatorOf(row, 'globalDays', 'GLOB DAYS'), why: 'add-on code: add-on codes are exempt from the multiple-procedure reduction and never take 51', removable: 'safe' };
    const v = row.multipleProcedure;
    if (v === '0' || v === '9') return { severity: 'warning', indicator: indicatorOf(row, 'multipleProcedure', 'MULT PROC'), why: MULTIPLE_PROCEDURE_MEANING[v], removable: 'safe' };
    return undefined;
  }
  if (ASSISTANT.has(m)) {
    const v = row.assistant;
    if (v === '2') return undefined;
    return { severity: v === '1' ? 'error' : v === '0' ? 'information' : 'warning', indicator: indicatorOf(row, 'assistant', 'ASST SURG'), why: ASSISTANT_MEANING[v] ?? 'unknown value', removable: 'none' };
  }
  if (m === '62' || m === '66') {
    const [name, label, table] = m === '62' ? (['coSurgeons', 'CO SURG', CO_SURGEONS_MEANING] as const) : (['teamSurgery', 'TEAM SURG', TEAM_SURGERY_MEANING] as const);
    const v = row[name];
    if (v === '2') return undefined;
    return { severity: v === '0' ? 'error' : v === '1' ? 'information' : 'warning', indicator: indicatorOf(row, name, label), why: table[v] ?? 'unknown value', removable: 'none' };
  }
  if ((m === '25' || m === '57') && !isEmFamily(code)) {
    return { severity: 'error', why: `modifier ${m} belongs on an evaluation and management visit (E/M or eye visit codes), not on a procedure`, removable: 'safe' };
  }
  if (PROCEDURE_ONLY.has(m) && isEmFamily(code)) {
    return { severity: 'error', why: `modifier ${m} is for procedures (staged, repeated or related procedures), not for evaluation and management codes`, removable: 'safe' };
  }
  if (m === '91' && !LAB_CODE.test(code)) {
    return { severity: 'error', why: 'modifier 91 (repeat clinical diagnostic laboratory test) belongs on laboratory codes (80000-89999)', removable: 'safe' };
  }
  if (MEASURE_EXCLUSION.has(m) && !CATEGORY_TWO.test(code)) {
    return { severity: 'error', why: `modifier ${m} is a performance measure exclusion modifier for Category II (F) codes only`, removable: 'safe' };
  }
  if (m === '22' && isEmFamily(code)) {
    return { severity: 'error', why: 'modifier 22 (increased procedural services) is for procedures with a global period, not E/M codes; a longer visit is shown by the E/M level or prolonged-service codes', removable: 'safe' };
  }
  return undefined;
}

/** A modifier the fee-schedule indicators do not allow for the code (26/TC, 50, 51, 80/81/82/AS, 62, 66, 25/57, 22). */
export const modifierNotAllowed: CitationRule = {
  citations: true,
  id: 'modifier-not-allowed',
  description: "Modifier is not allowed for the code by the fee schedule's indicators (PC/TC, BILAT, MULT PROC, ASST, CO, TEAM) or by its kind (25/57 on E/M only, 22 not on E/M).",
  scope: 'line',
  severity: 'error',
  fixKinds: ['safe', 'judgment'],
  dataTables: ['feeSchedule'],
  checkLine(line, context, report) {
    if (line.modifiers.length === 0) return;
    const fee = feeRowOf(line, context.codeSet);
    if (!fee) return;
    for (let i = 0; i < line.modifiers.length; i++) {
      const m = line.modifiers[i];
      // Once per modifier value (a loop, not a Set per line: lines have one or two).
      if (seenBefore(line.modifiers, i)) continue;
      // 50 says "both sides" on one line of one unit; more units bill the sides twice.
      const units = m.value === '50' ? Number(line.field('units')?.text ?? '1') : 1;
      const verdict = m.value === '50' && units > 1 && !judge(m.value, fee.row, line.codeValue)
        ? ({ severity: 'error', why: `modifier 50 reports both sides on one line of 1 unit; with ${units} units the bilateral service is billed ${units} times`, removable: 'none' } as Verdict)
        : judge(m.value, fee.row, line.codeValue);
      if (!verdict) continue;
      report({
        ruleId: this.id,
        severity: verdict.severity,
        start: m.start,
        end: m.end,
        message: messageOf(m, line.codeValue, verdict),
        data: { code: line.codeValue, modifier: m.value, ...(verdict.indicator ? { [verdict.indicator.name]: verdict.indicator.value } : {}) },
        fixes: fixesOf(line, m, verdict),
      }, line);
    }
  },
};

/** Whether the value of modifier `i` is on an earlier modifier of the line. */
function seenBefore(modifiers: readonly ModifierSpan[], i: number): boolean {
  const value = modifiers[i].value;
  for (let k = 0; k < i; k++) if (modifiers[k].value === value) return true;
  return false;
}

function messageOf(m: ModifierSpan, code: string, v: Verdict): string {
  const base = v.indicator ? `Modifier ${m.value} on ${code}: ${v.indicator.label} indicator ${v.indicator.value} means ${v.why}.` : `Modifier ${m.value} on ${code}: ${v.why}.`;
  if (v.severity === 'information') return `${base} Keep the documentation ready.`;
  return base;
}

function fixesOf(line: Parameters<typeof removeModifier>[0], m: ModifierSpan, v: Verdict): Fix[] {
  if (v.removable === 'none') return [];
  return [{ title: `Remove modifier ${m.value}`, safe: v.removable === 'safe', edits: [removeModifier(line, m)] }];
}
