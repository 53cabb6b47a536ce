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

export function applyFixes(text: string, fixes: readonly Fix[]): string {
  const taken: OffsetEdit[] = [];
  for (const fix of fixes) {
    const overlaps = fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start)));
    if (!overlaps) taken.push(...fix.edits);
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
