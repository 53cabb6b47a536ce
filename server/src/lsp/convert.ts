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
  data?: Record<string, unknown>;
  fixes?: DiagnosticFix[];
}

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function toTextEdit(document: TextDocument, edit: OffsetEdit): TextEdit {
  return { range: toRange(document, edit.start, edit.end), newText: edit.newText };
}

export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, data: finding.data };
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

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** At most `max` findings (0: all), errors first, then in document order. */
export function limitFindings(findings: readonly Finding[], max: number): readonly Finding[] {
  if (max <= 0 || findings.length <= max) return findings;
  // Findings come sorted by start: take each severity in turn in that order (what a sort by
  // severity, then start, would take) without sorting a 100k-finding file on every keystroke.
  const sorted = findings.every((f, i) => i === 0 || findings[i - 1].start <= f.start);
  if (!sorted) return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.start - b.start).slice(0, max).sort((a, b) => a.start - b.start);
  const picked: Finding[] = [];
  for (const severity of SEVERITIES) {
    for (const f of findings) {
      if (f.severity !== severity) continue;
      picked.push(f);
      if (picked.length === max) return picked.sort((a, b) => a.start - b.start);
    }
  }
  return picked.sort((a, b) => a.start - b.start);
}
