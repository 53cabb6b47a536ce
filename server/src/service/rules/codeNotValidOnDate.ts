import { CODE_SHAPE } from '../documents/codeToken';
import type { LineRule } from './rule';

/** A known code billed on a date before it was added or after it was terminated (HCPCS dates). */
export const codeNotValidOnDate: LineRule = {
  id: 'code-not-valid-on-date',
  description: 'Code is not valid on the date of service: not yet added, or terminated.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  checkLine(line, context, report) {
    const code = line.code;
    if (!code || !line.dateValue || !CODE_SHAPE.test(line.codeValue)) return;
    const validity = context.codeSet.procedure(line.codeValue, line.dateValue)?.validity;
    if (!validity || validity.valid) return;
    const message =
      validity.reason === 'terminated'
        ? `${line.codeValue} was terminated on ${validity.date}; it is not valid for a date of service of ${line.dateValue}. Use the code that replaced it.`
        : `${line.codeValue} takes effect on ${validity.date}; it is not valid yet for a date of service of ${line.dateValue}.`;
    report({ ruleId: this.id, severity: 'error', start: code.start, end: code.end, message, data: { code: line.codeValue, dateOfService: line.dateValue, ...validity } }, line);
  },
};
