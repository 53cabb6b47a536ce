/**
 * The charge-file line rules that read only a code and its modifiers (`CitationRule`),
 * run on a note's code citations, so modifier checks read the same in a note as in a
 * charge file. A rule opts in with `citations: true`; the ones
 * that need a date, units, a diagnosis or a claim stay off (a note has none of them,
 * and "units missing" on every citation would be noise), payment status is shown by
 * hover rather than flagged, and the code's existence is `unknown-marked-code`.
 */
import type { CodeSet } from '../../codeset/types';
import type { CodedItem } from '../documents/chargeFile';
import type { CodeCitation } from '../documents/note';
import { RULE_IDS } from '../registry';
import { modifiersLoaded } from '../lineFacts/modifierFacts';
import { CitationRule, Report, Rule, RuleContext, isCitationRule } from '../rules/rule';
import type { CheckSettings } from '../settings';

/** The line rules that run on citations: those that declare it (`citations: true`). */
export function noteLineRules(rules: readonly Rule[]): CitationRule[] {
  return rules.filter(isCitationRule);
}

/** A citation as the coded item the rules read: a code, its modifiers and units, nothing else. */
export function citationItem(citation: CodeCitation): CodedItem {
  return {
    index: citation.line,
    code: { text: citation.code.text, start: citation.code.start, end: citation.code.end },
    codeValue: citation.value,
    modifiers: citation.modifiers,
    units: citation.units,
    // Looked up by the rules (lineFacts/feeRow.ts) on first use, as for a charge line.
    procedure: undefined,
    field: (role) => (role === 'units' ? citation.units : undefined),
  };
}

/** Runs the citation rules on every citation of a known code (an unknown one is `unknown-marked-code`'s). */
export function runLineRules(citations: readonly CodeCitation[], rules: readonly CitationRule[], codeSet: CodeSet, settings: CheckSettings, report: Report<CodedItem>): void {
  if (rules.length === 0) return;
  const context: RuleContext = {
    codeSet,
    settings,
    ncciLoaded: codeSet.version().ncci !== undefined,
    modifiersLoaded: modifiersLoaded(codeSet),
    ruleIds: RULE_IDS,
    columns: {},
  };
  for (const citation of citations) {
    if (!codeSet.procedure(citation.value)) continue;
    const item = citationItem(citation);
    for (const rule of rules) rule.checkLine(item, context, report);
  }
}
