import type { CodeSet, ModifierFamily } from '../../codeset/types';
import type { CodedItem, ModifierSpan } from '../documents/chargeFile';
import { MODIFIER_SHAPE } from '../documents/codeToken';
import { DEFAULT_MODIFIER_ORDER } from '../settings';
import { reorderModifiers } from '../lineFacts/lineEdits';
import { modifierFamily } from '../lineFacts/modifierFacts';
import type { CitationRule, Report, RuleContext } from './rule';
import { excerpt, excerptList } from '../excerpt';

/** Modifiers out of the payer's order: by default pricing, then payment, then anatomic. */
export const modifierOrder: CitationRule = {
  citations: true,
  id: 'modifier-order',
  description: 'Modifiers are not in the configured order (default: pricing, then payment, then anatomic).',
  scope: 'line',
  severity: 'warning',
  fixKinds: ['safe'],
  checkLine(line, context, report) {
    if (line.modifiers.length < 2) return;
    const order: readonly ModifierFamily[] = context.settings.modifierOrder ?? DEFAULT_MODIFIER_ORDER;
    // A plain look first: a line whose ranked modifiers are already in order (nearly every line)
    // makes no lists, closures or sort (a sort call allocates its own work state).
    let previous = -1;
    let inOrder = true;
    for (const m of line.modifiers) {
      const rank = rankOf(m, context.codeSet, order);
      if (rank < 0) continue;
      if (rank < previous) {
        inOrder = false;
        break;
      }
      previous = rank;
    }
    if (!inOrder) reportOutOfOrder(line, context, order, report);
  },
};

/** The finding for a line whose modifiers are out of order (its own function: the closures here would make a context object at every line's check). */
function reportOutOfOrder<L extends CodedItem>(line: L, context: RuleContext, order: readonly ModifierFamily[], report: Report<L>): void {
  // Rank by family; modifiers of families not in the order (or unknown) keep their place.
  const ranked = line.modifiers.map((m, i) => {
    const family = familyOf(m, context.codeSet);
    const rank = family ? order.indexOf(family) : -1;
    return { m, i, rank, family };
  });
  const movable = ranked.filter((r) => r.rank >= 0);
  const sorted = [...movable].sort((a, b) => a.rank - b.rank || a.i - b.i);
  if (sorted.every((r, k) => r === movable[k])) return;
  const wanted = [...line.modifiers];
  movable.forEach((slot, k) => {
    wanted[slot.i] = sorted[k].m;
  });
  const early = sorted.find((r, k) => r !== movable[k]);
  const written = excerptList(line.modifiers.map((m) => m.value), '-');
  const fixed = wanted.map((m) => m.value).join('-');
  report({
    ruleId: 'modifier-order',
    severity: 'warning',
    start: line.modifiers[0].start,
    end: line.modifiers[line.modifiers.length - 1].end,
    message: `Modifiers ${written} are out of order: payers read ${order.join(', then ')} modifiers${early?.family ? ` (${early.m.value} is ${early.family})` : ''}. Expected ${excerpt(fixed)}.`,
    data: { modifiers: line.modifiers.map((m) => m.value), expected: wanted.map((m) => m.value), order },
    fixes: [{ title: `Reorder modifiers to ${excerpt(fixed)}`, safe: true, edits: reorderModifiers(line.modifiers, wanted) }],
  }, line);
}

/** The family a written modifier ranks by: undefined for one not shaped like a modifier or of no known family. */
function familyOf(m: ModifierSpan, codeSet: CodeSet): ModifierFamily | undefined {
  return MODIFIER_SHAPE.test(m.text) ? modifierFamily(codeSet, m.value) : undefined;
}

/** The modifier's place in `order`; -1 when its family is not in it (it keeps its place). */
function rankOf(m: ModifierSpan, codeSet: CodeSet, order: readonly ModifierFamily[]): number {
  const family = familyOf(m, codeSet);
  return family ? order.indexOf(family) : -1;
}
