import { missingElementFinding } from './documentationMissing';
import type { NoteRule } from './rule';

/** An "if applicable" element of a cited code's record (pathology, anesthesia record) is not in the note. */
export const documentationIfApplicable: NoteRule = {
  id: 'documentation-if-applicable',
  description: 'The note does not mention an element that a cited code needs when it applies.',
  scope: 'note',
  checkNote(note, context, report) {
    for (const facts of context.documentation) {
      for (const element of facts.elements) {
        if (element.state === 'missing' && element.element.conditional) report(missingElementFinding(this.id, note, facts, element, 'information'));
      }
    }
  },
};
