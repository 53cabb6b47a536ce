import { addOnCode, plausiblePrimary, type AddOnCode, type PrimaryKind } from '../../codeset/addOnCodes';
import { dateInRange } from '../documents/dates';
import { dayLines, type DayLine } from '../lineFacts/sameDayServices';
import { procedureOf } from '../lineFacts/feeRow';
import type { ChargeLine } from '../documents/chargeFile';
import type { CodeSet } from '../../codeset/types';
import type { ClaimRule } from './rule';

const KIND_WORDS: Readonly<Record<PrimaryKind, string>> = {
  'evaluation-and-management': 'an evaluation and management service',
  procedure: 'a procedure (not a visit, drug, supply or laboratory test)',
  'opioid-treatment-bundle': 'an opioid treatment program weekly bundle (G2067-G2075)',
  any: 'another service',
};

interface AddOnDayLine extends DayLine {
  addOn?: AddOnCode;
}

/**
 * An add-on code with none of its primary codes on the same service day. Add-ons are global
 * ZZZ codes and the Level II codes CMS describes as listed in addition to a primary
 * (codeset/addOnCodes.ts); the primaries come from the imported NCCI add-on table, else the
 * CMS descriptor, else the kind of primary the add-on needs.
 */
export const addOnWithoutPrimary: ClaimRule = {
  id: 'add-on-without-primary',
  description: 'Add-on code billed without a primary procedure on the same claim and date, or with only lines that cannot be its primary.',
  scope: 'claim',
  severity: 'error',
  fixKinds: [],
  dataTables: ['feeSchedule'],
  checkClaim(claim, context, report) {
    for (const lines of claim.days) {
      // Most days have no add-on: look before building the day's list (objects per line, per day).
      if (!lines.some((l) => hasAddOn(l, context.codeSet))) continue;
      const day: AddOnDayLine[] = dayLines(lines, context.codeSet).map((d) => ({ ...d, addOn: d.procedure ? addOnCode(d.procedure) : undefined }));
      const addOns = day.filter((d) => d.addOn);
      if (addOns.length === 0) continue;
      const codes = new Set(lines.map((l) => l.codeValue));
      const others = day.filter((d) => d.procedure && !d.addOn);
      for (const { line, addOn } of addOns) {
        const code = line.code;
        if (!code || !addOn) continue;
        const date = line.dateValue;
        const when = date ?? 'this date';
        const table = context.codeSet.addOnPrimaries(line.codeValue, date);
        const active = (table ?? []).filter((e) => !date || dateInRange(date, e.effective, e.deletion));
        const say = (severity: 'error' | 'warning', message: string, data: Record<string, unknown>): void =>
          report({ ruleId: this.id, severity, start: code.start, end: code.end, message, data: { code: line.codeValue, ...data } }, line);
        if (active.length > 0) {
          if (active.some((e) => codes.has(e.primary))) continue;
          const list = active.slice(0, 8).map((e) => e.primary);
          say('error', `${line.codeValue} is an add-on code, and none of its primary codes is on this claim for ${when} (NCCI add-on table: ${list.join(', ')}${active.length > list.length ? `, and ${active.length - list.length} more` : ''}).`, { primaries: active.map((e) => e.primary) });
        } else if (addOn.primaries) {
          if (addOn.primaries.some((p) => codes.has(p))) continue;
          say('error', `${line.codeValue} is an add-on to ${addOn.primaries.join(', ')}, and none of them is on this claim for ${when} (${addOn.basis}).`, { primaries: addOn.primaries, basis: addOn.basis });
        } else if (others.length === 0) {
          say('warning', `${line.codeValue} is an add-on code (${addOn.basis}) with no other service on this claim for ${when}; an add-on is paid only with its primary. ${
            table === undefined ? 'The NCCI add-on primary list is not loaded' : `The loaded NCCI add-on table does not list ${line.codeValue}`
          }, so the primary codes cannot be named.`, { primaryKind: addOn.primaryKind, basis: addOn.basis, primariesLoaded: table !== undefined });
        } else if (!others.some((d) => d.procedure && plausiblePrimary(addOn.primaryKind, d.procedure))) {
          const seen = [...new Set(others.map((d) => d.line.codeValue))];
          say('warning', `${line.codeValue} is an add-on whose primary is ${KIND_WORDS[addOn.primaryKind]}, and the other lines for ${when} (${seen.slice(0, 6).join(', ')}) cannot be its primary.`, { primaryKind: addOn.primaryKind, others: seen, basis: addOn.basis });
        }
      }
    }
  },
};

/** Whether the line's code is an add-on (as `dayLines` and `addOnCode` read it). */
function hasAddOn(line: ChargeLine, codeSet: CodeSet): boolean {
  const procedure = line.code ? procedureOf(line, codeSet) : undefined;
  return procedure !== undefined && addOnCode(procedure) !== undefined;
}
