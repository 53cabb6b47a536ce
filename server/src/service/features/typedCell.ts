/**
 * The cell a keystroke typed into, when it is one completion works on (code, modifiers,
 * diagnosis, place of service). A coder typing "arthroscopy" into a code cell to search, or
 * a code digit by digit, is not done: the server holds that cell's findings until the typing
 * settles, so "'arth' is not a code" does not flash at every letter. A paste, a quick fix or
 * an accepted completion (more than one character) is done at once, and is diagnosed at once.
 */
import type { ChargeFile } from '../documents/chargeFile';
import type { ColumnRole } from '../documents/columns';
import type { TextChange } from '../documents/rowEdit';
import type { Finding } from '../types';
import { cellAt } from './chargeCell';

/** Roles of the cells completion offers codes in. */
const COMPLETED_ROLES: ReadonlySet<ColumnRole> = new Set(['code', 'modifier', 'modifiers', 'diagnosis', 'pos']);

/** Longest deletion still read as typing (a word deleted with Ctrl+Backspace). */
const MAX_DELETED = 40;

/** The range (in the new text) of the cell `change` typed into, or undefined when the change is not a keystroke in such a cell. */
export function typedCell(file: ChargeFile, change: TextChange): { start: number; end: number } | undefined {
  const inserted = change.text;
  if ([...inserted].length > 1 || change.end - change.start > MAX_DELETED) return undefined;
  // A delimiter, a quote or a line break changes the table's shape: not typing in one cell.
  if (/[\r\n",;\t|]/.test(inserted)) return undefined;
  const at = cellAt(file, change.start + inserted.length);
  if (!at?.line || !at.role || !COMPLETED_ROLES.has(at.role)) return undefined;
  return { start: at.cell.start, end: at.cell.end };
}

/** Whether a finding is on the cell (within its range): such findings wait for the typing to settle. */
export function isInCell(finding: Finding, cell: { start: number; end: number }): boolean {
  return finding.start >= cell.start && finding.end <= cell.end;
}
