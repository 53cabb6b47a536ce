import { includedEndoscopyBases, includedFinding } from '../lineFacts/sameDayServices';
import type { ClaimRule } from './rule';

/**
 * The base endoscopy is not paid with another endoscopy of its family on the same day: the
 * fee schedule's MULT PROC indicator 3 and ENDO BASE name the family (RVU file readme, field
 * "multiple procedure": special rules for endoscopies; Medicare Claims Processing Manual ch. 12
 * §40.6.1): 43239 includes 43235, 29881 includes 29870. payment.ts prices the base at zero by the same test.
 */
export const endoscopyBase: ClaimRule = {
  id: 'endoscopy-base',
  description: 'A base endoscopy is billed with another endoscopy of its family on the same day; the fee schedule pays the base only inside the other.',
  scope: 'claim',
  severity: 'error',
  fixKinds: [],
  dataTables: ['feeSchedule'],
  checkClaim(claim, context, report) {
    for (const day of claim.days) {
      const included = includedEndoscopyBases(day, context.codeSet);
      for (let i = 0; i < included.length; i++) {
        const { base, including } = included[i];
        const finding = includedFinding(this.id, 'error', base, including,
          `${base.codeValue} is the base endoscopy of ${including.codeValue} (ENDO BASE ${base.codeValue}, MULT PROC 3): on the same day it is paid only as part of ${including.codeValue}, not on its own line.`,
          { base: base.codeValue, code: including.codeValue }, `${including.codeValue}, the endoscopy that includes it`);
        if (finding) report(finding, base);
      }
    }
  },
};
