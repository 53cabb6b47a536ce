import type { ChargeLine } from '../documents/chargeFile';
import { dateInRange } from '../documents/dates';
import { procedureOf } from '../lineFacts/feeRow';
import type { ClaimRule } from './rule';

/** An add-on code (global ZZZ) with none of its primary codes on the same claim and date. */
export const addOnWithoutPrimary: ClaimRule = {
  id: 'add-on-without-primary',
  description: 'Add-on code billed without a primary procedure on the same claim and date.',
  scope: 'claim',
  severity: 'error',
  fixKinds: [],
  dataTables: ['feeSchedule'],
  checkClaim(claim, context, report) {
    for (const lines of claim.days) {
      const isAddOn = (line: ChargeLine): boolean => procedureOf(line, context.codeSet)?.row?.globalDays === 'ZZZ';
      const addOns = lines.filter((l) => l.code && isAddOn(l));
      if (addOns.length === 0) continue;
      const codes = new Set(lines.map((l) => l.codeValue));
      const others = lines.some((l) => l.code && procedureOf(l, context.codeSet) && !isAddOn(l));
      for (const line of addOns) {
        const code = line.code;
        if (!code) continue;
        const date = line.dateValue;
        const table = context.codeSet.addOnPrimaries(line.codeValue, date);
        const active = (table ?? []).filter((e) => !date || dateInRange(date, e.effective, e.deletion));
        if (active.length > 0) {
          if (active.some((e) => codes.has(e.primary))) continue;
          const list = active.slice(0, 8).map((e) => e.primary);
          report({
            ruleId: this.id,
            severity: 'error',
            start: code.start,
            end: code.end,
            message: `${line.codeValue} is an add-on code, and none of its primary codes is on this claim for ${date ?? 'this date'} (NCCI add-on table: ${list.join(', ')}${active.length > list.length ? `, and ${active.length - list.length} more` : ''}).`,
            data: { code: line.codeValue, primaries: active.map((e) => e.primary) },
          }, line);
        } else if (!others) {
          report({
            ruleId: this.id,
            severity: 'warning',
            start: code.start,
            end: code.end,
            message: `${line.codeValue} is an add-on code (global ZZZ) with no other procedure on this claim for ${date ?? 'this date'}; an add-on is paid only with its primary procedure. ${
              table === undefined ? 'The NCCI add-on primary list is not loaded' : `The loaded NCCI add-on table does not list ${line.codeValue}`
            }, so the primary codes cannot be named.`,
            data: { code: line.codeValue, globalDays: 'ZZZ', primariesLoaded: table !== undefined },
          }, line);
        }
      }
    }
  },
};
