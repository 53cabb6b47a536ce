/**
 * The output formats of `cpt-lens check`, one module each, written as findings come: a
 * format gets `begin`, then each file's findings as soon as the file is checked, then `end`
 * with the totals. JSON and SARIF write their brackets around the stream, so no format keeps
 * more than one file's findings.
 *
 * A finding is first `render`ed to its text alone, then a file's texts are written in order
 * by `file`: a streamed file (streamCheck.ts) renders each part's findings as they are found
 * and keeps only the text until the parts are merged into file order, so a million findings
 * are never held, nor written to disk and parsed back, as objects. A format whose `file`
 * writes each text as one `write` of `lead()` and the text says so by having `lead`: a
 * streamed file's texts are then copied to the output as the bytes they were stored as.
 * A format may also write a finding's text as bytes (`renderTo`, the same text): a streamed
 * file's findings are then never strings (JSON and SARIF, whose texts are long).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeSet } from '../../codeset/types';
import type { Finding } from '../../service';
import type { ByteWriter } from '../byteWriter';

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
}

export interface OutputFormat {
  begin(): void;
  /** A finding's text, one or more lines; '' when the format shows nothing for it. */
  render(checked: CheckedFinding, f: Finding): string;
  /**
   * `render`'s text written as UTF-8 into `out`, which has a sized record open (the format
   * may `rewind` it to a mark it took): the streamed check writes a finding's text straight
   * into its findings file, with no string built for it. Absent when a format has only `render`.
   */
  renderTo?(checked: CheckedFinding, f: Finding, out: ByteWriter): void;
  /** Writes a file's rendered findings in file order (a streamed file's come in several batches, JUnit's in one). */
  file(file: string, texts: readonly string[]): void;
  /**
   * What goes before the next finding's text on its line (it counts that finding as written):
   * `file` is exactly `write(lead() + text)` for each text. Absent when a format must see a
   * file's findings together (JUnit counts them first).
   */
  lead?(): string;
  /**
   * For a format that writes a file's count first (JUnit): `file` is exactly `fileHead(file,
   * failing)` (failing: how many texts are not ''), each text that is not '' written, then
   * `fileTail()`. A streamed file's findings are then merged twice, to count and to write.
   */
  fileHead?(file: string, failing: number): void;
  fileTail?(): void;
  end(totals: Totals): void;
}

/** What a format knows of a finding's file: its name and the document that places offsets. */
export interface CheckedFinding {
  file: string;
  document: Pick<TextDocument, 'positionAt'>;
}

export interface FormatContext {
  write: (line: string) => void;
  codeSet: CodeSet;
  version: string;
}

/** One-based line and column, as editors and CI show them. */
export function where(document: Pick<TextDocument, 'positionAt'>, offset: number): { line: number; column: number } {
  const p = document.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

/** A path as a URI-style relative path (forward slashes), for SARIF and JUnit. */
export function slashed(file: string): string {
  return file.split('\\').join('/');
}
