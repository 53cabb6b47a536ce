import type { ModifierFamily } from '../../codeset/types';
import { MODIFIER_SHAPE } from '../documents/codeToken';
import { DEFAULT_MODIFIER_ORDER } from '../settings';
import { reorderModifiers } from '../lineFacts/lineEdits';
import { modifierFamily } from '../lineFacts/modifierFacts';
import type { CitationRule } from './rule';
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
    // Rank by family; modifiers of families not in the order (or unknown) keep their place.
    const ranked = line.modifiers.map((m, i) => {
      const family = MODIFIER_SHAPE.test(m.text) ? modifierFamily(context.codeSet, m.value) : undefined;
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
      ruleId: this.id,
      severity: 'warning',
      start: line.modifiers[0].start,
      end: line.modifiers[line.modifiers.length - 1].end,
      message: `Modifiers ${written} are out of order: payers read ${order.join(', then ')} modifiers${early?.family ? ` (${early.m.value} is ${early.family})` : ''}. Expected ${excerpt(fixed)}.`,
      data: { modifiers: line.modifiers.map((m) => m.value), expected: wanted.map((m) => m.value), order },
      fixes: [{ title: `Reorder modifiers to ${excerpt(fixed)}`, safe: true, edits: reorderModifiers(line.modifiers, wanted) }],
    }, line);
  },
};
