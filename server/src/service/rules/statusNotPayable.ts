import { STATUS_MEANING } from '../../codeset/indicators';
import type { Severity } from '../types';
import { feeRowOf, rowData } from './feeRow';
import type { LineRule } from './rule';

/** How much each non-paying status code matters on a Medicare claim (RVU readme, status code field). */
const SEVERITY: Readonly<Record<string, Severity>> = {
  D: 'error', F: 'error', G: 'error', H: 'error', I: 'error',
  B: 'warning', P: 'warning', N: 'warning', X: 'warning', E: 'warning',
  M: 'information', C: 'information', R: 'information',
};

/** A code whose fee-schedule status means Medicare does not pay it separately, or not at all. */
export const statusNotPayable: LineRule = {
  id: 'status-not-payable',
  description: 'The fee-schedule status says Medicare does not pay this code (deleted, not valid, bundled, excluded, non-covered, measurement only) or prices it case by case.',
  scope: 'line',
  checkLine(line, context, report) {
    const code = line.code;
    const fee = code ? feeRowOf(line, context.codeSet) : undefined;
    if (!code || !fee) return;
    const row = fee.variant ?? fee.row;
    const severity = SEVERITY[row.status];
    if (!severity) return;
    const written = row.modifier ? `${row.code}-${row.modifier}` : row.code;
    report({
      ruleId: this.id,
      severity,
      start: code.start,
      end: code.end,
      message: `${written} has fee-schedule status ${row.status}: ${STATUS_MEANING[row.status] ?? 'unknown status'}.`,
      data: rowData(row, ['status']),
    }, line);
  },
};
