import { STATUS_MEANING } from '../../codeset/indicators';
import type { ChargeLine } from '../documents/chargeFile';
import { feeRowOf } from '../lineFacts/feeRow';
import type { ClaimRule } from './rule';

/**
 * Statuses of services "payable under the physician fee schedule" that make a status-T line
 * bundled: active (A), restricted coverage (R) and carrier-priced (C) codes. T lines among
 * themselves do not bundle one another; B, P, N, X, E, I... lines are not paid under the
 * fee schedule and leave the T line payable.
 */
const PAYABLE = new Set(['A', 'R', 'C']);

function statusOf(line: ChargeLine, codeSet: Parameters<typeof feeRowOf>[1]): string | undefined {
  const fee = feeRowOf(line, codeSet);
  return (fee?.variant ?? fee?.row)?.status;
}

/**
 * Status T (RVU file readme, Attachment A "Status code", T = injections): the service is paid
 * only when no other service payable under the physician fee schedule is billed on the same
 * date by the same provider; otherwise it is bundled into that service.
 */
export const statusTBundled: ClaimRule = {
  id: 'status-t-bundled',
  description: 'A status-T service (paid only alone) is billed on a day with another fee-schedule service by the same provider, so it is bundled and not paid.',
  scope: 'claim',
  severity: 'warning',
  fixKinds: [],
  dataTables: ['feeSchedule'],
  checkClaim(claim, context, report) {
    for (const day of claim.days) {
      if (day.length < 2) continue;
      const tLines = day.filter((l) => statusOf(l, context.codeSet) === 'T');
      if (tLines.length === 0) continue;
      const payable = day.find((l) => PAYABLE.has(statusOf(l, context.codeSet) ?? ''));
      if (!payable?.code) continue;
      for (const line of tLines) {
        if (!line.code) continue;
        report({
          ruleId: this.id,
          severity: 'warning',
          start: line.code.start,
          end: line.code.end,
          message: `${line.codeValue} has fee-schedule status T (${STATUS_MEANING.T}), and ${payable.codeValue} is billed for this patient by the same provider on the same date: Medicare bundles ${line.codeValue} into it and does not pay it.`,
          data: { code: line.codeValue, status: 'T', bundledInto: payable.codeValue },
          related: [{ start: payable.code.start, end: payable.code.end, message: `${payable.codeValue}, the fee-schedule service billed that day` }],
        }, line);
      }
    }
  },
};
