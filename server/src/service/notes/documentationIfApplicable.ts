import { missingElementsRule } from './documentationMissing';
import type { NoteRule } from './rule';

/** An "if applicable" element of a cited code's record (pathology, anesthesia record) is not in the note. */
export const documentationIfApplicable: NoteRule = missingElementsRule(
  'documentation-if-applicable',
  'The note does not mention an element that a cited code needs when it applies.',
  true,
  'information',
);
