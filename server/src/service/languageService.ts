/**
 * The pure language service: text and a CodeSet in, findings and hovers out. No LSP,
 * no file system, no process: the server and the CLI both call this, so the editor
 * and CI never disagree.
 */
import type { CodeSet } from '../codeset/types';
import { createChargeChecker } from './checker';
import { HoverResult, doHover } from './features/hover';
import { checkNote, isTemplateFileName } from './notes/checkNote';
import { ALL_RULES } from './rules';
import type { Rule } from './rules/rule';
import type { CheckSettings } from './settings';
import type { DocumentKind, Finding } from './types';

export interface LanguageServiceOptions {
  codeSet: CodeSet;
  /** Rules to run; all by default. */
  rules?: readonly Rule[];
  /** Severities, modifier order and column mapping (from `.cptlens.json` or editor settings). */
  settings?: CheckSettings;
  /** Treat every note as a template (blanks expected); template file names are always templates. */
  noteTemplateMode?: boolean;
}

export interface LanguageService {
  /**
   * Findings for a whole document, sorted by position. With a `documentKey` (the URI),
   * claims unchanged since the last call for that key reuse their findings, so a
   * one-cell edit re-runs the rules of one claim only. Findings returned for a key may be
   * moved by the next call for that key: convert or copy them before calling again.
   */
  validate(text: string, kind: DocumentKind, documentKey?: string): Finding[];
  /** Forgets what `validate` kept for a document (call on close). */
  forget(documentKey: string): void;
  hover(text: string, offset: number): HoverResult | undefined;
}

/** Which kind of document a file name is: delimited tables are charge files, the rest notes (`*.template.md`: templates). */
export function documentKindOf(fileName: string, languageId?: string): DocumentKind {
  if (languageId === 'csv' || languageId === 'tsv') return 'charges';
  if (/\.(csv|tsv|tab)$/i.test(fileName)) return 'charges';
  return isTemplateFileName(fileName) ? 'note-template' : 'note';
}

export function getLanguageService(options: LanguageServiceOptions): LanguageService {
  const checker = createChargeChecker(options.codeSet, options.rules ?? ALL_RULES, options.settings ?? {});
  return {
    validate(text, kind, documentKey) {
      if (kind !== 'charges') {
        // Notes: see notes/checkNote.ts. Line rules about codes and modifiers run on each citation.
        const templateMode = kind === 'note-template' || options.noteTemplateMode === true;
        return checkNote(text, options.codeSet, { templateMode, chargeRules: options.rules ?? ALL_RULES, settings: options.settings });
      }
      return checker.check(text, documentKey);
    },
    forget(documentKey) {
      checker.forget(documentKey);
    },
    hover(text, offset) {
      return doHover(text, offset, options.codeSet);
    },
  };
}
