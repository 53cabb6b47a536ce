/**
 * The pure language service: text and a CodeSet in, findings and hovers out. No LSP,
 * no file system, no process: the server and the CLI both call this, so the editor
 * and CI never disagree.
 */
import type { CodeSet } from '../codeset/types';
import { parseChargeFile } from './documents/chargeFile';
import { HoverResult, doHover } from './features/hover';
import { checkNote, isTemplateFileName } from './notes/checkNote';
import { ALL_RULES } from './rules';
import type { Rule } from './rules/rule';
import type { DocumentKind, Finding } from './types';

export interface LanguageServiceOptions {
  codeSet: CodeSet;
  /** Rules to run; all by default. */
  rules?: readonly Rule[];
  /** Treat every note as a template (blanks expected); template file names are always templates. */
  noteTemplateMode?: boolean;
}

export interface LanguageService {
  /** Findings for a whole document, sorted by position. */
  validate(text: string, kind: DocumentKind): Finding[];
  hover(text: string, offset: number): HoverResult | undefined;
}

/** Which kind of document a file name is: delimited tables are charge files, the rest notes (`*.template.md`: templates). */
export function documentKindOf(fileName: string, languageId?: string): DocumentKind {
  if (languageId === 'csv' || languageId === 'tsv') return 'charges';
  if (/\.(csv|tsv|tab)$/i.test(fileName)) return 'charges';
  return isTemplateFileName(fileName) ? 'note-template' : 'note';
}

export function getLanguageService(options: LanguageServiceOptions): LanguageService {
  const rules = options.rules ?? ALL_RULES;
  const context = { codeSet: options.codeSet };
  return {
    validate(text, kind) {
      if (kind !== 'charges') {
        // Notes: see notes/checkNote.ts. Line rules about codes and modifiers run on each citation.
        const templateMode = kind === 'note-template' || options.noteTemplateMode === true;
        return checkNote(text, options.codeSet, { templateMode, chargeRules: rules });
      }
      const findings: Finding[] = [];
      const report = (finding: Finding): void => {
        findings.push(finding);
      };
      const file = parseChargeFile(text);
      for (const rule of rules) {
        if (rule.scope === 'file') rule.checkFile(file, context, report);
      }
      if (file.columns.code) {
        for (const line of file.lines) {
          for (const rule of rules) {
            if (rule.scope === 'line') rule.checkLine(line, context, report);
          }
        }
      }
      return findings.sort((a, b) => a.start - b.start || a.end - b.end);
    },
    hover(text, offset) {
      return doHover(text, offset, options.codeSet);
    },
  };
}
