/**
 * "Accept with reason": the quick fix that marks a finding as reviewed, for a coder's work
 * queue. Where the file has an `override_reason` column and the line's cell is empty, it
 * fills the cell with `rule-id: `; otherwise it inserts `# cpt-lens-disable-next-line
 * rule-id: ` above the line (suppressions.ts). Either way the reason is still missing, so
 * the finding stays until the coder writes why (the `suppression` rule says so), and the
 * editor puts the cursor where the reason goes. Pure.
 */
import type { ChargeFile } from '../documents/chargeFile';
import { ruleMeta } from '../registry';
import type { OffsetEdit } from '../types';
import { rowIndexAt } from './chargeCell';

export interface AcceptFix {
  title: string;
  edit: OffsetEdit;
  /** Where the reason goes, as an offset into the text after the edit. */
  cursor: number;
}

/** The accept fix for a finding of `ruleId` starting at `offset`, or undefined when the finding cannot be accepted (file notes, headers). */
export function acceptFinding(file: ChargeFile, offset: number, ruleId: string): AcceptFix | undefined {
  const scope = ruleMeta(ruleId)?.scope;
  if (scope !== 'line' && scope !== 'claim') return undefined;
  const rows = file.table.rows;
  const r = rowIndexAt(rows, offset);
  const line = r > 0 ? file.lines[r - 1] : undefined;
  if (!line) return undefined;
  const row = rows[r];
  const column = file.columns.overrideReason?.[0];
  const cell = column === undefined ? undefined : row.cells[column];
  if (cell && cell.text.trim() === '' && !/["\r\n]/.test(file.text.slice(cell.start, cell.end))) {
    const newText = `${ruleId}: `;
    return { title: `Accept ${ruleId} with a reason (override_reason)`, edit: { start: cell.start, end: cell.end, newText }, cursor: cell.start + newText.length };
  }
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const comment = `# cpt-lens-disable-next-line ${ruleId}: `;
  return { title: `Accept ${ruleId} with a reason (disable comment)`, edit: { start: row.start, end: row.start, newText: `${comment}${eol}` }, cursor: row.start + comment.length };
}
