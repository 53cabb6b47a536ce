import type { CitationRule } from './rule';
import { excerptList } from '../excerpt';

/** More than four modifiers on one line: a CMS-1500 / 837P service line holds four. */
export const tooManyModifiers: CitationRule = {
  citations: true,
  id: 'too-many-modifiers',
  description: 'More than four modifiers on one line.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  checkLine(line, _context, report) {
    if (line.modifiers.length <= 4) return;
    const extra = line.modifiers.slice(4);
    report({
      ruleId: this.id,
      severity: 'error',
      start: extra[0].start,
      end: extra[extra.length - 1].end,
      message: `${line.modifiers.length} modifiers on one line: a claim line carries at most four (${excerptList(extra.map((m) => m.value))} would be dropped). Keep the pricing modifiers first; payers that allow it take modifier 99 (multiple modifiers) with the rest in the notes.`,
      data: { modifiers: line.modifiers.map((m) => m.value) },
    }, line);
  },
};
