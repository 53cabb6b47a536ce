import type { ChargeLine } from '../documents/chargeFile';
import type { ClaimRule } from './rule';

/** Modifiers that say a repeated line is a repeat service, not a duplicate. */
const REPEAT = new Set(['76', '77', '91']);

/** The same code with the same modifiers twice on one claim and date, without 76/77/91. */
export const duplicateLine: ClaimRule = {
  id: 'duplicate-line',
  description: 'The same code with the same modifiers appears twice on one claim and date, without 76, 77 or 91.',
  scope: 'claim',
  checkClaim(claim, _context, report) {
    for (const lines of claim.days) {
      if (lines.length < 2) continue;
      const seen = new Map<string, ChargeLine>();
      for (const line of lines) {
        const code = line.code;
        if (!code) continue;
        const mods = line.modifiers.map((m) => m.value);
        if (mods.some((m) => REPEAT.has(m))) continue;
        const key = `${line.codeValue}|${[...mods].sort().join(',')}`;
        if (!seen.has(key)) {
          seen.set(key, line);
          continue;
        }
        const written = [line.codeValue, ...mods].join('-');
        report({
          ruleId: this.id,
          severity: 'warning',
          start: code.start,
          end: code.end,
          message: `${written} is billed twice on this claim for ${line.dateValue ?? 'the same date'}: a payer denies the second line as a duplicate. If it is the same service, put the units on one line; if it was repeated, add 76 (same physician), 77 (another physician) or 91 (repeat lab test) as the documentation supports.`,
          data: { code: line.codeValue, modifiers: mods },
        }, line);
      }
    }
  },
};
