/**
 * Facts about modifiers that the rules share: families for ordering, the
 * NCCI-associated set, E/M codes, and typo suggestions. The code set's modifier
 * table wins where it has a value; the lists here are DOMAIN.md section 3 (from
 * the CMS NCCI policy manual and the RVU readme) and cover the code set not being
 * loaded yet.
 */
import type { CodeSet, ModifierFamily } from '../../codeset/types';

const expand = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/** Order families, from the modifier-order guidance in DOMAIN.md section 3. */
const FAMILY_LISTS: ReadonlyArray<[ModifierFamily, readonly string[]]> = [
  ['pricing', ['22', '26', 'TC', '50', '52', '53', '62', '66', '80', '81', '82', 'AS']],
  ['payment', ['24', '25', '51', '57', '58', '59', '76', '77', '78', '79', 'XE', 'XS', 'XP', 'XU']],
  ['anatomic', ['LT', 'RT', ...expand('E', 1, 4), 'FA', ...expand('F', 1, 9), 'TA', ...expand('T', 1, 9), 'LC', 'LD', 'RC', 'LM', 'RI']],
];
const FAMILY: ReadonlyMap<string, ModifierFamily> = new Map(FAMILY_LISTS.flatMap(([family, list]) => list.map((m) => [m, family] as [string, ModifierFamily])));

/** NCCI-associated modifiers (bypass a PTP edit with modifier indicator 1). */
export const NCCI_ASSOCIATED: ReadonlySet<string> = new Set([
  ...FAMILY_LISTS[2][1], '24', '25', '57', '58', '78', '79', '27', '59', '91', 'XE', 'XS', 'XP', 'XU',
]);

/** The X{EPSU} modifiers CMS prefers over 59. */
export const X_MODIFIERS: ReadonlySet<string> = new Set(['XE', 'XS', 'XP', 'XU']);

/** Modifiers this file knows to exist (for typo suggestions when the code set has no modifier table). */
const KNOWN_FALLBACK: ReadonlySet<string> = new Set([...FAMILY.keys(), ...NCCI_ASSOCIATED, '91']);

export function modifierFamily(codeSet: CodeSet, modifier: string): ModifierFamily | undefined {
  return FAMILY.get(modifier) ?? codeSet.modifier(modifier)?.family;
}

export function isNcciAssociated(codeSet: CodeSet, modifier: string): boolean {
  return codeSet.modifier(modifier)?.ncciAssociated ?? NCCI_ASSOCIATED.has(modifier);
}

/** Whether the code set has a modifier table (the stub code set has none). */
export function modifiersLoaded(codeSet: CodeSet): boolean {
  return codeSet.modifier('25') !== undefined || codeSet.modifier('LT') !== undefined;
}

/** E/M codes: 99202-99499 (DOMAIN.md section 3: where 25 and 57 belong). */
export function isEvaluationAndManagement(code: string): boolean {
  if (code.length !== 5 || code.charCodeAt(0) !== 0x39 || code.charCodeAt(1) !== 0x39) return false;
  const n = Number(code);
  return Number.isInteger(n) && n >= 99202 && n <= 99499;
}

const CONFUSABLE: Readonly<Record<string, string>> = { l: '1', I: '1', i: '1', O: '0', o: '0' };

/**
 * The modifier a slip most likely meant: `lt` → LT, `5l` → 51, `5 9` → 59, `O1`... Only
 * when exactly one reading is a known modifier; undefined otherwise.
 */
export function suggestModifier(codeSet: CodeSet, written: string): string | undefined {
  const known = (m: string): boolean => (codeSet.modifier(m) !== undefined || KNOWN_FALLBACK.has(m));
  const compact = written.replace(/\s+/g, '');
  const candidates = new Set<string>();
  const upper = compact.toUpperCase();
  if (upper.length === 2 && known(upper) && upper !== written) candidates.add(upper);
  const swapped = [...compact].map((c) => CONFUSABLE[c] ?? c).join('').toUpperCase();
  if (swapped.length === 2 && known(swapped) && swapped !== written) candidates.add(swapped);
  return candidates.size === 1 ? [...candidates][0] : undefined;
}
