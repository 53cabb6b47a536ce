import type { RelatedPlace } from '../types';
import type { ChargeLine } from '../documents/chargeFile';
import type { ClaimRule } from './rule';
import { excerptList } from '../excerpt';
import { distinctServiceFixes } from '../lineFacts/lineEdits';
import { configuredRank, isEvaluationAndManagement } from '../lineFacts/modifierFacts';

/** Modifiers that say a repeated line is a repeat service, not a duplicate. */
const REPEAT = new Set(['76', '77', '91']);

/**
 * Code and modifiers in sorted order. Runs for every line of a multi-line day, so the
 * usual none or one modifier builds no arrays.
 */
function lineKey(line: ChargeLine): string {
  const mods = line.modifiers;
  if (mods.length === 0) return line.codeValue + '|';
  if (mods.length === 1) return line.codeValue + '|' + mods[0].value;
  return `${line.codeValue}|${mods.map((m) => m.value).sort().join(',')}`;
}

/** The same code with the same modifiers twice on one claim and date, without 76/77/91. */
const related = (first: ChargeLine | undefined): RelatedPlace[] | undefined =>
  first?.code ? [{ start: first.code.start, end: first.code.end, message: `the first ${first.codeValue} line` }] : undefined;

export const duplicateLine: ClaimRule = {
  id: 'duplicate-line',
  description: 'The same code with the same modifiers appears twice on one claim and date, without 76, 77 or 91.',
  scope: 'claim',
  severity: 'warning',
  fixKinds: ['judgment'],
  checkClaim(claim, context, report) {
    for (const lines of claim.days) {
      if (lines.length < 2) continue;
      const seen = new Map<string, ChargeLine>();
      for (const line of lines) {
        const code = line.code;
        if (!code) continue;
        if (line.modifiers.some((m) => REPEAT.has(m.value))) continue;
        const key = lineKey(line);
        if (!seen.has(key)) {
          seen.set(key, line);
          continue;
        }
        const mods = line.modifiers.map((m) => m.value);
        const written = excerptList([line.codeValue, ...mods], '-');
        report({
          ruleId: this.id,
          severity: 'warning',
          start: code.start,
          end: code.end,
          message: `${written} is billed twice on this claim for ${line.dateValue ?? 'the same date'}: a payer denies the second line as a duplicate. If it is the same service, put the units on one line; if it was repeated, add 76 (same physician), 77 (another physician) or 91 (repeat lab test)${isEvaluationAndManagement(line.codeValue) ? '' : ', or for a separate site, encounter or practitioner a distinct-service modifier (XS, XE, XP, XU, 59),'} as the documentation supports.`,
          data: { code: line.codeValue, modifiers: mods },
          related: related(seen.get(key)),
          // A second procedure at another site, session or by another practitioner: a coder's call.
          // Not on visits: 59 and X{EPSU} are not E/M modifiers (NCCI Policy Manual ch. I, E).
          fixes: isEvaluationAndManagement(line.codeValue) ? [] : distinctServiceFixes(line, context.columns, line.codeValue, configuredRank(context)),
        }, line);
      }
    }
  },
};
