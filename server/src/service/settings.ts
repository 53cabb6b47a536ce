/**
 * Settings of the charge-file checks, as `.cptlens.json` and the editor's
 * `cptLens.*` settings give them. Pure data; the CLI and the server read them and
 * pass them to `getLanguageService`.
 */
import type { ModifierFamily } from '../codeset/types';
import type { ColumnRole } from './documents/columns';
import type { Severity } from './types';

/** A rule's severity, or `off` to not run it. */
export type RuleSeverity = Severity | 'off';

export interface CheckSettings {
  /** Severity per rule id (`"modifier-order": "off"`); a rule not named keeps its own severities. */
  rules?: Record<string, RuleSeverity>;
  /**
   * Modifier families in the order a payer wants them on a line. Default:
   * pricing, then payment, then anatomic. Modifiers of families not named may go anywhere.
   */
  modifierOrder?: ModifierFamily[];
  /** Unusual column headers mapped to what they hold: `{ "Svc Cd": "code" }`. */
  columns?: Record<string, ColumnRole>;
}

export const DEFAULT_MODIFIER_ORDER: readonly ModifierFamily[] = ['pricing', 'payment', 'anatomic'];

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Problems in a settings object (unknown severities, families, roles), for the CLI and server to report. */
export function settingsProblems(settings: CheckSettings, ruleIds: readonly string[], roles: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [id, severity] of Object.entries(settings.rules ?? {})) {
    if (!ruleIds.includes(id)) problems.push(`rules: unknown rule "${id}"`);
    if (!SEVERITIES.has(severity)) problems.push(`rules.${id}: "${String(severity)}" is not one of error, warning, information, hint, off`);
  }
  for (const family of settings.modifierOrder ?? []) {
    if (!['pricing', 'payment', 'anatomic', 'informational'].includes(family)) problems.push(`modifierOrder: unknown family "${String(family)}"`);
  }
  for (const [header, role] of Object.entries(settings.columns ?? {})) {
    if (!roles.includes(role)) problems.push(`columns.${header}: unknown column role "${String(role)}"`);
  }
  return problems;
}
