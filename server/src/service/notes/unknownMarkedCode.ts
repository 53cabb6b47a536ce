import type { CodeSet } from '../../codeset/types';
import type { CitationMark } from '../documents/note';
import type { NoteRule } from './rule';

const HOW_MARKED: Record<CitationMark, string> = {
  label: 'marked as a CPT/HCPCS code',
  'codes-line': 'on a procedure-codes line',
  parenthesis: 'in parentheses after a procedure name',
  table: 'in a code column',
  'code-list': 'in a code list',
};

type CodeKind = 'cpt' | 'category-ii' | 'category-iii' | 'pla' | 'level-ii';

function kindOf(code: string): CodeKind {
  if (/^[A-Z]/.test(code)) return 'level-ii';
  if (code.endsWith('F')) return 'category-ii';
  if (code.endsWith('T')) return 'category-iii';
  if (code.endsWith('U')) return 'pla';
  return 'cpt';
}

const coverage = new WeakMap<CodeSet, ReadonlySet<CodeKind>>();

/**
 * The kinds of code the loaded data lists: an unknown code of a kind it does not
 * cover (PLA codes are not in the fee schedule; without the HCPCS Level II file only
 * some Level II codes are) proves nothing about the code.
 */
function coveredKinds(codeSet: CodeSet): ReadonlySet<CodeKind> {
  let kinds = coverage.get(codeSet);
  if (!kinds) {
    const found = new Set<CodeKind>();
    for (const code of codeSet.procedureCodes()) found.add(kindOf(code));
    if (codeSet.version().hcpcs === undefined) found.delete('level-ii');
    coverage.set(codeSet, (kinds = found));
  }
  return kinds;
}

/** A marked code (`CPT 99999`, a code column, `(99999)` after a procedure) that the code set does not know. */
export const unknownMarkedCode: NoteRule = {
  id: 'unknown-marked-code',
  description: 'A code the note marks as a CPT/HCPCS code is not in the loaded code set.',
  scope: 'note',
  severity: 'error',
  fixKinds: [],
  checkNote(note, context, report) {
    for (const citation of note.citations) {
      if (citation.mark === 'code-list' || context.codeSet.procedure(citation.value)) continue;
      if (!coveredKinds(context.codeSet).has(kindOf(citation.value))) continue;
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
