import { MODIFIER_SHAPE } from '../documents/codeToken';
import { cellValueRange } from '../../csv/csv';
import type { Fix } from '../types';
import { suggestModifier } from '../lineFacts/modifierFacts';
import type { CitationRule } from './rule';
import { excerpt } from '../excerpt';

/** A modifier that is not two upper-case letters or digits, or a modifier cell padded with spaces. */
export const modifierShape: CitationRule = {
  citations: true,
  id: 'modifier-shape',
  description: 'Modifier is not two upper-case letters or digits (`lt`, `5l`, `5 9`, `221`), or its cell has stray spaces.',
  scope: 'line',
  severity: 'error',
  fixKinds: ['safe'],
  checkLine(line, context, report) {
    for (const m of line.modifiers) {
      if (!MODIFIER_SHAPE.test(m.text)) {
        const suggestion = suggestModifier(context.codeSet, m.text);
        const fixes: Fix[] = suggestion ? [{ title: `Change "${excerpt(m.text)}" to ${suggestion}`, safe: true, edits: [{ start: m.start, end: m.end, newText: suggestion }] }] : [];
        report({
          ruleId: this.id,
          severity: 'error',
          start: m.start,
          end: m.end,
          message: `"${excerpt(m.text)}" is not a modifier: a modifier is two upper-case letters or digits${suggestion ? `; did you mean ${suggestion}?` : '.'}`,
          data: { modifier: m.text, suggestion },
          fixes,
        }, line);
        continue;
      }
      // `59 ` in its own column: some payers' parsers reject the padded value.
      if (m.source === 'column' && m.cell && !m.cell.quoted && m.cell.text !== m.text) {
        const raw = m.cell;
        report({
          ruleId: this.id,
          severity: 'hint',
          start: raw.start,
          end: raw.end,
          message: `Modifier cell "${excerpt(raw.text)}" has stray spaces around ${excerpt(m.text)}.`,
          data: { modifier: m.text },
          fixes: [{ title: `Trim the cell to ${excerpt(m.text)}`, safe: true, edits: [{ start: raw.start, end: raw.end, newText: cellValueRange(raw).text }] }],
        }, line);
      }
    }
  },
};
