import type { Suppression } from '../documents/suppressions';
import type { FileRule, Report } from './rule';
import { excerpt } from '../excerpt';

/** Suppressions that do not say why, name an unknown rule, or apply to no line. */
export const suppression: FileRule = {
  id: 'suppression',
  description: 'A suppression comment or override_reason has no reason, names an unknown rule, or applies to no charge line.',
  scope: 'file',
  severity: 'warning',
  fixKinds: [],
  checkFile(file, context, report) {
    for (const s of file.strayComments) {
      report({ ruleId: this.id, severity: 'warning', start: s.start, end: s.end, message: 'This cpt-lens-disable-next-line comment is not followed by a charge line, so it suppresses nothing.', data: { reason: s.reason } });
    }
    // Most files have neither suppression comments nor an override column: skip the scan.
    if (file.table.comments.length === 0 && !file.columns.overrideReason) return;
    // The lines that have any (the model keeps them listed), not all of them: a keystroke re-runs this.
    for (const index of file.suppressed) {
      const line = file.lines[index];
      for (const s of line.suppressions) check(this.id, s, context.ruleIds, report, 'comment');
      if (line.override) check(this.id, line.override, context.ruleIds, report, 'override_reason');
    }
  },
};

function check(ruleId: string, s: Suppression, known: ReadonlySet<string>, report: Report, kind: string): void {
  for (const r of s.rules) {
    if (!known.has(r.id)) report({ ruleId, severity: 'warning', start: r.start, end: r.end, message: `"${excerpt(r.id)}" is not a CPT Lens rule id, so this ${kind} suppresses nothing for it.`, data: { rule: r.id } });
  }
  if (s.reason === '') {
    const what = s.rules.length > 0 ? s.rules.map((r) => r.id).join(', ') : 'every rule';
    report({
      ruleId,
      severity: 'warning',
      start: s.start,
      end: s.end,
      message: `Suppression of ${what} without a reason: it is ignored until it says why the finding is accepted (e.g. "# cpt-lens-disable-next-line ncci-ptp: separate incision, left arm").`,
      data: { rules: s.rules.map((r) => r.id) },
    });
  }
}
