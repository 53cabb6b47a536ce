import { CODE_SHAPE } from '../documents/codeToken';
import { procedureOf } from '../lineFacts/feeRow';
import { levelTwoOrFee } from '../lineFacts/dataTables';
import type { LineRule } from './rule';

/** A well-shaped code that the loaded code set does not contain. */
export const unknownCode: LineRule = {
  id: 'unknown-code',
  description: 'Code is not in the loaded code set.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  dataTables: levelTwoOrFee,
  checkLine(line, context, report) {
    const code = line.code;
    if (!code) return;
    const normalised = line.codeValue; // the code's text in upper case, made once per line
    if (!CODE_SHAPE.test(normalised) || procedureOf(line, context.codeSet)) return;
    const hcpcs = context.codeSet.version().hcpcs;
    report({
      ruleId: this.id,
      severity: 'error',
      start: code.start,
      end: code.end,
      message: `${normalised} is not a known CPT/HCPCS code: it is in neither the ${context.codeSet.release.feeSchedule} fee schedule${hcpcs ? ' nor the HCPCS Level II file' : ''}. Check for a transposed or dropped digit.`,
      data: { code: normalised, feeSchedule: context.codeSet.release.feeSchedule, hcpcs },
    }, line);
  },
};
