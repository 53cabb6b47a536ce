/**
 * The shape of a note rule: like the charge-file rules (`rules/rule.ts`), one rule
 * per file with a stable id, a docs page `docs/rules/<id>.md`, listed in `index.ts`;
 * it looks at the whole note, because what a note documents is spread over it.
 */
import type { CodeSet } from '../../codeset/types';
import type { NoteDocument } from '../documents/note';
import type { Report, RuleMeta } from '../rules/rule';
import type { CheckSettings } from '../settings';
import type { DocumentationFacts } from './documentation';

export interface NoteRuleContext {
  codeSet: CodeSet;
  /** A template: blanks are expected, so unfilled ones are not reported. */
  templateMode: boolean;
  /** What the note documents for each cited code with a knowledge record (computed once per check). */
  documentation: readonly DocumentationFacts[];
  /** The check settings (severities, the organisation's operative-report elements). */
  settings: CheckSettings;
}

export interface NoteRule extends RuleMeta {
  scope: 'note';
  checkNote(note: NoteDocument, context: NoteRuleContext, report: Report): void;
}
