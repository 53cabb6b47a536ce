/**
 * The server's open documents: a TextDocument (the interface of vscode-languageserver-
 * textdocument, same positions and offsets) whose edits do not copy the whole text.
 *
 * The library's document makes each edit's text by joining the cut before the edit, the
 * typed text and the cut after it, then reads a character of the result: V8 then copies
 * the joined pieces into one new string. On a 100k-line export that is a 6 MB copy per
 * keystroke (about 4 ms, and most of the garbage a typing session makes). Here the text
 * is a flat `base` (the text at open, or after the last edit far from the others) with one
 * window of it replaced by `patch`, the recent edits: an edit near the window rewrites the
 * window only, characters are read from the pieces, and `getText()` joins the three
 * pieces without reading them (V8 keeps such a join as a tree; it is copied only if
 * something reads a character of it, which the service avoids on its typing paths:
 * see languageService.ts).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';

/** The longest window of edits kept apart from the base; past it the text is made flat again. */
const MAX_WINDOW = 64 * 1024;

const CR = 13;
const LF = 10;
const isEol = (c: number): boolean => c === CR || c === LF;

export class EditedDocument implements TextDocument {
  /** A flat text; the document is `base` with [from, to) replaced by `patch`. */
  private base: string;
  private from = 0;
  private to = 0;
  private patch = '';
  /** The whole text, joined once per version when asked. */
  private joined: string | undefined;
  private lines: number[] | undefined;
  private size: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    text: string,
  ) {
    this.base = text;
    this.size = text.length;
    this.joined = text;
  }

  static create(uri: string, languageId: string, version: number, text: string): EditedDocument {
    return new EditedDocument(uri, languageId, version, text);
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.lineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    if (this.joined === undefined) this.joined = this.base.slice(0, this.from) + this.patch + this.base.slice(this.to);
    return this.joined;
  }

  /** The character code at `offset` (NaN outside the text), read from the pieces. */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.size) return NaN;
    if (offset < this.from) return this.base.charCodeAt(offset);
    const inPatch = offset - this.from;
    if (inPatch < this.patch.length) return this.patch.charCodeAt(inPatch);
    return this.base.charCodeAt(this.to + inPatch - this.patch.length);
  }

  /** The text between two offsets, cut from the pieces (no copy of the rest). */
  slice(start: number, end: number): string {
    const s = Math.max(0, Math.min(start, this.size));
    const e = Math.max(s, Math.min(end, this.size));
    const patchEnd = this.from + this.patch.length;
    if (e <= this.from) return this.base.slice(s, e);
    const shift = this.to - patchEnd;
    if (s >= patchEnd) return this.base.slice(s + shift, e + shift);
    let out = s < this.from ? this.base.slice(s, this.from) : '';
    out += this.patch.slice(Math.max(0, s - this.from), Math.min(this.patch.length, e - this.from));
    if (e > patchEnd) out += this.base.slice(this.to, e + shift);
    return out;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.size), 0);
    const lines = this.lineOffsets();
    let low = 0;
    let high = lines.length;
    if (high === 0) return { line: 0, character: at };
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lines[mid] > at) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEol(at, lines[line]) - lines[line] };
  }

  offsetAt(position: Position): number {
    const lines = this.lineOffsets();
    if (position.line >= lines.length) return this.size;
    if (position.line < 0) return 0;
    const lineOffset = lines[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.size;
    return this.beforeEol(Math.min(lineOffset + position.character, next), lineOffset);
  }

  getLineRange(line: number): Range {
    const lines = this.lineOffsets();
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.size - lines[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lines[line];
    const next = line + 1 < lines.length ? lines[line + 1] : this.size;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lineOffsets();
    if (line < 0 || line >= lines.length) return '';
    const next = line + 1 < lines.length ? lines[line + 1] : this.size;
    return this.slice(this.beforeEol(next, lines[line]), next);
  }

  /** Applies the editor's changes in order (as TextDocument.update does) and takes the new version. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) this.edit(wellFormed(change.range), change.text);
      else this.reset(change.text);
    }
    this._version = version;
  }

  private reset(text: string): void {
    this.base = text;
    this.from = this.to = 0;
    this.patch = '';
    this.size = text.length;
    this.joined = text;
    this.lines = undefined;
  }

  private edit(range: Range, text: string): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    this.replace(start, end, text);
    this.joined = undefined;
    const insertedEnd = start + text.length;
    // A CR and an LF that the edit joins or parts change the lines around it: count them again.
    if ((this.charCodeAt(start - 1) === CR && this.charCodeAt(start) === LF) || (this.charCodeAt(insertedEnd - 1) === CR && this.charCodeAt(insertedEnd) === LF)) {
      this.lines = undefined;
      return;
    }
    const lines = this.lines;
    if (!lines) return;
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    const added = lineStartsIn(text, start);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lines[i + startLine + 1] = added[i];
    } else if (added.length < 10000) {
      lines.splice(startLine + 1, endLine - startLine, ...added);
    } else {
      this.lines = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
    }
    const diff = text.length - (end - start);
    if (diff !== 0) {
      const all = this.lines!;
      for (let i = startLine + 1 + added.length; i < all.length; i++) all[i] += diff;
    }
  }

  /** The text with [start, end) replaced by `text`: in the window when it is near it, else flat again. */
  private replace(start: number, end: number, text: string): void {
    const patchEnd = this.from + this.patch.length;
    const empty = this.patch.length === 0 && this.from === this.to;
    // The window after the edit, in offsets of the current text.
    const ws = empty ? start : Math.min(start, this.from);
    const we = empty ? end : Math.max(end, patchEnd);
    if (we - ws + text.length <= MAX_WINDOW) {
      const current = this.slice(ws, we);
      const baseFrom = empty || ws < this.from ? ws : this.from;
      const baseTo = empty ? we : we > patchEnd ? we - patchEnd + this.to : this.to;
      this.patch = current.slice(0, start - ws) + text + current.slice(end - ws);
      this.from = baseFrom;
      this.to = baseTo;
    } else {
      const whole = this.slice(0, start) + text + this.slice(end, this.size);
      // One flat copy now, so the pieces are flat again for the edits to come.
      whole.charCodeAt(0);
      this.base = whole;
      this.from = this.to = 0;
      this.patch = '';
    }
    this.size += text.length - (end - start);
  }

  private beforeEol(offset: number, lineOffset: number): number {
    let at = offset;
    while (at > lineOffset && isEol(this.charCodeAt(at - 1))) at--;
    return at;
  }

  /** Where each line starts (the first at 0), counted from the pieces when not known. */
  private lineOffsets(): number[] {
    if (!this.lines) {
      const lines = [0];
      // Each piece scanned as it is (a CR ending one piece and an LF starting the next are one break).
      const afterCr = { at: -1 };
      scanLines(this.base, 0, this.from, 0, lines, afterCr);
      scanLines(this.patch, 0, this.patch.length, this.from, lines, afterCr);
      scanLines(this.base, this.to, this.base.length, this.from + this.patch.length - this.to, lines, afterCr);
      this.lines = lines;
    }
    return this.lines;
  }
}

/**
 * Pushes the line starts of `text` between `from` and `to` onto `lines`, as document offsets
 * (`shift` added); `afterCr.at` is the document offset just past a CR that ended the previous piece.
 */
function scanLines(text: string, from: number, to: number, shift: number, lines: number[], afterCr: { at: number }): void {
  const cr = text.indexOf('\r', from);
  if (cr < 0 || cr >= to) {
    // No CR in the piece (most files): the engine's search finds each LF, several times faster
    // than reading every character here (a 6 MB file's lines at open).
    for (let lf = text.indexOf('\n', from); lf >= 0 && lf < to; lf = text.indexOf('\n', lf + 1)) {
      if (afterCr.at === lf + shift) lines[lines.length - 1] = lf + shift + 1;
      else lines.push(lf + shift + 1);
    }
    return;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      // The LF of a CRLF whose CR ended the previous piece: that break is counted already, one offset on.
      if (afterCr.at === i + shift) lines[lines.length - 1] = i + shift + 1;
      else lines.push(i + shift + 1);
    } else if (c === CR) {
      if (i + 1 < to) {
        if (text.charCodeAt(i + 1) === LF) i++;
        lines.push(i + shift + 1);
      } else {
        lines.push(i + shift + 1);
        afterCr.at = i + shift + 1;
      }
    }
  }
}

/** The line starts inside `text` (inserted at `at`), as offsets of the document. */
function lineStartsIn(text: string, at: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      out.push(at + i + 1);
    } else if (c === LF) out.push(at + i + 1);
  }
  return out;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
