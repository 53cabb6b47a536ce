/**
 * Text edits on a charge line's modifiers, wherever they are written: attached to
 * the code (`47383-22`), in a modifiers list column (`22 51`), or in mod1..mod4.
 */
import type { CodedItem, ModifierSpan } from '../documents/chargeFile';
import type { ColumnMap } from '../documents/columns';
import { cellValueRange } from '../../csv/csv';
import type { Fix, OffsetEdit } from '../types';
import { DISTINCT_SERVICE_MODIFIERS } from '../../codeset/modifiers';

/**
 * Removes one modifier with the separator before it (or after it, when it is first).
 * `index` (the target's position in `line.modifiers`, when the caller has it) saves a
 * search: a line of 100,000 modifiers must not cost 100,000 searches of 100,000.
 */
export function removeModifier(line: CodedItem, target: ModifierSpan, index = line.modifiers.indexOf(target)): OffsetEdit {
  if (target.source === 'column') return { start: target.start, end: target.end, newText: '' };
  const sameGroup = (m: ModifierSpan): boolean => m.source === target.source && m.cell === target.cell;
  let previous: ModifierSpan | undefined;
  for (let k = index - 1; k >= 0; k--) {
    if (sameGroup(line.modifiers[k])) {
      previous = line.modifiers[k];
      break;
    }
  }
  if (target.source === 'code') {
    const previousEnd = previous ? previous.end : line.code?.end ?? target.start;
    return { start: previousEnd, end: target.end, newText: '' };
  }
  if (previous) return { start: previous.end, end: target.end, newText: '' };
  let next: ModifierSpan | undefined;
  for (let k = index + 1; k < line.modifiers.length; k++) {
    if (sameGroup(line.modifiers[k])) {
      next = line.modifiers[k];
      break;
    }
  }
  if (next) return { start: target.start, end: next.start, newText: '' };
  return { start: target.start, end: target.end, newText: '' };
}

/**
 * Adds a modifier to the line's modifiers: at the end, or, with `rank` (the configured order,
 * `modifierRank`), before the first one it goes ahead of, so the fix does not leave a
 * `modifier-order` warning behind (XS before RT). Undefined when there is no room (four mod
 * columns full); in mod1..mod4 columns it takes the first empty one.
 */
export function addModifier(line: CodedItem, columns: ColumnMap, value: string, rank?: (modifier: string) => number): OffsetEdit | undefined {
  const ahead = (group: readonly ModifierSpan[]): ModifierSpan | undefined => {
    const own = rank?.(value) ?? -1;
    return own < 0 ? undefined : group.find((m) => (rank?.(m.value) ?? -1) > own);
  };
  const listColumn = columns.modifiers?.[0];
  if (listColumn !== undefined) {
    const cell = line.row?.cells[listColumn];
    if (!cell) return undefined;
    const items = line.modifiers.filter((m) => m.source === 'list' && m.cell === cell);
    if (items.length === 0) {
      const at = cellValueRange(cell);
      return { start: at.start, end: at.end, newText: value };
    }
    const separator = (items.length > 1 ? sliceBetween(items[0], items[1], cell.text, cell) : ' ') || ' ';
    const before = ahead(items);
    if (before) return { start: before.start, end: before.start, newText: `${value}${separator}` };
    const last = items[items.length - 1];
    return { start: last.end, end: last.end, newText: `${separator}${value}` };
  }
  for (const column of columns.modifier ?? []) {
    const cell = line.row?.cells[column];
    if (!cell) continue;
    const at = cellValueRange(cell);
    if (at.text === '') return { start: at.start, end: at.end, newText: value };
  }
  if ((columns.modifier ?? []).length > 0) return undefined;
  const attached = line.modifiers.filter((m) => m.source === 'code');
  const before = ahead(attached);
  if (before) return { start: before.start, end: before.start, newText: `${value}-` };
  const end = attached.length > 0 ? attached[attached.length - 1].end : line.code?.end;
  return end === undefined ? undefined : { start: end, end, newText: `-${value}` };
}

function sliceBetween(a: ModifierSpan, b: ModifierSpan, cellText: string, cell: { start: number; quoted: boolean }): string {
  const base = cell.quoted ? cell.start + 1 : cell.start;
  return cellText.slice(a.end - base, b.start - base);
}

/** Rewrites the modifiers in a new order, keeping every position (each span takes the text of another). */
export function reorderModifiers(modifiers: readonly ModifierSpan[], order: readonly ModifierSpan[]): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  modifiers.forEach((m, i) => {
    if (order[i] !== m) edits.push({ start: m.start, end: m.end, newText: order[i].value });
  });
  return edits;
}

/**
 * The judgment fixes that add a distinct-service modifier (XS, XU, XE, XP, 59) to `line`, each
 * labelled with what it means; never safe, and one pick list in VS Code (`choice`). A modifier
 * the line has already is not offered again.
 */
export function distinctServiceFixes(line: CodedItem, columns: ColumnMap, code: string, rank?: (modifier: string) => number): Fix[] {
  const fixes: Fix[] = [];
  for (const m of DISTINCT_SERVICE_MODIFIERS) {
    if (line.modifiers.some((x) => x.value === m.modifier)) continue;
    const edit = addModifier(line, columns, m.modifier, rank);
    if (!edit) continue;
    fixes.push({
      title: `Add ${m.modifier} to ${code} (only if the documentation supports a distinct service: ${m.meaning})`,
      safe: false,
      edits: [edit],
      choice: { group: 'distinct-service', label: m.modifier, description: m.meaning, detail: `Needs: ${m.documentation}.` },
    });
  }
  return fixes;
}
