/**
 * What the rules ask about modifiers: family for ordering, NCCI association, E/M codes,
 * and typo suggestions. The tables themselves are the code set's
 * (`codeset/modifiers.ts`); nothing here keeps a copy that could disagree with them.
 */
import { emKind } from '../../codeset/emFamily';
import { CPT_MODIFIERS, NCCI_ASSOCIATED_MODIFIERS, X_MODIFIERS, modifierFamily as familyOf } from '../../codeset/modifiers';
import type { CodeSet, ModifierFamily } from '../../codeset/types';
import { type CheckSettings, DEFAULT_MODIFIER_ORDER } from '../settings';

export { X_MODIFIERS };

/** The modifier's family (codeset/modifiers.ts), for a modifier the code set knows; undefined otherwise. */
export function modifierFamily(codeSet: CodeSet, modifier: string): ModifierFamily | undefined {
  return codeSet.modifier(modifier)?.family ?? (isCptModifier(modifier) ? familyOf(modifier) : undefined);
}

/**
 * A modifier's place in `order` (the configured modifier order, families first to last), as
 * `modifier-order` ranks them; -1 for a modifier whose family the order does not name. Fixes
 * that add a modifier insert it at its place with it.
 */
export function modifierRank(codeSet: CodeSet, order: readonly ModifierFamily[]): (modifier: string) => number {
  return (modifier) => {
    const family = modifierFamily(codeSet, modifier);
    return family ? order.indexOf(family) : -1;
  };
}

/** The last `configuredRank` made, with what it was made of: a check asks once per finding with a fix, always for the same. */
let lastRank: { codeSet: CodeSet; order: readonly ModifierFamily[]; rank: (modifier: string) => number } | undefined;

/** `modifierRank` in the order a check's settings configure (default: pricing, payment, anatomic). */
export function configuredRank(context: { codeSet: CodeSet; settings: CheckSettings }): (modifier: string) => number {
  const order = context.settings.modifierOrder ?? DEFAULT_MODIFIER_ORDER;
  if (lastRank?.codeSet !== context.codeSet || lastRank.order !== order) lastRank = { codeSet: context.codeSet, order, rank: modifierRank(context.codeSet, order) };
  return lastRank.rank;
}

/** Whether the modifier bypasses an NCCI PTP edit with indicator 1 (codeset/modifiers.ts). */
export function isNcciAssociated(_codeSet: CodeSet, modifier: string): boolean {
  return NCCI_ASSOCIATED_MODIFIERS.has(modifier);
}

const CPT_CODES: ReadonlySet<string> = new Set(CPT_MODIFIERS.map((m) => m.code));
const isCptModifier = (m: string): boolean => CPT_CODES.has(m) || familyOf(m) !== 'informational';

/** Whether the code set has a modifier table (the stub code set has none). */
export function modifiersLoaded(codeSet: CodeSet): boolean {
  return codeSet.modifier('25') !== undefined || codeSet.modifier('LT') !== undefined;
}

/** E/M visits (codeset/emFamily.ts): where 25 and 57 belong and what a global package includes. Non-visit E/M services are not. */
export function isEvaluationAndManagement(code: string): boolean {
  return emKind(code)?.kind === 'visit';
}

/** Any code of the E/M family, visit or not (25 is not an error on these). */
export function isEmFamily(code: string): boolean {
  return emKind(code) !== undefined;
}

const CONFUSABLE: Readonly<Record<string, string>> = { l: '1', I: '1', i: '1', O: '0', o: '0' };

/**
 * The modifier a slip most likely meant: `lt` → LT, `5l` → 51, `5 9` → 59, `O1`... Only
 * when exactly one reading is a known modifier; undefined otherwise.
 */
export function suggestModifier(codeSet: CodeSet, written: string): string | undefined {
  const known = (m: string): boolean => codeSet.modifier(m) !== undefined || isCptModifier(m) || NCCI_ASSOCIATED_MODIFIERS.has(m);
  const compact = written.replace(/\s+/g, '');
  const candidates = new Set<string>();
  const upper = compact.toUpperCase();
  if (upper.length === 2 && known(upper) && upper !== written) candidates.add(upper);
  const swapped = [...compact].map((c) => CONFUSABLE[c] ?? c).join('').toUpperCase();
  if (swapped.length === 2 && known(swapped) && swapped !== written) candidates.add(swapped);
  return candidates.size === 1 ? [...candidates][0] : undefined;
}
