import { STATUS_MEANING } from '../../codeset/indicators';
import { includedFinding, statusTBundling } from '../lineFacts/sameDayServices';
import type { ClaimRule } from './rule';

/**
 * Status T (RVU file readme, Attachment A "Status code", T = injections): the service is paid
 * only when no other service payable under the physician fee schedule (A, R, C) is billed on the
 * same date by the same provider; otherwise it is bundled into that service. T lines among
 * themselves do not bundle one another. The same test prices the line at zero (payment.ts).
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
      const bundled = statusTBundling(day, context.codeSet);
      if (!bundled) continue;
      const { into } = bundled;
      for (const line of bundled.tLines) {
        const finding = includedFinding(this.id, 'warning', line, into,
          `${line.codeValue} has fee-schedule status T (${STATUS_MEANING.T}), and ${into.codeValue} is billed for this patient by the same provider on the same date: Medicare bundles ${line.codeValue} into it and does not pay it.`,
          { code: line.codeValue, status: 'T', bundledInto: into.codeValue }, `${into.codeValue}, the fee-schedule service billed that day`);
        if (finding) report(finding, line);
      }
    }
  },
};
