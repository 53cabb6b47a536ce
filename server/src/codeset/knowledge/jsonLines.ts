/**
 * A small JSON parser that remembers the line of every value, so that a problem in a
 * hand-written data file (a knowledge record) can be reported at its line. Strict
 * JSON (RFC 8259). Never throws: a syntax error comes back with its line. Hostile input
 * is a syntax error too: nesting deeper than `MAX_JSON_DEPTH` (a recursive parser would
 * overflow the stack) and the keys `__proto__`, `constructor` and `prototype`, which
 * could change the objects' prototypes and so what other code reads from them.
 */

/** Deepest nesting of objects and lists read (a knowledge record needs four or five). */
export const MAX_JSON_DEPTH = 64;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface ParsedJson {
  value?: JsonValue;
  /** Syntax error, if any. */
  error?: { line: number; message: string };
  /** Line of the value at a path such as "documentation.2.id" ("" is the root). */
  lineOf(path: string): number;
  /** Paths of keys written twice in one object (the later value wins), for readers that refuse them. */
  duplicateKeys: string[];
}

export function parseJsonWithLines(text: string): ParsedJson {
  const lines = new Map<string, number>();
  const duplicateKeys: string[] = [];
  let i = 0;
  let line = 1;
  const lineOf = (path: string): number => {
    // The nearest recorded ancestor when the path itself is absent (a missing field).
    for (let p = path; ; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      const found = lines.get(p);
      if (found !== undefined) return found;
      if (p === '') return 1;
    }
  };
  class SyntaxProblem extends Error {}
  const fail = (message: string): never => {
    throw new SyntaxProblem(message);
  };
  const skip = (): void => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\uFEFF') break;
    }
  };
  const string = (): string => {
    i++; // opening quote
    // Runs of plain characters are cut whole (a character at a time made the bundled records
    // a third of the data load).
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i++);
        return out;
      }
      if (c === 0x0a) fail('line break inside a string');
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(chunk, i++);
      const e = text[i++];
      if (e === 'u') {
        const hex = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
      } else {
        if (!Object.prototype.hasOwnProperty.call(ESCAPES, e)) fail(`bad escape \\${e}`);
        out += ESCAPES[e];
      }
      chunk = i;
    }
  };
  let depth = 0;
  const value = (path: string): JsonValue => {
    skip();
    if (depth >= MAX_JSON_DEPTH) fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    lines.set(path, line);
    const c = text[i];
    const at = (key: string | number): string => (path === '' ? String(key) : `${path}.${key}`);
    if (c === '{') {
      i++;
      depth++;
      const obj: { [key: string]: JsonValue } = {};
      skip();
      if (text[i] === '}') {
        i++;
        depth--;
        return obj;
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('expected a "name" in the object');
        const key = string();
        if (RESERVED_KEYS.has(key)) fail(`the key "${key}" is not allowed`);
        if (Object.prototype.hasOwnProperty.call(obj, key)) duplicateKeys.push(at(key));
        skip();
        if (text[i++] !== ':') fail(`expected ":" after "${key}"`);
        obj[key] = value(at(key));
        skip();
        const d = text[i++];
        if (d === '}') {
          depth--;
          return obj;
        }
        if (d !== ',') fail('expected "," or "}" in the object');
      }
    }
    if (c === '[') {
      i++;
      depth++;
      const arr: JsonValue[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        depth--;
        return arr;
      }
      for (;;) {
        arr.push(value(at(arr.length)));
        skip();
        const d = text[i++];
        if (d === ']') {
          depth--;
          return arr;
        }
        if (d !== ',') fail('expected "," or "]" in the list');
      }
    }
    if (c === '"') return string();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!m) fail(i >= text.length ? 'unexpected end of file' : `unexpected character "${c}"`);
    const token = (m as RegExpExecArray)[0];
    i += token.length;
    return token === 'true' ? true : token === 'false' ? false : token === 'null' ? null : Number(token);
  };
  try {
    const v = value('');
    skip();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return { value: v, lineOf, duplicateKeys };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { error: { line, message: `JSON syntax: ${error.message}` }, lineOf, duplicateKeys };
    throw error;
  }
}
