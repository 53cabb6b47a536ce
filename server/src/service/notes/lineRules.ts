/**
 * The charge-file line rules, run on a note's code citations: each citation becomes
 * a one-line charge (code, modifiers, units), so modifier checks read the same in a
 * note as in a charge file. Only rules about the code and its modifiers run; the
 * ones that need a date, a diagnosis or a claim stay off, and the code's existence
 * is `unknown-marked-code` (a note only has marked codes to complain about).
 */
import type { CodeSet } from '../../codeset/types';
import type { ChargeLine } from '../documents/chargeFile';
import type { CodeCitation } from '../documents/note';
import type { LineRule, Report, Rule } from '../rules/rule';

/** Line rules that make sense on a citation in prose. Ids not (yet) in the rule list are ignored. */
export const NOTE_LINE_RULE_IDS: ReadonlySet<string> = new Set([
  'status-not-payable',
  'modifier-shape',
  'unknown-modifier',
  'modifier-not-valid-on-date',
  'duplicate-modifier',
  'too-many-modifiers',
  'modifier-not-allowed',
  'conflicting-modifiers',
  'modifier-order',
]);

export function noteLineRules(rules: readonly Rule[]): LineRule[] {
  return rules.filter((r): r is LineRule => r.scope === 'line' && NOTE_LINE_RULE_IDS.has(r.id));
}

/** A citation as the one-line charge the line rules read. */
export function citationAsChargeLine(citation: CodeCitation): ChargeLine {
  return {
    row: { cells: [], start: citation.code.start, end: citation.code.end, index: citation.line },
    code: { text: citation.value, start: citation.code.start, end: citation.code.end },
    modifiers: citation.modifiers,
    field: (role) => (role === 'units' ? citation.units : undefined),
  };
}

export function runLineRules(citations: readonly CodeCitation[], rules: readonly LineRule[], codeSet: CodeSet, report: Report): void {
  if (rules.length === 0) return;
  const context = { codeSet };
  for (const citation of citations) {
    if (!codeSet.procedure(citation.value)) continue;
    const line = citationAsChargeLine(citation);
    for (const rule of rules) rule.checkLine(line, context, report);
  }
}
