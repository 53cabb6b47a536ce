/**
 * "Accept with reason": the quick fix that marks a finding as reviewed, for a coder's work
 * queue. Where the file has an `override_reason` column and the line's cell is empty, it
 * fills the cell with `rule-id: `; otherwise it inserts `# cpt-lens-disable-next-line
 * rule-id: ` above the line (suppressions.ts). Either way the reason is still missing, so
 * the finding stays until the coder writes why (the `suppression` rule says so), and the
 * editor puts the cursor where the reason goes. Pure.
 */
import type { ChargeFile } from '../documents/chargeFile';
import type { CsvTable } from '../../csv/csv';
import { ruleMeta } from '../registry';
import type { OffsetEdit } from '../types';
import { rowIndexAt, rowTextAt } from './chargeCell';

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
  const local = rowTextAt(file, row.start);
  const raw = cell && (local ? local.text.slice(cell.start - local.start, cell.end - local.start) : file.text.slice(cell.start, cell.end));
  if (cell && cell.text.trim() === '' && !/["\r\n]/.test(raw ?? '')) {
    const newText = `${ruleId}: `;
    return { title: `Accept ${ruleId} with a reason (override_reason)`, edit: { start: cell.start, end: cell.end, newText }, cursor: cell.start + newText.length };
  }
  const eol = lineBreakOf(file);
  const comment = `# cpt-lens-disable-next-line ${ruleId}: `;
  return { title: `Accept ${ruleId} with a reason (disable comment)`, edit: { start: row.start, end: row.start, newText: `${comment}${eol}` }, cursor: row.start + comment.length };
}

/**
 * The file's line break, found once per parse: a one-row edit never adds or removes one
 * (rowEdit.ts), and scanning the whole text at each code-action request while typing
 * would read (and copy) all of an editor's text joined from pieces.
 */
const lineBreaks = new WeakMap<CsvTable, string>();
function lineBreakOf(file: ChargeFile): string {
  let eol = lineBreaks.get(file.table);
  if (eol === undefined) lineBreaks.set(file.table, (eol = file.text.includes('\r\n') ? '\r\n' : '\n'));
  return eol;
}
