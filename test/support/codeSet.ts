/** The bundled code set, loaded once per test process. */
import { loadCodeSet } from '../../server/src/codeset/load';
import type { CodeSet } from '../../server/src/codeset/types';

let cached: CodeSet | undefined;

export function bundledCodeSet(): CodeSet {
  cached ??= loadCodeSet().codeSet;
  return cached;
}

/** Splits `text` at the `|` cursor marker: the text without it and the cursor offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
