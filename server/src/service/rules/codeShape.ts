import { CODE_SHAPE } from '../documents/codeToken';
import { isBlankRow } from '../../csv/csv';
import type { LineRule } from './rule';
import { excerpt } from '../excerpt';

/** A code cell whose text is not shaped like any CPT or HCPCS code. */
export const codeShape: LineRule = {
  id: 'code-shape',
  description: 'Code is missing, or not shaped like a CPT or HCPCS code.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  checkLine(line, _context, report) {
    const code = line.code;
    if (!code) {
      // A row of empty cells (",,,,," at the end of a spreadsheet export) is not a charge line.
      if (isBlankRow(line.row)) return;
      report({
        ruleId: this.id,
        severity: 'error',
        start: line.row.start,
        end: line.row.end,
        message: 'This line has no procedure code: a payer rejects a service line without one.',
        data: { code: '' },
      }, line);
      return;
    }
    // codeValue is the code's text in upper case (made once per line, not again here).
    if (CODE_SHAPE.test(line.codeValue)) return;
    report({
      ruleId: this.id,
      severity: 'error',
      start: code.start,
      end: code.end,
      message: `"${excerpt(code.text)}" is not a valid code: expected 5 digits (CPT), 4 digits + F/T/U (CPT II/III/PLA), or a letter + 4 digits (HCPCS).`,
      data: { code: code.text },
    }, line);
  },
};
