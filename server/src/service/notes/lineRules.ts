/**
 * The charge-file line rules, run on a note's code citations: each citation becomes
 * a one-line charge (code, modifiers, units), so modifier checks read the same in a
 * note as in a charge file. Only the rules about a code's modifiers run: the ones
 * that need a date, units, a diagnosis or a claim stay off (a note has none of them,
 * and "units missing" on every citation would be noise), payment status is shown by
 * hover rather than flagged, and the code's existence is `unknown-marked-code`.
 */
import type { CodeSet } from '../../codeset/types';
import type { ChargeLine } from '../documents/chargeFile';
import type { CodeCitation } from '../documents/note';
import { RULE_IDS } from '../registry';
import { modifiersLoaded } from '../lineFacts/modifierFacts';
import type { LineRule, Report, Rule, RuleContext } from '../rules/rule';
import type { CheckSettings } from '../settings';

/** Line rules that make sense on a citation in prose. Ids not (yet) in the rule list are ignored. */
export const NOTE_LINE_RULE_IDS: ReadonlySet<string> = new Set([
  'modifier-shape',
  'unknown-modifier',
  'duplicate-modifier',
  'too-many-modifiers',
  'modifier-not-allowed',
  'conflicting-modifiers',
  'modifier-order',
  'anatomic-modifier',
]);

export function noteLineRules(rules: readonly Rule[]): LineRule[] {
  return rules.filter((r): r is LineRule => r.scope === 'line' && NOTE_LINE_RULE_IDS.has(r.id));
}

/** A citation as the one-line charge the line rules read: no date, diagnosis or claim. */
export function citationAsChargeLine(citation: CodeCitation): ChargeLine {
  return {
    row: { cells: [], start: citation.code.start, end: citation.code.end, index: citation.line },
    index: citation.line,
    code: { text: citation.code.text, start: citation.code.start, end: citation.code.end },
    codeValue: citation.value,
    modifiers: citation.modifiers,
    diagnoses: [],
    pointers: [],
    claimKey: '',
    dayKey: '',
    claimLabel: '',
    suppressions: [],
    units: citation.units,
    columns: {},
    // Looked up by the rules (lineFacts/feeRow.ts) on first use, as for a charge line.
    procedure: undefined,
    charge: undefined,
    field: (role) => (role === 'units' ? citation.units : undefined),
  };
}

/** Runs the line rules on every citation of a known code (an unknown one is `unknown-marked-code`'s). */
export function runLineRules(citations: readonly CodeCitation[], rules: readonly LineRule[], codeSet: CodeSet, settings: CheckSettings, report: Report): void {
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
    const line = citationAsChargeLine(citation);
    for (const rule of rules) rule.checkLine(line, context, report);
  }
}
