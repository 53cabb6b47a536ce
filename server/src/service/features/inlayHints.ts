/**
 * Inlay hints in charge files: the code's descriptor after each code cell, truncated.
 * Only the lines in the requested range are visited, so a 100k-line file costs what
 * the screen shows.
 */
import type { CodeSet } from '../../codeset/types';
import type { ChargeFile } from '../documents/chargeFile';
import { rowIndexAt } from './chargeCell';

export interface InlayHintEntry {
  /** Document offset the hint is shown at (right after the code cell). */
  offset: number;
  label: string;
  /** The full descriptor when the label is truncated. */
  tooltip: string;
}

export const DEFAULT_HINT_LENGTH = 40;

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

export function doInlayHints(file: ChargeFile, start: number, end: number, codeSet: CodeSet, maxLength = DEFAULT_HINT_LENGTH): InlayHintEntry[] {
  const codeColumn = file.columns.code?.[0];
  if (codeColumn === undefined) return [];
  const rows = file.table.rows;
  const hints: InlayHintEntry[] = [];
  for (let r = Math.max(1, rowIndexAt(rows, start)); r < rows.length && rows[r].start <= end; r++) {
    const line = file.lines[r - 1];
    if (!line?.code) continue;
    const procedure = codeSet.procedure(line.codeValue);
    if (!procedure?.descriptor) continue;
    const cell = rows[r].cells[codeColumn];
    hints.push({ offset: cell ? cell.end : line.code.end, label: truncate(procedure.descriptor, maxLength), tooltip: `${procedure.code}: ${procedure.descriptor}` });
  }
  return hints;
}
