/**
 * What the fee schedule says about services billed together on one service day (one patient,
 * provider and date: `claim.days`), shared by the claim rules that report it and by payment.ts,
 * which prices it, so a finding and the amount never disagree:
 * - status T (RVU readme, Attachment A): paid only when no other service payable under the
 *   physician fee schedule (status A, R or C) is billed that day; otherwise bundled into it;
 * - MULT PROC 3 with ENDO BASE (RVU readme, "multiple procedure"; Pub. 100-04 ch. 12 §40.6.1):
 *   the base endoscopy is paid only inside another endoscopy of its family that day.
 */
import { X_MODIFIERS } from '../../codeset/modifiers';
import type { CodeSet } from '../../codeset/types';
import type { ChargeLine } from '../documents/chargeFile';
import type { Finding, Severity } from '../types';
import { feeRowOf, procedureOf } from './feeRow';

/** Statuses of services payable under the physician fee schedule that bundle a status-T line. */
const FEE_SCHEDULE_PAYABLE: ReadonlySet<string> = new Set(['A', 'R', 'C']);

/** The status of the row the line is paid on (the 26/TC row when it carries one). */
export function lineStatus(line: ChargeLine, codeSet: CodeSet): string | undefined {
  const fee = feeRowOf(line, codeSet);
  return (fee?.variant ?? fee?.row)?.status;
}

/** The day's status-T lines and the fee-schedule service they are bundled into; undefined when none is bundled. */
export function statusTBundling(day: readonly ChargeLine[], codeSet: CodeSet): { tLines: ChargeLine[]; into: ChargeLine } | undefined {
  if (day.length < 2) return undefined;
  // Plain loops: this runs for every service day of a file (twice: the rule and payment).
  let tLines: ChargeLine[] | undefined;
  for (const l of day) if (l.code && lineStatus(l, codeSet) === 'T') (tLines ??= []).push(l);
  if (!tLines) return undefined;
  for (const l of day) if (l.code && FEE_SCHEDULE_PAYABLE.has(lineStatus(l, codeSet) ?? '')) return { tLines, into: l };
  return undefined;
}

/**
 * Base endoscopies billed the same day as another endoscopy of their family: each base line with
 * the line that includes it. A base line with 59 or an X modifier is a separate service, not included.
 */
export function includedEndoscopyBases(day: readonly ChargeLine[], codeSet: CodeSet): ReadonlyArray<{ base: ChargeLine; including: ChargeLine }> {
  if (day.length < 2) return NO_BASES;
  // The codes of the day are mapped only when a line names a base (most days have no endoscopy).
  let byCode: Map<string, ChargeLine> | undefined;
  let out: Array<{ base: ChargeLine; including: ChargeLine }> | undefined;
  for (const line of day) {
    const row = procedureOf(line, codeSet)?.row;
    const base = row?.multipleProcedure === '3' ? row.endoscopicBase : '';
    if (!base || base === line.codeValue) continue;
    if (!byCode) {
      byCode = new Map();
      for (const l of day) if (l.codeValue) byCode.set(l.codeValue, l);
    }
    const baseLine = byCode.get(base);
    if (!baseLine?.code || baseLine.modifiers.some((m) => m.value === '59' || X_MODIFIERS.has(m.value))) continue;
    (out ??= []).push({ base: baseLine, including: line });
  }
  return out ?? NO_BASES;
}

/** What most days answer: one empty list, never changed (typed read-only). */
const NO_BASES: ReadonlyArray<{ base: ChargeLine; including: ChargeLine }> = [];

/** A finding on `line`'s code that points to the line of the service that includes (or bundles) it. */
export function includedFinding(ruleId: string, severity: Severity, line: ChargeLine, including: ChargeLine, message: string, data: Record<string, unknown>, relatedMessage: string): Finding | undefined {
  if (!line.code) return undefined;
  return {
    ruleId, severity, start: line.code.start, end: line.code.end, message, data,
    related: including.code ? [{ start: including.code.start, end: including.code.end, message: relatedMessage }] : undefined,
  };
}
