import type { LineRule } from './rule';

/** External-cause codes (chapter 20, V00-Y99) say how an injury happened, never what was treated. */
const EXTERNAL_CAUSE = /^[VWXY]\d/i;

/**
 * A line's first-listed diagnosis must be what was treated: an external-cause code (V00-Y99)
 * may only follow the injury or condition it explains (ICD-10-CM Official Guidelines for
 * Coding and Reporting, section I.C.20: external cause codes are never first-listed).
 */
export const diagnosisSequence: LineRule = {
  id: 'diagnosis-sequence',
  description: 'The first-listed diagnosis of a line is an external-cause code (V00-Y99), which may never be first-listed.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  checkLine(line, context, report) {
    if (!context.columns.diagnosis || !line.code) return;
    const first = line.diagnoses[0];
    if (!first || !EXTERNAL_CAUSE.test(first.text)) return;
    const after = line.diagnoses.slice(1).find((dx) => !EXTERNAL_CAUSE.test(dx.text));
    report({
      ruleId: this.id,
      severity: 'error',
      start: first.start,
      end: first.end,
      message: `${first.text.toUpperCase()} is an external-cause code (V00-Y99): it says how an injury happened and is never first-listed. ` +
        (after ? `List ${after.text.toUpperCase()}, the condition treated, first.` : 'List the injury or condition treated first, then the external cause.'),
      data: { diagnosis: first.text.toUpperCase(), next: after?.text.toUpperCase() },
    }, line);
  },
};
