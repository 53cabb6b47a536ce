/**
 * The one rule registry: every charge-file and note rule with its metadata (id, scope,
 * default severity, fix kinds, docs page). Settings validation, the severity override,
 * suppressions, SARIF's rule list, diagnostics' documentation links and the docs index
 * all read it, so a rule known to one is known to all. The two lists it joins are
 * generated from the rule files (scripts/gen-rule-lists.mjs).
 */
import { ALL_NOTE_RULES } from './notes';
import { ALL_RULES } from './rules';
import { boundFinding } from './excerpt';
import type { RuleMeta } from './rules/rule';
import type { RuleSeverity } from './settings';
import type { Finding } from './types';

/** Every rule: the charge-file rules, then the note rules. */
export const RULES: readonly RuleMeta[] = [...ALL_RULES, ...ALL_NOTE_RULES];

/** Every rule id. */
export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));

const BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((r) => [r.id, r]));

/** A rule's metadata by id. */
export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

/** The rule's documentation page, relative to the package root (the `.vsix` ships `docs/rules/`). */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** Severity per rule id, as the settings give it. */
export type RuleSeverities = Readonly<Record<string, RuleSeverity>> | undefined;

/** Whether a rule runs under these settings (it runs unless set to `off`). */
export function ruleIsOn(id: string, severities: RuleSeverities): boolean {
  return severities?.[id] !== 'off';
}

/**
 * The one severity override, for charge and note findings alike: a rule's configured
 * severity replaces the one its finding was made with. Being the one path of every
 * finding, it is also where messages and data are bounded (`excerpt.ts`): no rule can
 * echo a whole cell.
 */
export function applySeverity(finding: Finding, severities: RuleSeverities): Finding {
  const configured = severities?.[finding.ruleId];
  if (configured && configured !== 'off') finding.severity = configured;
  return boundFinding(finding);
}
