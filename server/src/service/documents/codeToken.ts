/**
 * Procedure-code tokens: `47383`, `47383-22`, `47383-22-51`, `J1100`, `0042T`.
 * Pure text helpers shared by the charge-file model, hover and the rules.
 */

import { CODE_SHAPE, MODIFIER_SHAPE } from '../../codeset/codeShapes';

export { CODE_SHAPE, MODIFIER_SHAPE };

export interface CodeToken {
  /** The code part, as written (not upper-cased). */
  code: string;
  /** Document offsets of the code part. */
  start: number;
  end: number;
  /** Modifiers attached with `-` or spaces, with their offsets. */
  modifiers: { text: string; start: number; end: number }[];
}

/**
 * Splits a code cell's value into the code and attached modifiers. `offset` is the
 * document offset of `value`'s first character. Separators: `-`, space.
 */
export function splitCodeCell(value: string, offset: number): CodeToken {
  const parts: { text: string; start: number; end: number }[] = [];
  const re = /[^\s-]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) {
    parts.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  }
  const first = parts.shift() ?? { text: '', start: offset, end: offset };
  return { code: first.text, start: first.start, end: first.end, modifiers: parts };
}

const WORD_CHAR = /[A-Za-z0-9]/;

/**
 * The code token under `offset` in free text, if the word there has a code's shape
 * (case-insensitive for the HCPCS letter). Also finds the code when the cursor is on
 * a modifier attached to it (`47383-2|2`).
 */
export function codeTokenAt(text: string, offset: number): { code: string; start: number; end: number } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  if (start === end) return undefined;
  const word = text.slice(start, end);
  if (CODE_SHAPE.test(word.toUpperCase())) return { code: word.toUpperCase(), start, end };
  // On a modifier attached to a code (`47383-22-5|1`): find the code before it.
  if (word.length === 2 && text[start - 1] === '-') {
    const before = text.slice(Math.max(0, start - 30), start);
    const m = /(?:^|[^A-Za-z0-9])([A-Za-z0-9]{5})((?:-[A-Za-z0-9]{2})*)-$/.exec(before);
    if (m && CODE_SHAPE.test(m[1].toUpperCase())) {
      const codeStart = start - before.length + m.index + m[0].indexOf(m[1]);
      return { code: m[1].toUpperCase(), start: codeStart, end: codeStart + 5 };
    }
  }
  return undefined;
}
