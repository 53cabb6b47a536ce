/**
 * What the language service returns: plain objects shaped like LSP types, so the
 * server passes them through and the CLI prints them. Offsets are converted to
 * line/character positions by the caller's TextDocument.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text edit by document offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** A fix offered for a finding. `safe` fixes may be applied in bulk; others need a coder's judgment. */
export interface Fix {
  title: string;
  safe: boolean;
  edits: OffsetEdit[];
  /**
   * One of several alternatives an editor may show as one pick list (VS Code: *Add a
   * distinct-service modifier…*): the group, and the item's label, meaning and what it needs.
   */
  choice?: { group: string; label: string; description: string; detail: string };
}

/** One problem found in a document. */
export interface Finding {
  /** Rule id, e.g. `unknown-code`. */
  ruleId: string;
  severity: Severity;
  /** Offsets into the document text. */
  start: number;
  end: number;
  /** What is wrong, in a coder's words. */
  message: string;
  /** The data the finding rests on (a fee-schedule row, an NCCI pair ...), for hovers and tools. */
  data?: Record<string, unknown>;
  fixes?: Fix[];
  /** The claim or account a claim-level finding is about, as the file names it ("Claim CLM1"). */
  claim?: string;
  /** The charge line a finding is on: its code and modifiers (for work lists). */
  charge?: { code: string; modifiers: string[] };
  /** Other places the finding pairs with (the procedure a visit falls in, the first of two duplicate lines). */
  related?: RelatedPlace[];
}

/** Another place in the same document a finding points to. */
export interface RelatedPlace {
  start: number;
  end: number;
  message: string;
}

/**
 * The kind of document, which decides the rules that run. A `note-template` is a note
 * whose template blanks (`***`, `{{...}}`) are expected rather than unfilled.
 */
export type DocumentKind = 'charges' | 'note' | 'note-template';

/** Severities from the most severe, as findings are ordered at one place. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * The order findings are returned in: by position, then the more severe first, then by
 * rule id, so output and "fix all" never depend on the order rules are listed in.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
