/**
 * Inline expectations in charge fixtures: a comment row `# expect: rule-id [rule-id ...]`
 * says which rules report a finding that starts on the next physical line (the next line
 * that is not itself an `# expect:` row); `# expect: none` marks a line that must stay
 * silent. Every finding must sit on a line so marked, with exactly the rule ids its mark
 * names, so a fixture shows what it proves without opening its `.expected.json`.
 */
import { lastAtOrBefore } from '../../server/src/codeset/sorted';
import type { Finding } from '../../server/src/service/types';

const MARK = /^#\s*expect:\s*(.*?)\s*$/;

/** Rule ids expected per zero-based physical line; lines without a mark expect nothing. */
export function inlineExpectations(text: string): Map<number, string[]> {
  const lines = text.split(/\r\n|\n|\r/);
  const expected = new Map<number, string[]>();
  let pending: string[] | undefined;
  lines.forEach((line, i) => {
    const m = MARK.exec(line.replace(/^\uFEFF/, ''));
    if (m) {
      const ids = m[1] === 'none' ? [] : m[1].split(/[\s,]+/).filter(Boolean);
      pending = [...(pending ?? []), ...ids];
      return;
    }
    if (pending) expected.set(i, [...new Set(pending)].sort());
    pending = undefined;
  });
  return expected;
}

/** The zero-based physical line of each offset. */
function lineOf(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return (offset) => lastAtOrBefore(starts, offset);
}

/** The rule ids found per zero-based physical line. */
export function foundByLine(text: string, findings: readonly Finding[]): Map<number, string[]> {
  const at = lineOf(text);
  const found = new Map<number, Set<string>>();
  for (const f of findings) {
    const line = at(f.start);
    const set = found.get(line) ?? new Set<string>();
    set.add(f.ruleId);
    found.set(line, set);
  }
  return new Map([...found].map(([line, ids]) => [line, [...ids].sort()]));
}

/** Differences between the marks and the findings, one line each (empty when they agree). */
export function inlineMismatches(text: string, findings: readonly Finding[]): string[] {
  const expected = inlineExpectations(text);
  const found = foundByLine(text, findings);
  const out: string[] = [];
  for (const line of new Set([...expected.keys(), ...found.keys()])) {
    const want = (expected.get(line) ?? []).join(' ');
    const got = (found.get(line) ?? []).join(' ');
    if (want !== got) out.push(`line ${line + 1}: expected [${want}], found [${got}]`);
  }
  return out.sort();
}
