import { CODE_SHAPE } from '../documents/codeToken';
import type { LineRule } from './rule';

/** A well-shaped code that the loaded code set does not contain. */
export const unknownCode: LineRule = {
  id: 'unknown-code',
  description: 'Code is not in the loaded code set.',
  scope: 'line',
  checkLine(line, context, report) {
    const code = line.code;
    if (!code) return;
    const normalised = code.text.toUpperCase();
    if (!CODE_SHAPE.test(normalised) || context.codeSet.procedure(normalised)) return;
    report({
      ruleId: this.id,
      severity: 'error',
      start: code.start,
      end: code.end,
      message: `${normalised} is not a known CPT/HCPCS code in ${context.codeSet.release.feeSchedule}.`,
    }, line);
  },
};
