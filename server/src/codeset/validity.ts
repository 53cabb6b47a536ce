/** Date-of-service validity of a code or modifier from its add and termination dates. Pure. */
import type { Validity } from './types';

/**
 * `date`, `addDate`, `terminationDate` are ISO (`YYYY-MM-DD`, so they compare as
 * strings); '' means "no such date". The HCPCS termination date is the last day the
 * code may be used, so a date after it is terminated. Undefined when no date is asked.
 */
export function validityOn(date: string | undefined, addDate: string, terminationDate: string): Validity | undefined {
  if (!date) return undefined;
  if (addDate && date < addDate) return { valid: false, reason: 'not-yet-added', date: addDate };
  if (terminationDate && date > terminationDate) return { valid: false, reason: 'terminated', date: terminationDate };
  return { valid: true };
}

/** `20250101` → `2025-01-01`; '' for blank; undefined when the text is not such a date. */
export function isoOfYmd(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return '';
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
