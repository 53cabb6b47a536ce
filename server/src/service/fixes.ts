/** Applying fixes to text: the CLI's `--fix` and the golden tests use this. Pure. */
import type { Finding, Fix, OffsetEdit } from './types';

/**
 * Applies the first safe fix of each finding; edits that overlap an edit already
 * taken are skipped (a second run picks them up). Returns the new text.
 */
export function applySafeFixes(text: string, findings: readonly Finding[]): string {
  const fixes = findings.map((f) => f.fixes?.find((x) => x.safe)).filter((x): x is Fix => x !== undefined);
  return applyFixes(text, fixes);
}

/**
 * The edits of `fixes`, taking a fix whole or not at all and skipping any fix that
 * overlaps one already taken; sorted last edit first. The editor's fix-all uses this too.
 */
export function nonOverlappingEdits(fixes: readonly Fix[]): OffsetEdit[] {
  return nonOverlappingFixes(fixes).flatMap((f) => f.edits).sort((a, b) => b.start - a.start || b.end - a.end);
}

/** The fixes `nonOverlappingEdits` takes, in the order given (the editor's fix-all preview lists each). */
export function nonOverlappingFixes<F extends Fix>(fixes: readonly F[]): F[] {
  const taken: OffsetEdit[] = [];
  const kept: F[] = [];
  for (const fix of fixes) {
    const overlaps = fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start)));
    if (overlaps) continue;
    taken.push(...fix.edits);
    kept.push(fix);
  }
  return kept;
}

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const taken = nonOverlappingEdits(fixes);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
