import { MODIFIER_SHAPE } from '../documents/codeToken';
import type { Fix } from '../types';
import { suggestModifier } from '../lineFacts/modifierFacts';
import type { CitationRule } from './rule';

/** A well-shaped modifier that the code set's modifier table does not contain. Silent when no table is loaded. */
export const unknownModifier: CitationRule = {
  citations: true,
  id: 'unknown-modifier',
  description: 'Modifier is not a CPT or HCPCS Level II modifier.',
  scope: 'line',
  severity: 'error',
  fixKinds: ['safe'],
  dataTables: ['hcpcs'],
  checkLine(line, context, report) {
    if (!context.modifiersLoaded) return;
    for (const m of line.modifiers) {
      if (!MODIFIER_SHAPE.test(m.text) || context.codeSet.modifier(m.value)) continue;
      const suggestion = suggestModifier(context.codeSet, m.text);
      const fixes: Fix[] = suggestion ? [{ title: `Change ${m.text} to ${suggestion}`, safe: true, edits: [{ start: m.start, end: m.end, newText: suggestion }] }] : [];
      report({
        ruleId: this.id,
        severity: 'error',
        start: m.start,
        end: m.end,
        message: `${m.value} is not a known CPT or HCPCS Level II modifier${suggestion ? `; did you mean ${suggestion}?` : '.'}`,
        data: { modifier: m.value, suggestion },
        fixes,
      }, line);
    }
  },
};
