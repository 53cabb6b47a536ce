import type { RelatedPlace } from '../types';
import type { ChargeLine } from '../documents/chargeFile';
import type { ClaimRule } from './rule';
import { excerptList } from '../excerpt';
import { distinctServiceFixes } from '../lineFacts/lineEdits';
import { configuredRank, isEvaluationAndManagement } from '../lineFacts/modifierFacts';

/** Modifiers that say a repeated line is a repeat service, not a duplicate. */
const REPEAT = new Set(['76', '77', '91']);

/**
 * Code and modifiers in sorted order: the key of a line in a big day, and the tie-breaker of
 * `sameService`. The usual none or one modifier builds no arrays.
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
      // A small day (nearly all) compares its lines in place; a big one keys them in a map.
      const keyed = lines.length > SMALL_DAY ? new Map<string, ChargeLine>() : undefined;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        if (!counts(line)) continue;
        let first: ChargeLine | undefined;
        if (keyed) {
          const key = lineKey(line);
          first = keyed.get(key);
          if (!first) keyed.set(key, line);
        } else {
          for (let j = 0; j < i && !first; j++) if (counts(lines[j]) && sameService(lines[j], line)) first = lines[j];
        }
        if (!first) continue;
        const code = line.code!;
        const mods = line.modifiers.map((m) => m.value);
        const written = excerptList([line.codeValue, ...mods], '-');
        report({
          ruleId: this.id,
          severity: 'warning',
          start: code.start,
          end: code.end,
          message: `${written} is billed twice on this claim for ${line.dateValue ?? 'the same date'}: a payer denies the second line as a duplicate. If it is the same service, put the units on one line; if it was repeated, add 76 (same physician), 77 (another physician) or 91 (repeat lab test)${isEvaluationAndManagement(line.codeValue) ? '' : ', or for a separate site, encounter or practitioner a distinct-service modifier (XS, XE, XP, XU, 59),'} as the documentation supports.`,
          data: { code: line.codeValue, modifiers: mods },
          related: related(first),
          // A second procedure at another site, session or by another practitioner: a coder's call.
          // Not on visits: 59 and X{EPSU} are not E/M modifiers (NCCI Policy Manual ch. I, E).
          fixes: isEvaluationAndManagement(line.codeValue) ? [] : distinctServiceFixes(line, context.columns, line.codeValue, configuredRank(context)),
        }, line);
      }
    }
  },
};

/** Days up to this many lines compare each line with the ones before it (no keys, no map). */
const SMALL_DAY = 16;

/** Whether a line takes part: it has a code and no repeat modifier (76, 77, 91). */
function counts(line: ChargeLine): boolean {
  if (!line.code) return false;
  for (const m of line.modifiers) if (REPEAT.has(m.value)) return false;
  return true;
}

/**
 * Whether two lines have the same `lineKey` (the same code and the same modifiers in any
 * order), built only when the plain comparisons cannot tell (a code with `|` in it, or
 * modifiers to sort).
 */
function sameService(a: ChargeLine, b: ChargeLine): boolean {
  if (a.codeValue !== b.codeValue) return a.codeValue.includes('|') || b.codeValue.includes('|') ? lineKey(a) === lineKey(b) : false;
  const n = a.modifiers.length;
  if (n === b.modifiers.length && n <= 1) return n === 0 || a.modifiers[0].value === b.modifiers[0].value;
  return lineKey(a) === lineKey(b);
}
