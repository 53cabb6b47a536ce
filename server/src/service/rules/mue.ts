import type { MueEdit } from '../../codeset/types';
import type { ChargeLine } from '../documents/chargeFile';
import { unitsOf } from '../lineFacts/lineUnits';
import type { ClaimRule, Report } from './rule';

const MAI_MEANING: Readonly<Record<MueEdit['mai'], string>> = {
  '1': 'MAI 1, a per-line edit: the units on one claim line are limited',
  '2': 'MAI 2, a per-day edit based on policy: the units of all lines on the date are added up, and the limit is absolute',
  '3': 'MAI 3, a per-day edit based on clinical judgment: the units of all lines on the date are added up; units above the limit are paid only on appeal with documentation',
};

/** Units above the NCCI medically unlikely edit: per line (MAI 1) or per claim and date (MAI 2, 3). */
export const mue: ClaimRule = {
  id: 'mue',
  description: 'Units of a code exceed its NCCI medically unlikely edit (MUE), per line or per date of service.',
  scope: 'claim',
  severity: 'error',
  fixKinds: [],
  checkClaim(claim, context, report) {
    for (const lines of claim.days) {
      // Made at the day's first per-day edit (most days have none, and a map per day is garbage).
      let totals: Map<string, { units: number; lines: ChargeLine[] }> | undefined;
      for (const line of lines) {
        if (!line.code) continue;
        const n = unitsOf(line);
        if (n === undefined || n <= 0) continue;
        const edit = context.codeSet.mue(line.codeValue, line.dateValue);
        if (!edit) continue;
        if (edit.mai === '1') {
          if (n > edit.value) flag(this.id, line, edit, n, `${n} units of ${line.codeValue} on this line`, report);
          continue;
        }
        totals ??= new Map();
        const total = totals.get(line.codeValue) ?? { units: 0, lines: [] };
        total.units += n;
        total.lines.push(line);
        totals.set(line.codeValue, total);
        if (total.units > edit.value && total.units - n <= edit.value) {
          const where = total.lines.length > 1 ? `${total.units} units of ${line.codeValue} over ${total.lines.length} lines on ${line.dateValue ?? 'this date'}` : `${total.units} units of ${line.codeValue} on ${line.dateValue ?? 'this date'}`;
          flag(this.id, line, edit, total.units, where, report);
        }
      }
    }
  },
};

function flag(ruleId: string, line: ChargeLine, edit: MueEdit, units: number, where: string, report: Report): void {
  const at = line.units ?? line.code;
  if (!at) return;
  report({
    ruleId,
    severity: 'error',
    start: at.start,
    end: at.end,
    message: `${where} exceed the MUE of ${edit.value} (${MAI_MEANING[edit.mai]}).`,
    data: { ...edit, units },
  }, line);
}
