/**
 * Dates of service as charge exports write them: ISO `2025-10-14` (a time part is
 * ignored), US `10/14/2025` or `10-14-2025` (one-digit month and day allowed), and
 * `20251014`. Returns ISO `YYYY-MM-DD`, or undefined for anything else or an
 * impossible date (`2025-02-30`). No regex is built per call.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/;
const US = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function parseServiceDate(text: string): string | undefined {
  let m = ISO.exec(text);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = US.exec(text);
  if (m) return iso(+m[3], +m[1], +m[2]);
  m = COMPACT.exec(text);
  if (m) return iso(+m[1], +m[2], +m[3]);
  return undefined;
}

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > days) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether an ISO date falls in [from, to] (either bound may be '' for open). */
export function dateInRange(date: string, from: string, to: string): boolean {
  return (from === '' || date >= from) && (to === '' || date <= to);
}
