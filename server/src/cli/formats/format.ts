/**
 * The output formats of `cpt-lens check`, one module each, written as findings come: a
 * format gets `begin`, then each file's findings as soon as the file is checked, then `end`
 * with the totals. JSON and SARIF write their brackets around the stream, so no format keeps
 * more than one file's findings.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeSet } from '../../codeset/types';
import type { Finding } from '../../service';

export interface CheckedFile {
  file: string;
  document: TextDocument;
  findings: readonly Finding[];
}

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
}

export interface OutputFormat {
  begin(): void;
  file(result: CheckedFile): void;
  end(totals: Totals): void;
}

export interface FormatContext {
  write: (line: string) => void;
  codeSet: CodeSet;
  version: string;
}

/** One-based line and column, as editors and CI show them. */
export function where(document: TextDocument, offset: number): { line: number; column: number } {
  const p = document.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

/** A path as a URI-style relative path (forward slashes), for SARIF and JUnit. */
export function slashed(file: string): string {
  return file.split('\\').join('/');
}
