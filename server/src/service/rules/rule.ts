/**
 * The shape of a rule. Line rules look at one charge line; file rules at the whole
 * table (structure, and later the claim-spanning rules). Each rule lives in its own
 * file, has a docs page `docs/rules/<id>.md`, and is listed in `index.ts`.
 */
import type { CodeSet } from '../../codeset/types';
import type { ChargeFile, ChargeLine } from '../documents/chargeFile';
import type { Finding } from '../types';

export type Report = (finding: Finding) => void;

export interface RuleContext {
  codeSet: CodeSet;
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

export interface FileRule extends RuleMeta {
  scope: 'file';
  checkFile(file: ChargeFile, context: RuleContext, report: Report): void;
}

export type Rule = LineRule | FileRule;
