/**
 * Settings of the charge-file checks, as `.cptlens.json` and the editor's
 * `cptLens.*` settings give them. Pure data; the CLI and the server read them and
 * pass them to `getLanguageService`.
 */
import type { ModifierFamily } from '../codeset/types';
import type { ColumnRole } from './documents/columns';
import { excerpt } from './excerpt';
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
const FAMILIES: ReadonlySet<string> = new Set(['pricing', 'payment', 'anatomic', 'informational']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys that would change an object's prototype, or shadow what other code reads from every object. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A value as a message quotes it: short, whatever it is (a nested list of a million items included). */
const shown = (value: unknown): string => excerpt(typeof value === 'string' ? value : Array.isArray(value) ? 'a list' : typeof value === 'object' && value !== null ? 'an object' : String(value));

/**
 * The usable part of a settings object and what is wrong with the rest (unknown rules,
 * severities, families, column roles, wrong shapes). Invalid entries are dropped, so
 * they never reach a finding; other keys (the editor's own settings) pass through.
 * Never throws, whatever JSON it is given.
 */
export function validateSettings<T extends CheckSettings>(settings: T, ruleIds: ReadonlySet<string>, roles: readonly string[]): { settings: T; problems: string[] } {
  const problems: string[] = [];
  const clean: T = { ...settings };
  if (settings.rules !== undefined) {
    const rules: Record<string, RuleSeverity> = {};
    if (!isRecord(settings.rules)) problems.push('rules: must be an object of rule id → severity');
    else {
      for (const [id, severity] of Object.entries(settings.rules)) {
        if (RESERVED_KEYS.has(id)) problems.push(`rules: the key "${id}" is not allowed`);
        else if (!ruleIds.has(id)) problems.push(`rules: unknown rule "${excerpt(id)}"`);
        else if (!SEVERITIES.has(severity as string)) problems.push(`rules.${id}: "${shown(severity)}" is not one of error, warning, information, hint, off`);
        else rules[id] = severity;
      }
    }
    clean.rules = rules;
  }
  if (settings.modifierOrder !== undefined) {
    if (!Array.isArray(settings.modifierOrder)) {
      problems.push('modifierOrder: must be a list of modifier families');
      delete clean.modifierOrder;
    } else {
      for (const family of settings.modifierOrder) if (!FAMILIES.has(family)) problems.push(`modifierOrder: unknown family "${shown(family)}"`);
      clean.modifierOrder = settings.modifierOrder.filter((f) => FAMILIES.has(f));
    }
  }
  if (settings.columns !== undefined) {
    const columns: Record<string, ColumnRole> = {};
    if (!isRecord(settings.columns)) problems.push('columns: must be an object of header → column role');
    else {
      for (const [header, role] of Object.entries(settings.columns)) {
        if (RESERVED_KEYS.has(header)) problems.push(`columns: the header "${header}" is not allowed as a key`);
        else if (!roles.includes(role as string)) problems.push(`columns.${excerpt(header)}: unknown column role "${shown(role)}"`);
        else columns[header] = role as ColumnRole;
      }
    }
    clean.columns = columns;
  }
  return { settings: clean, problems };
}
