import type { Finding } from '../types';
import type { DocumentationFacts, ElementFacts } from './documentation';
import { insertPromptFix } from './prompts';
import type { NoteRule } from './rule';
import type { NoteDocument } from '../documents/note';

/** One finding per element on the code's first citation, with a fix inserting a prompt line. */
export function missingElementFinding(
  ruleId: string,
  note: NoteDocument,
  facts: DocumentationFacts,
  element: ElementFacts,
  severity: Finding['severity'],
  why: string,
): Finding {
  const { label, id, synonyms, conditional } = element.element;
  const lookedFor = [label, ...synonyms].slice(0, 4).map((s) => `"${s}"`).join(', ');
  return {
    ruleId,
    severity,
    start: facts.citation.code.start,
    end: facts.citation.code.end,
    message: `${why} (looked for ${lookedFor}${synonyms.length > 3 ? ', ...' : ''}).`,
    data: { code: facts.code, element: id, label, conditional, record: facts.record.source },
    fixes: [insertPromptFix(note, label)],
  };
}

/** A documentation element the code's knowledge record requires is not in the note. */
export const documentationMissing: NoteRule = {
  id: 'documentation-missing',
  description: 'The note does not document an element that a cited code requires.',
  scope: 'note',
  checkNote(note, context, report) {
    for (const facts of context.documentation) {
      for (const element of facts.elements) {
        if (element.state !== 'missing' || element.element.conditional) continue;
        report(missingElementFinding(this.id, note, facts, element, 'warning',
          `${facts.code} requires documentation of ${element.element.label.toLowerCase()}, which this note does not mention`));
      }
    }
  },
};
