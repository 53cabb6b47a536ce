import type { Finding } from '../../service';
import type { CheckedFinding, FormatContext, OutputFormat } from './format';
import { where } from './format';

/** A finding as JSON: position, rule, message, claim, related places, data and fixes. */
export function jsonFinding({ file, document }: CheckedFinding, f: Finding): Record<string, unknown> {
  const start = where(document, f.start);
  const end = where(document, f.end);
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: f.severity,
    ruleId: f.ruleId,
    message: f.message,
    ...(f.claim ? { claim: f.claim } : {}),
    ...(f.charge ? { code: f.charge.code, modifiers: f.charge.modifiers } : {}),
    ...(f.related ? { related: f.related.map((r) => ({ ...where(document, r.start), message: r.message })) } : {}),
    ...(f.data ? { data: f.data } : {}),
    ...(f.fixes && f.fixes.length > 0
      ? { fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, edits: x.edits.map((e) => ({ start: where(document, e.start), end: where(document, e.end), newText: e.newText })) })) }
      : {}),
  };
}

/** A string with nothing JSON escapes (quote, backslash, control characters, lone surrogates): written between quotes as it is. */
// eslint-disable-next-line no-control-regex
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const quoted = (s: string): string => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));
/** `INDENT[d]`: a line break and the indent of depth `d` (two spaces a level). */
const INDENT = Array.from({ length: 64 }, (_, d) => `\n${'  '.repeat(d)}`);

/**
 * `JSON.stringify(v, null, 2)` of a value at depth `depth`, for plain data only (strings,
 * numbers, booleans, null, arrays, objects of Object.prototype without toJSON); undefined
 * for anything else, which the caller leaves to JSON.stringify.
 */
function value(v: unknown, depth: number): string | undefined {
  switch (typeof v) {
    case 'string':
      return quoted(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return undefined;
      if (depth + 1 >= INDENT.length) return undefined;
      const inner = INDENT[depth + 1];
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        let text = '[';
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          const t = item === undefined ? 'null' : value(item, depth + 1);
          if (t === undefined) return undefined;
          text += (i === 0 ? inner : `,${inner}`) + t;
        }
        return `${text}${INDENT[depth]}]`;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
      let text = '{';
      let first = true;
      for (const key of Object.keys(v)) {
        const item = (v as Record<string, unknown>)[key];
        if (item === undefined) continue;
        const t = value(item, depth + 1);
        if (t === undefined) return undefined;
        text += `${first ? inner : `,${inner}`}${quoted(key)}: ${t}`;
        first = false;
      }
      return first ? '{}' : `${text}${INDENT[depth]}}`;
    }
    default:
      return undefined;
  }
}

/** `value` of something that must be there (JSON would leave the key out): undefined when it is not, or not plain. */
const present = (v: unknown, depth: number): string | undefined => (v === undefined ? undefined : value(v, depth));

/**
 * `render`'s text made without JSON.stringify of the whole finding: the same bytes (the
 * object of `jsonFinding`, as an array's element), at about a third of the time, which was
 * a fifth of the streamed check of an export with many findings. Undefined when a part is
 * missing or not plain data: `render` then serialises `jsonFinding` itself.
 */
function pretty(checked: CheckedFinding, f: Finding): string | undefined {
  const { file, document } = checked;
  const start = where(document, f.start);
  const end = where(document, f.end);
  const parts = [present(file, 2), present(start.line, 2), present(start.column, 2), present(end.line, 2), present(end.column, 2), present(f.severity, 2), present(f.ruleId, 2), present(f.message, 2)];
  for (const part of parts) if (part === undefined) return undefined;
  let text = `{\n    "file": ${parts[0]},\n    "line": ${parts[1]},\n    "column": ${parts[2]},\n    "endLine": ${parts[3]},\n    "endColumn": ${parts[4]},\n    "severity": ${parts[5]},\n    "ruleId": ${parts[6]},\n    "message": ${parts[7]}`;
  if (f.claim) {
    const claim = present(f.claim, 2);
    if (claim === undefined) return undefined;
    text += `,\n    "claim": ${claim}`;
  }
  if (f.charge) {
    const code = present(f.charge.code, 2);
    const modifiers = present(f.charge.modifiers, 2);
    if (code === undefined || modifiers === undefined) return undefined;
    text += `,\n    "code": ${code},\n    "modifiers": ${modifiers}`;
  }
  if (f.related) {
    if (!Array.isArray(f.related)) return undefined;
    text += ',\n    "related": ';
    if (f.related.length === 0) text += '[]';
    else {
      text += '[';
      for (let i = 0; i < f.related.length; i++) {
        const r = f.related[i];
        const at = where(document, r.start);
        const line = present(at.line, 4);
        const column = present(at.column, 4);
        const message = present(r.message, 4);
        if (line === undefined || column === undefined || message === undefined) return undefined;
        text += `${i === 0 ? '' : ','}\n      {\n        "line": ${line},\n        "column": ${column},\n        "message": ${message}\n      }`;
      }
      text += '\n    ]';
    }
  }
  if (f.data) {
    const data = value(f.data, 2);
    if (data === undefined) return undefined;
    text += `,\n    "data": ${data}`;
  }
  if (f.fixes && f.fixes.length > 0) {
    if (!Array.isArray(f.fixes)) return undefined;
    text += ',\n    "fixes": [';
    for (let i = 0; i < f.fixes.length; i++) {
      const x = f.fixes[i];
      const title = present(x.title, 4);
      const safe = present(x.safe, 4);
      if (title === undefined || safe === undefined || !Array.isArray(x.edits)) return undefined;
      text += `${i === 0 ? '' : ','}\n      {\n        "title": ${title},\n        "safe": ${safe},\n        "edits": `;
      if (x.edits.length === 0) text += '[]';
      else {
        text += '[';
        for (let j = 0; j < x.edits.length; j++) {
          const e = x.edits[j];
          const a = where(document, e.start);
          const b = where(document, e.end);
          const numbers = [present(a.line, 7), present(a.column, 7), present(b.line, 7), present(b.column, 7)];
          const newText = present(e.newText, 6);
          if (newText === undefined || numbers.includes(undefined)) return undefined;
          text += `${j === 0 ? '' : ','}\n          {\n            "start": {\n              "line": ${numbers[0]},\n              "column": ${numbers[1]}\n            },\n            "end": {\n              "line": ${numbers[2]},\n              "column": ${numbers[3]}\n            },\n            "newText": ${newText}\n          }`;
        }
        text += '\n        ]';
      }
      text += '\n      }';
    }
    text += '\n    ]';
  }
  return `${text}\n  }`;
}

/** One JSON array of findings, written as files are checked. */
export function jsonFormat({ write }: FormatContext): OutputFormat {
  let first = true;
  const lead = (): string => {
    const text = first ? '  ' : ', ';
    first = false;
    return text;
  };
  return {
    begin() {
      write('[');
    },
    // Pretty-printed and indented two more spaces, as an array's element is: JSON.stringify
    // of a one-element array, without its '[\n  ' and '\n]'. One pass, and no copy of the
    // text (a replace of each '\n' after it was a fifth of the time of a million findings).
    render(checked, f) {
      const fast = pretty(checked, f);
      if (fast !== undefined) return fast;
      const text = JSON.stringify([jsonFinding(checked, f)], null, 2);
      return text.slice(4, text.length - 2);
    },
    lead,
    file(_file, texts) {
      for (const text of texts) write(lead() + text);
    },
    end() {
      write(']');
    },
  };
}
