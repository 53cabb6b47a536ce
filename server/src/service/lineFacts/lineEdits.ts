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
 *
 * Plain loops over `line.modifiers`, no arrays or closures: it runs five times for each
 * duplicate or NCCI finding (`distinctServiceFixes`), tens of thousands of times in a big file.
 */
export function addModifier(line: CodedItem, columns: ColumnMap, value: string, rank?: (modifier: string) => number): OffsetEdit | undefined {
  const listColumn = columns.modifiers?.[0];
  if (listColumn !== undefined) {
    const cell = line.row?.cells[listColumn];
    if (!cell) return undefined;
    let first: ModifierSpan | undefined;
    let second: ModifierSpan | undefined;
    let last: ModifierSpan | undefined;
    let before: ModifierSpan | undefined;
    let own: number | undefined;
    for (const m of line.modifiers) {
      if (m.source !== 'list' || m.cell !== cell) continue;
      if (!first) first = m;
      else if (!second) second = m;
      last = m;
      if (!before && rank) {
        own ??= rank(value);
        if (own >= 0 && rank(m.value) > own) before = m;
      }
    }
    if (!first || !last) {
      const at = cellValueRange(cell);
      return { start: at.start, end: at.end, newText: value };
    }
    const separator = (second ? sliceBetween(first, second, cell.text, cell) : ' ') || ' ';
    if (before) return { start: before.start, end: before.start, newText: value + separator };
    return { start: last.end, end: last.end, newText: separator + value };
  }
  const modColumns = columns.modifier;
  if (modColumns && modColumns.length > 0) {
    for (const column of modColumns) {
      const cell = line.row?.cells[column];
      if (!cell) continue;
      const at = cellValueRange(cell);
      if (at.text === '') return { start: at.start, end: at.end, newText: value };
    }
    return undefined;
  }
  let last: ModifierSpan | undefined;
  let before: ModifierSpan | undefined;
  let own: number | undefined;
  for (const m of line.modifiers) {
    if (m.source !== 'code') continue;
    last = m;
    if (!before && rank) {
      own ??= rank(value);
      if (own >= 0 && rank(m.value) > own) before = m;
    }
  }
  if (before) return { start: before.start, end: before.start, newText: value + '-' };
  const end = last ? last.end : line.code?.end;
  return end === undefined ? undefined : { start: end, end, newText: '-' + value };
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

/** The pick-list entry of each distinct-service modifier: one object each, shared by every fix that offers it (never changed). */
const DISTINCT_CHOICES: readonly { modifier: string; choice: NonNullable<Fix['choice']> }[] = DISTINCT_SERVICE_MODIFIERS.map((m) => ({
  modifier: m.modifier,
  choice: Object.freeze({ group: 'distinct-service', label: m.modifier, description: m.meaning, detail: `Needs: ${m.documentation}.` }),
}));

/**
 * The fix titles per code (one per distinct-service modifier, in `DISTINCT_CHOICES` order):
 * a code billed twice on 10,000 claims makes its five titles once, not 10,000 times. Emptied
 * when it grows past `MAX_TITLED_CODES` (a file of junk codes must not keep them all).
 */
const titlesByCode = new Map<string, string[]>();
const MAX_TITLED_CODES = 2000;

function distinctServiceTitles(code: string): string[] {
  let titles = titlesByCode.get(code);
  if (!titles) {
    if (titlesByCode.size >= MAX_TITLED_CODES) titlesByCode.clear();
    titles = DISTINCT_SERVICE_MODIFIERS.map((m) => `Add ${m.modifier} to ${code} (only if the documentation supports a distinct service: ${m.meaning})`);
    titlesByCode.set(code, titles);
  }
  return titles;
}

function hasModifier(line: CodedItem, value: string): boolean {
  for (const m of line.modifiers) if (m.value === value) return true;
  return false;
}

/**
 * The judgment fixes that add a distinct-service modifier (XS, XU, XE, XP, 59) to `line`, each
 * labelled with what it means; never safe, and one pick list in VS Code (`choice`). A modifier
 * the line has already is not offered again. Titles and pick-list entries are shared strings
 * and objects; each fix has its own edit.
 */
export function distinctServiceFixes(line: CodedItem, columns: ColumnMap, code: string, rank?: (modifier: string) => number): Fix[] {
  const fixes: Fix[] = [];
  let titles: string[] | undefined;
  for (let i = 0; i < DISTINCT_CHOICES.length; i++) {
    const { modifier, choice } = DISTINCT_CHOICES[i];
    if (hasModifier(line, modifier)) continue;
    const edit = addModifier(line, columns, modifier, rank);
    if (!edit) continue;
    titles ??= distinctServiceTitles(code);
    fixes.push({ title: titles[i], safe: false, edits: [edit], choice });
  }
  return fixes;
}
