/**
 * Codes and ranges of codes as knowledge records write them: "29881", or
 * "29870-29889" (both ends inclusive). A range holds the codes of its ends' shape that
 * sort between them, so "0001T-0999T" never holds "00100". Pure.
 */

/** A code or a range: `low === high` for one code. */
export interface CodeSpan {
  low: string;
  high: string;
}

/** Widest range accepted: a typo such as "29870-92889" is an error, not 60,000 codes. */
export const MAX_RANGE_WIDTH = 1000;

const CODE = /^[A-Z0-9]{5}$/;

/** A code's shape: digits become `9`, letters stay ("29881" → "99999", "G0289" → "G9999"). */
export function codeShape(code: string): string {
  return code.replace(/\d/g, '9');
}

/** "29881" or "29870-29889" (case-insensitive) as a span, or why it is not one. */
export function parseCodeSpan(text: string): CodeSpan | { error: string } {
  const parts = text.trim().toUpperCase().split(/\s*[-–]\s*/);
  if (parts.length > 2 || !parts.every((p) => CODE.test(p))) return { error: `"${text}" is neither a five-character code nor a range such as "29870-29889"` };
  const [low, high = low] = parts;
  if (codeShape(low) !== codeShape(high)) return { error: `the range "${text}" joins codes of different shapes` };
  if (low > high) return { error: `the range "${text}" runs backwards` };
  const width = Number(high.replace(/\D/g, '')) - Number(low.replace(/\D/g, ''));
  if (width >= MAX_RANGE_WIDTH) return { error: `the range "${text}" spans ${width + 1} codes (at most ${MAX_RANGE_WIDTH}: a typo?)` };
  return { low, high };
}

export function spanHolds(span: CodeSpan, code: string): boolean {
  const c = code.toUpperCase();
  return codeShape(c) === codeShape(span.low) && span.low <= c && c <= span.high;
}

export function spansOverlap(a: CodeSpan, b: CodeSpan): boolean {
  return codeShape(a.low) === codeShape(b.low) && a.low <= b.high && b.low <= a.high;
}

/** Spans of a list written in a record; unparseable items are left out (the record's validation reports them). */
export function spansOf(list: readonly string[]): CodeSpan[] {
  return list.map(parseCodeSpan).filter((s): s is CodeSpan => !('error' in s));
}

export function spansHold(spans: readonly CodeSpan[], code: string): boolean {
  return spans.some((s) => spanHolds(s, code));
}

/** "29870-29889" or "29881" for display. */
export function formatSpan(span: CodeSpan): string {
  return span.low === span.high ? span.low : `${span.low}–${span.high}`;
}
