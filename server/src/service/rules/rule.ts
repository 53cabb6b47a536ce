/**
 * The shape of a rule. Line rules look at one charge line; claim rules at the lines
 * of one claim (and its service days); file rules at the whole table; note rules
 * (`notes/`) at a whole note. Each rule lives in its own file, declares its metadata
 * (`RuleMeta`) and has a docs page `docs/rules/<id>.md`; `npm run build` lists every
 * rule in `rules/index.ts` and `notes/index.ts` (generated: see scripts/gen-rule-lists.mjs),
 * and `registry.ts` is the one place the rest of the product reads them from.
 */
import type { DataTable } from '../../codeset/dataPeriods';
import type { CodeSet } from '../../codeset/types';
import type { ChargeFile, ChargeLine, Claim, CodedItem } from '../documents/chargeFile';
import type { ColumnMap } from '../documents/columns';
import type { CheckSettings } from '../settings';
import type { Tally } from '../findingsView';
import type { Finding, Severity } from '../types';

/** Reports a finding; `line` is the charge line (or other coded item) it rests on (for suppressions). */
export type Report<L extends CodedItem = ChargeLine> = (finding: Finding, line?: L) => void;

export interface RuleContext {
  codeSet: CodeSet;
  settings: CheckSettings;
  /** Whether the code set has NCCI PTP data (else the PTP rule notes it once and stays silent). */
  ncciLoaded: boolean;
  /** Whether the code set knows modifiers (else unknown-modifier stays silent). */
  modifiersLoaded: boolean;
  /** Every rule id (to check suppressions). */
  ruleIds: ReadonlySet<string>;
  /** The file's column map, for fixes that write into a column. */
  columns: ColumnMap;
}

/** Where a rule looks: one charge line, one claim, the whole table, or a whole note. */
export type RuleScope = 'line' | 'claim' | 'file' | 'note';

/** The kinds of fix a rule offers: `safe` ones may be applied in bulk, `judgment` ones need a coder. */
export type FixKind = 'safe' | 'judgment';

/** What every rule declares about itself; settings, SARIF, docs and diagnostics read it. */
export interface RuleMeta {
  /** Stable id, used in output, settings and the docs page name (`docs/rules/<id>.md`). */
  id: string;
  /** One line: what the rule finds. */
  description: string;
  scope: RuleScope;
  /**
   * The severity of the rule's main finding (SARIF's default level). A rule may report
   * a note at a lower severity (e.g. "data not loaded"); settings override every finding.
   */
  severity: Severity;
  /** The kinds of fix its findings may carry (a meta test holds the rule to it). */
  fixKinds: readonly FixKind[];
  /**
   * The code-set tables its errors rest on (for a line, when it depends on the code). On a
   * date of service outside a table's period the error is only a warning (dataPeriods.ts).
   */
  dataTables?: readonly DataTable[] | ((line: ChargeLine) => readonly DataTable[]);
}

export interface LineRule extends RuleMeta {
  scope: 'line';
  checkLine(line: ChargeLine, context: RuleContext, report: Report): void;
}

/**
 * A line rule that reads only a code and its modifiers (`CodedItem`), so it also runs on
 * the codes a note cites (notes/lineRules.ts): one rule, the same message in a charge file
 * and in a note. It reports the item it was given.
 */
export interface CitationRule extends LineRule {
  citations: true;
  checkLine<L extends CodedItem>(line: L, context: RuleContext, report: Report<L>): void;
}

export function isCitationRule(rule: Rule): rule is CitationRule {
  return rule.scope === 'line' && (rule as Partial<CitationRule>).citations === true;
}

export interface ClaimRule extends RuleMeta {
  scope: 'claim';
  /** Called once per claim; `claim.days` groups its lines by date of service and provider. */
  checkClaim(claim: Claim, context: RuleContext, report: Report): void;
  /** Optional once-per-file part (e.g. a note that the rule's data is not loaded). */
  checkFile?(file: ChargeFile, context: RuleContext, report: Report): void;
}

export interface FileRule extends RuleMeta {
  scope: 'file';
  /** Runs after the line and claim rules; `others` counts their findings (by severity, and by the data table whose period downgraded them). */
  checkFile(file: ChargeFile, context: RuleContext, report: Report, others: Tally): void;
}

export type Rule = LineRule | ClaimRule | FileRule;

/**
 * A note on the file's header row (how it was read, data not loaded): the one place such
 * findings get their range. Undefined when the file has no header row.
 */
export function headerFinding(file: ChargeFile, ruleId: string, severity: Severity, message: string, data?: Record<string, unknown>): Finding | undefined {
  const header = file.table.rows[0];
  return header ? { ruleId, severity, start: header.start, end: header.end, message, ...(data ? { data } : {}) } : undefined;
}
