/**
 * Bounded echoes of document text. Charge files arrive damaged (a 3 MB cell, a cell of
 * 100,000 modifiers): a message, a hover, a log line or an output format shows at most a
 * short excerpt of a cell, never the cell. Rules quote cells through `excerpt`; every
 * finding then passes `boundFinding` (in `registry.applySeverity`, the one path of charge
 * and note findings), so a rule that forgets cannot send megabytes to the editor or CI.
 */
import type { Finding } from './types';

/** The most characters of a cell a message quotes. */
export const EXCERPT_LENGTH = 40;
/** The longest message a finding may carry (the longest written one is under 400). */
export const MAX_MESSAGE_LENGTH = 600;
/** The longest string kept in a finding's data or a fix's title. */
export const MAX_DATA_STRING_LENGTH = 200;
/** The most items kept in an array of a finding's data. */
export const MAX_DATA_ITEMS = 100;

/**
 * `text` when it is at most `max` characters; else its first `max` characters (never
 * ending inside a surrogate pair), "…" and the length, e.g. `XXXX… (3000000 characters)`.
 */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  if (text.length <= max) return text;
  let cut = max;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}… (${text.length} characters)`;
}

/** A list of values joined with `separator`, cut to an excerpt when long (a cell of many modifiers). */
export function excerptList(values: readonly string[], separator = ', ', max = EXCERPT_LENGTH): string {
  let joined = '';
  for (const value of values) {
    joined = joined === '' ? value : `${joined}${separator}${value}`;
    if (joined.length > max) return `${excerpt(joined, max).replace(/ \(\d+ characters\)$/, '')} (${values.length} in all)`;
  }
  return joined;
}

function boundValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_DATA_STRING_LENGTH ? excerpt(value) : value;
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  // Nearly every finding's data is within bounds: nothing is allocated for it (every
  // finding passes here, a million of them on a big export).
  if (Array.isArray(value)) {
    const items = value.length > MAX_DATA_ITEMS ? value.slice(0, MAX_DATA_ITEMS) : value;
    let out: unknown[] | undefined = items === value ? undefined : items;
    for (let i = 0; i < items.length; i++) {
      const bounded = boundValue(items[i], depth + 1);
      if (bounded !== items[i]) (out ??= items.slice())[i] = bounded;
    }
    return out ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    const bounded = boundValue(item, depth + 1);
    if (bounded !== item) (copy ??= { ...record })[key] = bounded;
  }
  return copy ?? value;
}

/**
 * The finding with its message, data strings and fix titles bounded (in place; a
 * finding within the bounds, i.e. nearly all, is returned untouched and nothing is copied).
 */
export function boundFinding(finding: Finding): Finding {
  if (finding.message.length > MAX_MESSAGE_LENGTH) finding.message = excerpt(finding.message, MAX_MESSAGE_LENGTH);
  if (finding.data) finding.data = boundValue(finding.data, 0) as Record<string, unknown>;
  if (finding.fixes) {
    for (const fix of finding.fixes) if (fix.title.length > MAX_DATA_STRING_LENGTH) fix.title = excerpt(fix.title, MAX_DATA_STRING_LENGTH);
  }
  return finding;
}
