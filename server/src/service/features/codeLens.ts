/**
 * Code lens per claim in a charge file: number of lines, total RVUs and the national
 * payment (service/payment.ts: RVUs x conversion factor in the line's setting, with the
 * bilateral, assistant, co-surgeon, multiple-procedure, endoscopy and status-T rules; before
 * locality adjustment), and the number of findings on the claim.
 */
import type { CodeSet } from '../../codeset/types';
import type { ChargeFile, Claim } from '../documents/chargeFile';
import { priceClaim } from '../payment';
import { rowIndexAt } from './chargeCell';
import { lowerBound } from '../../codeset/sorted';

export interface ClaimSummary {
  /** Offset of the claim's first line (where the lens is shown). */
  offset: number;
  /** The claim id, or patient + date when the file has no claim column. */
  label: string;
  lines: number;
  rvus: number;
  payment: number;
  findings: number;
  /** Lines whose code has no fee-schedule row (not counted in the totals). */
  unpriced: number;
  /** The claim's rows as [start, end] offsets (its findings are the ones inside them). */
  rows: [number, number][];
  /** Each priced line: where its row starts, its code, its amount and what was applied. */
  payments: { offset: number; code: string; amount?: number; applied: string[] }[];
  /** The adjustments applied on the claim, and what was not priced or not modelled. */
  applied: string[];
  notes: string[];
  /** The locality the amounts are adjusted to ("01182-18 LOS ANGELES..."), when one is set and known. */
  locality?: string;
}

/**
 * One summary per claim; `findingStarts` are the sorted start offsets of the file's
 * findings. Claims are visited in order of first appearance; a claim is counted at
 * its first line and covers the findings on any of its lines.
 */
export function doCodeLens(file: ChargeFile, findingStarts: readonly number[], codeSet: CodeSet, locality?: string): ClaimSummary[] {
  if (!file.columns.code) return [];
  return [...file.claims.values()].map((claim) => summarise(claim, findingStarts, codeSet, locality));
}

/**
 * Where the lenses go, without their numbers: the first line of each claim. Editors
 * resolve only the lenses on screen (`claimSummaryAt`), so a 100k-line file sends
 * offsets, not 30,000 summaries.
 */
export function claimOffsets(file: ChargeFile, onlyWithFindings?: readonly number[]): number[] {
  if (!file.columns.code) return [];
  const offsets: number[] = [];
  // With `onlyWithFindings` (sorted finding starts), a claim none of whose lines has one gets
  // no lens. One pass over the lines beside the starts (both in document order), not a
  // search per line: a keystroke with lenses on asks for every lens of the file.
  let withFindings: Set<string> | undefined;
  if (onlyWithFindings) {
    withFindings = new Set();
    let i = 0;
    for (const line of file.lines) {
      while (i < onlyWithFindings.length && onlyWithFindings[i] < line.row.start) i++;
      if (i < onlyWithFindings.length && onlyWithFindings[i] <= line.row.end) withFindings.add(line.claimKey);
    }
  }
  for (const claim of file.claims.values()) {
    if (withFindings && !withFindings.has(claim.key)) continue;
    offsets.push(claim.lines[0].row.start);
  }
  return offsets.sort((a, b) => a - b);
}

/**
 * claimOffsets(file, starts of all findings) from what a charge check's view keeps: the first
 * line of each claim with findings (in order of first lines) and the file findings' starts
 * (their lines' claims get a lens too). A keystroke with lenses on asks for every lens: this
 * reads the claims with findings, not every line and every finding.
 */
export function claimOffsetsOf(file: ChargeFile, found: { firstLines: readonly number[]; fileStarts: readonly number[] }): number[] {
  if (!file.columns.code) return [];
  const lines = file.lines;
  const offsets: number[] = [];
  for (const i of found.firstLines) {
    const line = lines[i];
    if (line) offsets.push(line.row.start);
  }
  if (found.fileStarts.length === 0) return offsets;
  // File findings on data lines (usually none: most are on the header or a comment) add their claims.
  const rows = file.table.rows;
  const extra: number[] = [];
  for (const start of found.fileStarts) {
    const r = rowIndexAt(rows, start);
    const line = r > 0 && start <= rows[r].end ? lines[r - 1] : undefined;
    const first = line && file.claims.get(line.claimKey)?.lines[0];
    if (first) extra.push(first.row.start);
  }
  return extra.length === 0 ? offsets : [...new Set([...offsets, ...extra])].sort((a, b) => a - b);
}

/** The summary of the claim whose line is at `offset`. */
export function claimSummaryAt(file: ChargeFile, offset: number, findingStarts: FindingStarts, codeSet: CodeSet, locality?: string): ClaimSummary | undefined {
  const r = rowIndexAt(file.table.rows, offset);
  const line = r > 0 ? file.lines[r - 1] : undefined;
  const claim = line ? file.claims.get(line.claimKey) : undefined;
  return claim ? summarise(claim, findingStarts, codeSet, locality) : undefined;
}

/**
 * The findings' starts, sorted; or how many findings start on a claim's rows (sorted [start,
 * end] pairs), asked of a check's view, so resolving the lenses on screen does not sort every
 * finding's start.
 */
export type FindingStarts = readonly number[] | ((rows: readonly (readonly [number, number])[]) => number);

function summarise(claim: Claim, findingStarts: FindingStarts, codeSet: CodeSet, locality?: string): ClaimSummary {
  const first = claim.lines[0];
  const pay = priceClaim(claim, codeSet, locality);
  const summary: ClaimSummary = {
    offset: first.row.start,
    label: first.field('claim')?.text ?? [first.field('patient')?.text, first.date?.text].filter(Boolean).join(' '),
    lines: claim.lines.length, rvus: 0, payment: pay.total, findings: 0, unpriced: 0,
    rows: claim.lines.map((l) => [l.row.start, l.row.end]),
    payments: [], applied: pay.applied, notes: pay.notes, locality: pay.locality,
  };
  for (const p of pay.lines) {
    if (!p.row) summary.unpriced++;
    else if (p.fee !== undefined) summary.rvus += (p.setting === 'facility' ? p.row.rvu.totalFacility : p.row.rvu.totalNonFacility) * p.units;
    summary.payments.push({ offset: p.line.row.start, code: p.row?.modifier ? `${p.row.code}-${p.row.modifier}` : p.line.codeValue, amount: p.amount, applied: p.applied });
  }
  if (typeof findingStarts === 'function') summary.findings = findingStarts([...summary.rows].sort((a, b) => a[0] - b[0]));
  else for (const line of claim.lines) summary.findings += countWithin(findingStarts, line.row.start, line.row.end);
  return summary;
}

export function lensTitle(s: ClaimSummary): string {
  const money = s.payment.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const parts = [
    `${s.lines} line${s.lines === 1 ? '' : 's'}`,
    `${s.rvus.toFixed(2)} RVUs`,
    s.locality ? `$${money} locality ${s.locality.split(' ')[0]}` : `$${money} national est.`,
  ];
  // "0 findings" says nothing a coder needs: only a claim with findings counts them.
  if (s.findings > 0) parts.push(`${s.findings} finding${s.findings === 1 ? '' : 's'}`);
  if (s.unpriced > 0) parts.push(`${s.unpriced} not priced`);
  return parts.join(' · ');
}


function countWithin(sorted: readonly number[], start: number, end: number): number {
  return lowerBound(sorted, end + 1) - lowerBound(sorted, start);
}
