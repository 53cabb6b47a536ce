/**
 * JSON written straight into a ByteWriter, byte for byte as `JSON.stringify(value, null, 2)`
 * writes it, for the JSON and SARIF formats: a big export's findings are gigabytes of JSON,
 * and building each finding's text as a string (then encoding it) was most of the CLI's
 * garbage. Plain data only; a writer returns false on anything else, and the format then
 * rewinds and leaves the finding to JSON.stringify.
 */
import type { ByteWriter } from '../byteWriter';

/** Deepest nesting written here (`JSON.stringify` of deeper data is left to it). */
const MAX_DEPTH = 64;
/** `INDENT[d]`: a line break and the indent of depth `d` (two spaces a level). */
const INDENT = Array.from({ length: MAX_DEPTH + 1 }, (_, d) => `\n${'  '.repeat(d)}`);

/** A line break and the indent of depth `depth`. */
export function newline(out: ByteWriter, depth: number): void {
  out.text(INDENT[depth]);
}

/**
 * `JSON.stringify(v, null, 2)` of a value at depth `depth`, for plain data only (strings,
 * numbers, booleans, null, arrays, objects of Object.prototype without toJSON); false for
 * anything else (what was written of it is then to be rewound).
 */
export function writeValue(out: ByteWriter, v: unknown, depth: number): boolean {
  switch (typeof v) {
    case 'string':
      out.json(v);
      return true;
    case 'number':
      if (Number.isFinite(v)) out.decimal(v);
      else out.text('null');
      return true;
    case 'boolean':
      out.text(v ? 'true' : 'false');
      return true;
    case 'object': {
      if (v === null) {
        out.text('null');
        return true;
      }
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
      if (depth + 1 >= MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        if (v.length === 0) {
          out.text('[]');
          return true;
        }
        out.text('[');
        for (let i = 0; i < v.length; i++) {
          if (i > 0) out.text(',');
          newline(out, depth + 1);
          const item: unknown = v[i];
          if (item === undefined) out.text('null');
          else if (!writeValue(out, item, depth + 1)) return false;
        }
        newline(out, depth);
        out.text(']');
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      out.text('{');
      let first = true;
      for (const key of Object.keys(v)) {
        const item = (v as Record<string, unknown>)[key];
        if (item === undefined) continue;
        if (!first) out.text(',');
        newline(out, depth + 1);
        out.json(key);
        out.text(': ');
        if (!writeValue(out, item, depth + 1)) return false;
        first = false;
      }
      if (!first) newline(out, depth);
      out.text('}');
      return true;
    }
    default:
      return false;
  }
}

/** `writeValue` of something that must be there (JSON would leave the key out): false when it is not. */
export function writePresent(out: ByteWriter, v: unknown, depth: number): boolean {
  return v !== undefined && writeValue(out, v, depth);
}
