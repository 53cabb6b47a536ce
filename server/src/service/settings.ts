/**
 * Settings of the charge-file checks, as `.cptlens.json` and the editor's
 * `cptLens.*` settings give them. Pure data; the CLI and the server read them and
 * pass them to `getLanguageService`.
 */
import { parseOperativeElements } from '../codeset/noteVocabulary';
import type { ModifierFamily } from '../codeset/types';
import { MODIFIER_FAMILIES } from '../codeset/modifiers';
import type { ColumnMapping } from './documents/columns';
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
  /**
   * The Medicare payment locality for locality-adjusted payment in the claim summary, as
   * "MAC-locality" from the CMS GPCI file, e.g. "01182-18" (Los Angeles). Empty: national.
   */
  locality?: string;
  /** Unusual column headers mapped to what they hold: `{ "Svc Cd": "code" }`. */
  columns?: Record<string, ColumnMapping>;
  /** The operative-report elements a surgical note is checked for (`operative-report-element`): the bundled list, less `skip`, plus the organisation's own `elements`. */
  operativeReport?: {
    /** Ids of bundled elements not to check (`["disposition"]`). */
    skip?: string[];
    /** The organisation's own elements, `{ "id", "label", "synonyms", "conditional" }`; an id of the bundled list replaces that element. */
    elements?: OperativeElementSetting[];
  };
}

/** An organisation's operative-report element, as `.cptlens.json` or the editor settings give it. */
export interface OperativeElementSetting {
  id: string;
  label: string;
  synonyms: string[];
  conditional?: boolean;
  basis?: string;
  /** Checked only with codes of these global periods (`["090"]`). */
  globals?: string[];
}

export const DEFAULT_MODIFIER_ORDER: readonly ModifierFamily[] = ['pricing', 'payment', 'anatomic'];

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

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
  if (settings.locality !== undefined && settings.locality !== '') {
    if (typeof settings.locality !== 'string' || !/^\d{5}-\d{2}$/.test(settings.locality)) {
      problems.push(`locality: "${shown(settings.locality)}" is not a MAC and locality number like "01182-18"`);
      delete clean.locality;
    }
  }
  if (settings.modifierOrder !== undefined) {
    if (!Array.isArray(settings.modifierOrder)) {
      problems.push('modifierOrder: must be a list of modifier families');
      delete clean.modifierOrder;
    } else {
      for (const family of settings.modifierOrder) if (!MODIFIER_FAMILIES.has(family)) problems.push(`modifierOrder: unknown family "${shown(family)}"`);
      clean.modifierOrder = settings.modifierOrder.filter((f) => MODIFIER_FAMILIES.has(f));
    }
  }
  if (settings.columns !== undefined) {
    const columns: Record<string, ColumnMapping> = {};
    if (!isRecord(settings.columns)) problems.push('columns: must be an object of header → column role');
    else {
      for (const [header, role] of Object.entries(settings.columns)) {
        if (RESERVED_KEYS.has(header)) problems.push(`columns: the header "${header}" is not allowed as a key`);
        else if (!roles.includes(role as string)) problems.push(`columns.${excerpt(header)}: unknown column role "${shown(role)}"`);
        else columns[header] = role as ColumnMapping;
      }
    }
    clean.columns = columns;
  }
  if (settings.operativeReport !== undefined) {
    const given = settings.operativeReport as unknown;
    if (!isRecord(given)) {
      problems.push('operativeReport: must be an object with "skip" and "elements"');
      delete clean.operativeReport;
    } else {
      const out: NonNullable<CheckSettings['operativeReport']> = {};
      if (given.skip !== undefined) {
        if (Array.isArray(given.skip) && given.skip.every((s) => typeof s === 'string')) out.skip = given.skip as string[];
        else problems.push('operativeReport.skip: must be a list of element ids');
      }
      if (given.elements !== undefined) {
        if (!Array.isArray(given.elements)) problems.push('operativeReport.elements: must be a list of elements');
        else {
          const found: { file: string; line: number; message: string }[] = [];
          out.elements = parseOperativeElements(given.elements, (k) => ({ file: `operativeReport.elements.${k}`, line: 0 }), found);
          for (const p of found) problems.push(`${p.file}: ${p.message}`);
        }
      }
      for (const key of Object.keys(given)) if (key !== 'skip' && key !== 'elements') problems.push(`operativeReport: unknown key "${excerpt(key)}"`);
      clean.operativeReport = out;
    }
  }
  return { settings: clean, problems };
}
