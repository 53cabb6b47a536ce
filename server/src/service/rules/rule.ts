/**
 * The shape of a rule. Line rules look at one charge line; claim rules at the lines
 * of one claim (and its service days); file rules at the whole table. Each rule lives
 * in its own file, has a docs page `docs/rules/<id>.md`, and is listed in `index.ts`.
 */
import type { CodeSet } from '../../codeset/types';
import type { ChargeFile, ChargeLine, Claim } from '../documents/chargeFile';
import type { ColumnMap } from '../documents/columns';
import type { CheckSettings } from '../settings';
import type { Finding } from '../types';

/** Reports a finding; `line` is the charge line it rests on (for suppressions). */
export type Report = (finding: Finding, line?: ChargeLine) => void;

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

interface RuleMeta {
  /** Stable id, used in output, settings and the docs page name. */
  id: string;
  /** One line: what the rule finds. */
  description: string;
}

export interface LineRule extends RuleMeta {
  scope: 'line';
  checkLine(line: ChargeLine, context: RuleContext, report: Report): void;
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
  checkFile(file: ChargeFile, context: RuleContext, report: Report): void;
}

export type Rule = LineRule | ClaimRule | FileRule;
