import { removeModifier } from '../lineFacts/lineEdits';
import type { CitationRule } from './rule';

/** The same modifier twice on one line. */
export const duplicateModifier: CitationRule = {
  citations: true,
  id: 'duplicate-modifier',
  description: 'The same modifier appears twice on one line.',
  scope: 'line',
  severity: 'warning',
  fixKinds: ['safe'],
  checkLine(line, _context, report) {
    if (line.modifiers.length < 2) return;
    const seen = new Set<string>();
    for (let i = 0; i < line.modifiers.length; i++) {
      const m = line.modifiers[i];
      if (!seen.has(m.value)) {
        seen.add(m.value);
        continue;
      }
      report({
        ruleId: this.id,
        severity: 'warning',
        start: m.start,
        end: m.end,
        message: `Modifier ${m.value} is already on this line; a repeated modifier adds nothing and some payers reject the line.`,
        data: { modifier: m.value },
        fixes: [{ title: `Remove the second ${m.value}`, safe: true, edits: [removeModifier(line, m, i)] }],
      }, line);
    }
  },
};
