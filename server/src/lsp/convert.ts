/** Service results → LSP types. */
import { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, OffsetEdit, Severity } from '../service';
import { ruleDocUri } from '../ruleDocs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A fix as it travels on a diagnostic: edits as ranges of the version the diagnostic was made for. */
export interface DiagnosticFix {
  title: string;
  safe: boolean;
  edits: TextEdit[];
  choice?: { group: string; label: string; description: string; detail: string };
}

/** `Diagnostic.data`: enough to build the code actions from the diagnostic alone (no server cache). */
export interface DiagnosticData {
  ruleId: string;
  /** The finding's facts, for the rules whose code actions read them (DATA_READ_BY_ACTIONS) only. */
  data?: Record<string, unknown>;
  fixes?: DiagnosticFix[];
}

/**
 * The rules whose code actions read the finding's facts from the diagnostic (claim grouping:
 * the column to map). The others' facts stay in the server (hover reads the findings
 * themselves) and in the CLI's output: a big file's answer of 1,000 diagnostics is then
 * about a sixth smaller, and it is made, sent and read at every keystroke that changes it.
 */
const DATA_READ_BY_ACTIONS: ReadonlySet<string> = new Set(['claim-grouping']);

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function toTextEdit(document: TextDocument, edit: OffsetEdit): TextEdit {
  return { range: toRange(document, edit.start, edit.end), newText: edit.newText };
}

export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const data: DiagnosticData = DATA_READ_BY_ACTIONS.has(finding.ruleId) ? { ruleId: finding.ruleId, data: finding.data } : { ruleId: finding.ruleId };
  if (finding.fixes && finding.fixes.length > 0) {
    data.fixes = finding.fixes.map((f) => ({ title: f.title, safe: f.safe, edits: f.edits.map((e) => toTextEdit(document, e)), ...(f.choice ? { choice: f.choice } : {}) }));
  }
  return {
    range: toRange(document, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: 'cpt-lens',
    code: finding.ruleId,
    codeDescription: { href: ruleDocUri(finding.ruleId) },
    message: finding.message,
    data,
    ...(finding.related
      ? { relatedInformation: finding.related.map((r) => ({ location: { uri: document.uri, range: toRange(document, r.start, r.end) }, message: r.message })) }
      : {}),
  };
}

