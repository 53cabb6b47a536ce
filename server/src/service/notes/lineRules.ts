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
import { modifiersLoaded } from '../rules/modifierFacts';
import type { LineRule, Report, Rule, RuleContext } from '../rules/rule';

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
  const key = `note\u0000${citation.line}`;
  return {
    row: { cells: [], start: citation.code.start, end: citation.code.end, index: citation.line },
    index: citation.line,
    code: { text: citation.value, start: citation.code.start, end: citation.code.end },
    codeValue: citation.value,
    modifiers: citation.modifiers.map((m) => ({ ...m, value: m.text.toUpperCase(), source: 'code' as const })),
    diagnoses: [],
    pointers: [],
    claimKey: key,
    dayKey: key,
    suppressions: [],
    columns: {},
    units: citation.units,
    field: (role) => (role === 'units' ? citation.units : undefined),
  };
}

export function runLineRules(citations: readonly CodeCitation[], rules: readonly LineRule[], codeSet: CodeSet, report: Report): void {
  if (rules.length === 0) return;
  // A citation has no claim, columns or suppressions: the context says so.
  const context: RuleContext = {
    codeSet,
    settings: {},
    ncciLoaded: codeSet.version().ncci !== undefined,
    modifiersLoaded: modifiersLoaded(codeSet),
    ruleIds: new Set(rules.map((r) => r.id)),
    columns: {},
  };
  for (const citation of citations) {
    if (!codeSet.procedure(citation.value)) continue;
    const line = citationAsChargeLine(citation);
    for (const rule of rules) rule.checkLine(line, context, report);
  }
}
