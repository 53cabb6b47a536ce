import { addOnCode, plausiblePrimary, type AddOnCode, type PrimaryKind } from '../../codeset/addOnCodes';
import { dateInRange } from '../documents/dates';
import { procedureOf } from '../lineFacts/feeRow';
import type { ChargeLine, Span } from '../documents/chargeFile';
import type { AddOnEdit, CodeSet } from '../../codeset/types';
import type { ClaimRule, Report } from './rule';

const KIND_WORDS: Readonly<Record<PrimaryKind, string>> = {
  'evaluation-and-management': 'an evaluation and management service',
  procedure: 'a procedure (not a visit, drug, supply or laboratory test)',
  'opioid-treatment-bundle': 'an opioid treatment program weekly bundle (G2067-G2075)',
  any: 'another service',
};

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
    const codeSet = context.codeSet;
    for (const lines of claim.days) {
      // Most days have no add-on: a plain look (no arrays, closures or objects) before anything is built.
      let any = false;
      for (const l of lines) {
        if (addOnOf(l, codeSet)) {
          any = true;
          break;
        }
      }
      if (!any) continue;
      checkAddOnDay(lines, codeSet, report);
    }
  },
};

function reportOn(report: Report, line: ChargeLine, code: Span, severity: 'error' | 'warning', message: string, data: Record<string, unknown>): void {
  report({ ruleId: 'add-on-without-primary', severity, start: code.start, end: code.end, message, data: { code: line.codeValue, ...data } }, line);
}

/** The NCCI add-on edits in force on `date` (all of them without a date). */
function inForce(table: readonly AddOnEdit[], date: string | undefined): readonly AddOnEdit[] {
  return date ? table.filter((e) => dateInRange(date, e.effective, e.deletion)) : table;
}

/** The distinct codes of the day's lines that the code set knows and are not add-ons. */
function otherCodes(lines: readonly ChargeLine[], codeSet: CodeSet): string[] {
  return [...new Set(lines.filter((l) => !addOnOf(l, codeSet) && l.code && procedureOf(l, codeSet)).map((l) => l.codeValue))];
}

/** The day's codes. */
function codesOf(lines: readonly ChargeLine[]): Set<string> {
  return new Set(lines.map((l) => l.codeValue));
}

/** Whether any of `items` names (by `primaryOf`) a code of the day. */
function anyOn<T>(codes: ReadonlySet<string>, items: readonly T[], primaryOf: (item: T) => string): boolean {
  for (const item of items) if (codes.has(primaryOf(item))) return true;
  return false;
}

/** No NCCI add-on primaries (the table has none for the code, or is not loaded). */
const NO_PRIMARIES: readonly AddOnEdit[] = [];

/** A day with an add-on (a function of its own: its closures would make context objects for every claim and day). */
function checkAddOnDay(lines: readonly ChargeLine[], codeSet: CodeSet, report: Report): void {
  // Each add-on line against the day's lines, built as it is needed (in a file of add-ons with
  // their primaries, nothing is). No closure over the locals here: it would make a context object
  // for every add-on line.
  let codes: Set<string> | undefined;
  for (const line of lines) {
    const code = line.code;
    const addOn = addOnOf(line, codeSet);
    if (!code || !addOn) continue;
    const date = line.dateValue;
    const when = date ?? 'this date';
    const table = codeSet.addOnPrimaries(line.codeValue, date);
    const active = table && table.length > 0 ? inForce(table, date) : NO_PRIMARIES;
    if (active.length > 0) {
      codes ??= codesOf(lines);
      if (anyOn(codes, active, (e) => e.primary)) continue;
      const list = active.slice(0, 8).map((e) => e.primary);
      reportOn(report, line, code, 'error', `${line.codeValue} is an add-on code, and none of its primary codes is on this claim for ${when} (NCCI add-on table: ${list.join(', ')}${active.length > list.length ? `, and ${active.length - list.length} more` : ''}).`, { primaries: active.map((e) => e.primary) });
    } else if (addOn.primaries) {
      codes ??= codesOf(lines);
      if (anyOn(codes, addOn.primaries, (p) => p)) continue;
      reportOn(report, line, code, 'error', `${line.codeValue} is an add-on to ${addOn.primaries.join(', ')}, and none of them is on this claim for ${when} (${addOn.basis}).`, { primaries: addOn.primaries, basis: addOn.basis });
    } else {
      // The day's other lines whose code the code set knows, and whether one can be the primary.
      let other = false;
      let plausible = false;
      for (const l of lines) {
        const procedure = l.code ? procedureOf(l, codeSet) : undefined;
        if (!procedure || addOnCode(procedure)) continue;
        other = true;
        if (plausiblePrimary(addOn.primaryKind, procedure)) {
          plausible = true;
          break;
        }
      }
      if (!other) {
        reportOn(report, line, code, 'warning', `${line.codeValue} is an add-on code (${addOn.basis}) with no other service on this claim for ${when}; an add-on is paid only with its primary. ${
          table === undefined ? 'The NCCI add-on primary list is not loaded' : `The loaded NCCI add-on table does not list ${line.codeValue}`
        }, so the primary codes cannot be named.`, { primaryKind: addOn.primaryKind, basis: addOn.basis, primariesLoaded: table !== undefined });
      } else if (!plausible) {
        const seen = otherCodes(lines, codeSet);
        reportOn(report, line, code, 'warning', `${line.codeValue} is an add-on whose primary is ${KIND_WORDS[addOn.primaryKind]}, and the other lines for ${when} (${seen.slice(0, 6).join(', ')}) cannot be its primary.`, { primaryKind: addOn.primaryKind, others: seen, basis: addOn.basis });
      }
    }
  }
}

/** The add-on facts of the line's code (`addOnCode`, memoised per code), or undefined when it is not an add-on. */
function addOnOf(line: ChargeLine, codeSet: CodeSet): AddOnCode | undefined {
  const procedure = line.code ? procedureOf(line, codeSet) : undefined;
  return procedure ? addOnCode(procedure) : undefined;
}
