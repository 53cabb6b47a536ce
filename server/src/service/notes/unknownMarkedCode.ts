import type { CitationMark } from '../documents/note';
import type { NoteRule } from './rule';

const HOW_MARKED: Record<CitationMark, string> = {
  label: 'marked as a CPT/HCPCS code',
  'codes-line': 'on a procedure-codes line',
  parenthesis: 'in parentheses after a procedure name',
  table: 'in a code column',
  'code-list': 'in a code list',
};

/** A marked code (`CPT 99999`, a code column, `(99999)` after a procedure) that the code set does not know. */
export const unknownMarkedCode: NoteRule = {
  id: 'unknown-marked-code',
  description: 'A code the note marks as a CPT/HCPCS code is not in the loaded code set.',
  scope: 'note',
  checkNote(note, context, report) {
    // Without the HCPCS Level II file, only the fee schedule's Level II codes are known:
    // an unknown letter code then proves nothing.
    const allLevelII = context.codeSet.version().hcpcs !== undefined;
    for (const citation of note.citations) {
      if (citation.mark === 'code-list' || context.codeSet.procedure(citation.value)) continue;
      if (/^[A-Z]/.test(citation.value) && !allLevelII) continue;
      report({
        ruleId: this.id,
        severity: 'error',
        start: citation.code.start,
        end: citation.code.end,
        message: `${citation.value} is ${HOW_MARKED[citation.mark]} but is not a known CPT/HCPCS code in ${context.codeSet.release.feeSchedule}.`,
        data: { code: citation.value, mark: citation.mark },
      });
    }
  },
};
