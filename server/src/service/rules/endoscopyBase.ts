import { procedureOf } from '../lineFacts/feeRow';
import type { ChargeLine } from '../documents/chargeFile';
import type { ClaimRule } from './rule';

/**
 * The base endoscopy is not paid with another endoscopy of its family on the same day: the
 * fee schedule's MULT PROC indicator 3 and ENDO BASE name the family (RVU file readme, field
 * "multiple procedure": special rules for endoscopies; Medicare Claims Processing Manual ch. 12
 * §40.6.1): 43239 includes 43235, 29881 includes 29870.
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
      if (day.length < 2) continue;
      const byCode = new Map<string, ChargeLine>();
      for (const line of day) if (line.codeValue) byCode.set(line.codeValue, line);
      for (const line of day) {
        const row = procedureOf(line, context.codeSet)?.row;
        const base = row?.multipleProcedure === '3' ? row.endoscopicBase : '';
        if (!base || base === line.codeValue) continue;
        const baseLine = byCode.get(base);
        if (!baseLine?.code || baseLine.modifiers.some((m) => ['59', 'XE', 'XS', 'XP', 'XU'].includes(m.value))) continue;
        report({
          ruleId: this.id,
          severity: 'error',
          start: baseLine.code.start,
          end: baseLine.code.end,
          message: `${base} is the base endoscopy of ${line.codeValue} (ENDO BASE ${base}, MULT PROC 3): on the same day it is paid only as part of ${line.codeValue}, not on its own line.`,
          data: { base, code: line.codeValue },
          related: line.code ? [{ start: line.code.start, end: line.code.end, message: `${line.codeValue}, the endoscopy that includes it` }] : undefined,
        }, baseLine);
      }
    }
  },
};
