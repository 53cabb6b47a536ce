import type { NoteDocument } from '../documents/note';
import type { Finding, Severity } from '../types';
import { absenceText, DocumentationFacts, ElementFacts, promptLabel } from './documentation';
import { isProcedureNote, SURGICAL_GLOBALS } from './operativeReportElement';
import { insertPromptFix } from './prompts';
import type { NoteRule } from './rule';

/** One finding per element on the code's first citation, with a fix inserting a prompt line. */
export function missingElementFinding(ruleId: string, note: NoteDocument, facts: DocumentationFacts, element: ElementFacts, severity: Finding['severity']): Finding {
  const { label, id, synonyms, conditional } = element.element;
  const words = synonyms.length > 0 ? synonyms : [label];
  const lookedFor = words.slice(0, 4).map((s) => `"${s}"`).join(', ') + (words.length > 4 ? ', ...' : '');
  const needs = conditional ? 'needs, when it applies' : 'requires';
  return {
    ruleId,
    severity,
    start: facts.citation.code.start,
    end: facts.citation.code.end,
    message: `${facts.code} ${needs}: ${label}. ${absenceText(element, lookedFor, note)}.`,
    data: { code: facts.code, element: id, label, conditional, record: facts.record.source },
    fixes: [insertPromptFix(note, promptLabel(label))],
  };
}

/**
 * A note rule reporting the missing documentation elements of the cited codes' records:
 * the required ones (`conditional` false) or the "if applicable" ones (true).
 */
export function missingElementsRule(id: string, description: string, conditional: boolean, severity: Severity): NoteRule {
  return {
    id,
    description,
    scope: 'note',
    severity,
    fixKinds: ['safe'],
    checkNote(note, context, report) {
      // A surgical code cited in a note that is not a procedure note (a post-operative visit,
      // a surgical history) is not documented there: its family's elements are not asked for.
      let procedureNote: boolean | undefined;
      const isProcedure = (): boolean => (procedureNote ??= isProcedureNote(note, context.codeSet.noteVocabulary?.().operativeReport ?? [], context.codeSet));
      for (const facts of context.documentation) {
        const global = context.codeSet.procedure(facts.code)?.row?.globalDays ?? '';
        if (SURGICAL_GLOBALS.includes(global) && !isProcedure()) continue;
        for (const element of facts.elements) {
          if (element.state === 'missing' && element.element.conditional === conditional) report(missingElementFinding(id, note, facts, element, severity));
        }
      }
    },
  };
}

/** A documentation element the code's knowledge record requires is not in the note. */
export const documentationMissing: NoteRule = missingElementsRule('documentation-missing', 'The note does not document an element that a cited code requires.', false, 'warning');
