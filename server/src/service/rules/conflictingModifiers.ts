import type { CodedItem, ModifierSpan } from '../documents/chargeFile';
import type { Fix, Severity } from '../types';
import { removeModifier } from '../lineFacts/lineEdits';
import { X_MODIFIERS } from '../lineFacts/modifierFacts';
import type { CitationRule, Report } from './rule';

/** Modifiers that contradict each other on one line: 26+TC, 50+LT/RT, LT+RT, 59+X{EPSU}, GA+GZ, JW+JZ. */
export const conflictingModifiers: CitationRule = {
  citations: true,
  id: 'conflicting-modifiers',
  description: 'Two modifiers on one line contradict each other: 26 with TC, 50 with LT or RT, LT with RT, 59 with XE/XS/XP/XU, GA with GZ, JW with JZ.',
  scope: 'line',
  severity: 'error',
  fixKinds: ['safe', 'judgment'],
  checkLine(line, _context, report) {
    // Every conflict is between two modifiers: most lines have one or none. No closures here: a
    // closure over the line or report makes a context object at every call, also for those lines.
    if (line.modifiers.length < 2) return;
    // The first modifier of each value, by a look along the line's few modifiers (no map per line).
    const modifiers = line.modifiers;
    const pc = firstWith(modifiers, '26');
    const tc = firstWith(modifiers, 'TC');
    if (pc && tc) flag(report, line, pc, tc, '26 (professional component) and TC (technical component) on one line contradict each other: bill the global code without either, or split the components between their billers.');
    const bilateral = firstWith(modifiers, '50');
    const lt = firstWith(modifiers, 'LT');
    const rt = firstWith(modifiers, 'RT');
    for (let k = 0; bilateral && k < 2; k++) {
      const side = k === 0 ? lt : rt;
      if (!side) continue;
      flag(report, line, bilateral, side, `50 (bilateral) with ${side.value} (one side) is contradictory: use 50 alone for both sides, or ${side.value} alone for one.`, [
        { title: `Remove ${side.value} (keep 50)`, safe: false, edits: [removeModifier(line, side)] },
      ]);
    }
    if (lt && rt && !bilateral) {
      flag(report, line, lt, rt, 'LT and RT on one line: a line is one side. Report each side on its own line with LT and RT, or use 50 where the code allows it.');
    }
    const ga = firstWith(modifiers, 'GA');
    const gz = firstWith(modifiers, 'GZ');
    if (ga && gz) flag(report, line, ga, gz, 'GA (a waiver of liability is on file) and GZ (no waiver on file) contradict each other: keep the one the ABN documentation supports.');
    const jw = firstWith(modifiers, 'JW');
    const jz = firstWith(modifiers, 'JZ');
    if (jw && jz) flag(report, line, jw, jz, 'JW (drug amount discarded) and JZ (no drug discarded) contradict each other on one line: report the administered amount with JZ or split the discarded amount onto its own JW line.');
    const distinct = firstWith(modifiers, '59');
    if (distinct) {
      for (const m of line.modifiers) {
        if (!X_MODIFIERS.has(m.value)) continue;
        flag(report, line, m, distinct, `59 with ${m.value} is redundant: ${m.value} already says why the service is distinct, and CMS prefers the X modifier over 59.`, [
          { title: 'Remove 59 (keep the X modifier)', safe: true, edits: [removeModifier(line, distinct)] },
        ], 'warning');
        break;
      }
    }
  },
};

/** The first modifier with `value`, if any. */
function firstWith(modifiers: readonly ModifierSpan[], value: string): ModifierSpan | undefined {
  for (const m of modifiers) if (m.value === value) return m;
  return undefined;
}

function flag<L extends CodedItem>(report: Report<L>, line: L, a: ModifierSpan, b: ModifierSpan, message: string, fixes: Fix[] = [], severity: Severity = 'error'): void {
  report({ ruleId: 'conflicting-modifiers', severity, start: b.start, end: b.end, message, data: { modifiers: [a.value, b.value] }, fixes }, line);
}
