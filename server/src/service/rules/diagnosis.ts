import type { CodeSet } from '../../codeset/types';
import type { LineRule, Report } from './rule';
import type { ChargeLine, Span } from '../documents/chargeFile';
import { excerpt } from '../excerpt';

/** ICD-10-CM shape: letter, digit, letter or digit, then up to 4 more; a dot only after the third character. */
const ICD10_SHAPE = /^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$/;
const CHILD_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Diagnosis codes that are not ICD-10-CM codes, or header codes that are not billable; lines with no diagnosis. */
export const diagnosis: LineRule = {
  id: 'diagnosis',
  description: 'Diagnosis code is not a valid, billable ICD-10-CM code, or the line has no diagnosis.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  dataTables: ['icd10'],
  checkLine(line, context, report) {
    if (!context.columns.diagnosis || !line.code) return;
    if (line.diagnoses.length === 0) {
      if (line.pointers.length > 0) return;
      const at = line.code;
      report({ ruleId: this.id, severity: 'warning', start: at.start, end: at.end, message: `${line.codeValue} has no diagnosis code: every claim line needs at least one ICD-10-CM diagnosis.`, data: { code: line.codeValue } }, line);
      return;
    }
    // No closures here: one over the line or report makes a context object at every line's check.
    const loaded = context.codeSet.version().icd10 !== undefined;
    for (const dx of line.diagnoses) {
      // The code set normalises case and the dot itself; asking with the written text hits its memo.
      const known = context.codeSet.diagnosis(dx.text);
      if (known?.billable) continue;
      const upper = dx.text.toUpperCase();
      const bare = upper.replace('.', '');
      if (!ICD10_SHAPE.test(upper)) {
        say(report, line, dx, 'error', `"${excerpt(dx.text)}" is not shaped like an ICD-10-CM code (a letter, a digit, a letter or digit, then up to four more, e.g. E11.9).`, { diagnosis: dx.text });
        continue;
      }
      if (!known) {
        if (loaded) say(report, line, dx, 'error', `${upper} is not an ICD-10-CM code.`, { diagnosis: upper });
        continue;
      }
      if (!known.billable) {
        const children = childrenOf(context.codeSet, bare);
        const more = children.length > 0 ? ` (e.g. ${children.slice(0, 6).join(', ')}${children.length > 6 ? ', ...' : ''})` : '';
        say(report, line, dx, 'error', `${known.display} (${known.shortDescription}) is a header code, not billable: it needs more characters${more}.`, { diagnosis: known.display, billable: false, children });
      }
    }
  },
};

/** The codes one character longer than a header code. */
function childrenOf(codeSet: CodeSet, code: string): string[] {
  const out: string[] = [];
  for (const c of CHILD_CHARS) {
    const child = codeSet.diagnosis(code + c);
    if (child) out.push(child.display);
  }
  return out;
}

function say(report: Report, line: ChargeLine, dx: Span, severity: 'error' | 'warning', message: string, data: Record<string, unknown>): void {
  report({ ruleId: 'diagnosis', severity, start: dx.start, end: dx.end, message, data }, line);
}
