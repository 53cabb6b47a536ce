/**
 * Code actions from findings: each fix becomes a quick fix, labelled safe or "needs
 * clinical judgment", and "Fix all safe problems in file" takes every finding's first
 * safe fix, skipping fixes whose edits would overlap. Pure: fixes are data on the
 * finding (and on the diagnostic), so no server-side cache is needed.
 */
import { nonOverlappingEdits, nonOverlappingFixes } from '../fixes';
import type { Fix, OffsetEdit } from '../types';

/** The code action kind of the fix-all source action (`source.fixAll` is what editors run on save). */
export const FIX_ALL_KIND = 'source.fixAll.cptLens';
export const FIX_ALL_TITLE = 'Fix all safe problems in file';
/** The kind of fix-all in the Ctrl+. menu: a quick fix (shown with the others), with its own sub-kind so a keybinding can run it. */
export const FIX_ALL_QUICKFIX_KIND = 'quickfix.cptLens.fixAll';

/** The title of the fix-all quick fix in the Ctrl+. menu, with how many fixes it applies. */
export const fixAllQuickFixTitle = (count: number): string => `Fix all safe problems (${count})`;

export interface QuickFix<E> {
  title: string;
  /** Safe fixes may be applied without reading the note; the others need a coder's judgment. */
  safe: boolean;
  /** The preferred fix is the one an editor applies with its "auto fix" key. */
  isPreferred: boolean;
  edits: E[];
}

/** Quick fixes for one finding's fixes; edits are passed through (offsets or ranges). */
export function quickFixes<E>(fixes: readonly { title: string; safe: boolean; edits: E[] }[]): QuickFix<E>[] {
  const safeCount = fixes.filter((f) => f.safe).length;
  return fixes.map((fix) => ({
    title: fix.safe ? fix.title : `${fix.title} — needs clinical judgment`,
    safe: fix.safe,
    isPreferred: fix.safe && safeCount === 1,
    edits: fix.edits,
  }));
}

/** The edits of "Fix all safe problems": the first safe fix of each finding, none overlapping. */
export function fixAllSafeEdits(findings: readonly { fixes?: readonly Fix[] }[]): OffsetEdit[] {
  const fixes: Fix[] = [];
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.safe);
    if (fix) fixes.push(fix);
  }
  return nonOverlappingEdits(fixes).reverse();
}

/** A safe fix fix-all takes, with the rule of its finding (the preview groups changes by it). */
export interface SafeFix extends Fix {
  ruleId: string;
}

/**
 * The fixes of "Fix all safe problems", each whole: the first safe fix of each finding, none
 * overlapping. The Ctrl+. entry shows them in a preview, one labelled change per fix.
 * Judgment fixes (adding 59/X{EPSU}, 25, 57, 50) are never `safe`, so never here.
 */
export function fixAllSafe(findings: readonly { ruleId: string; fixes?: readonly Fix[] }[]): SafeFix[] {
  const fixes: SafeFix[] = [];
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.safe);
    if (fix) fixes.push({ ...fix, ruleId: f.ruleId });
  }
  return nonOverlappingFixes(fixes);
}
