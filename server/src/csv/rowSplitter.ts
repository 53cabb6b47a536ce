/**
 * Splits delimited text that arrives in chunks into pieces of whole rows, exactly where
 * `parseCsv` (csv.ts) splits the same text: the CLI's streaming check (cli/streamCheck.ts)
 * reads a file too big to hold in pieces, and each piece must parse as it would in the
 * whole file. A piece is one data row with the blank lines and comment lines before it
 * (a `# cpt-lens-disable-next-line` comment belongs to the row after it), without the
 * row's line break. The first piece holds the header row; blank lines and comments after
 * the last row come as a last piece with no row. No I/O: the caller pushes text.
 */

import { isCommentChar, plainEnd } from './csv';

const QUOTE = 0x22;
const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;

export interface RowPiece {
  /** The piece's text: blank and comment lines, then the row (no line break after it). */
  text: string;
  /** Offset of the piece's first character in the whole text. */
  start: number;
  /** Zero-based line of the piece's first character (line breaks: CRLF, CR, LF). */
  line: number;
  /** Offset of the row within `text`; -1 for the trailing piece, which has no row. */
  rowAt: number;
}

/** Line breaks in `text` (CRLF counted once), as a TextDocument counts lines. */
export function countLineBreaks(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (i + 1 < to && text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}

export class RowSplitter {
  private buf = '';
  /** Offset (in the whole text) of `buf[0]`. */
  private bufStart = 0;
  /** Line of `buf[0]`. */
  private bufLine = 0;
  private readonly delim: number;

  constructor(
    delimiter: string,
    private readonly onPiece: (piece: RowPiece) => void,
    private readonly comments = true,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Adds text; `eof` on the last call (its text may be empty). */
  push(chunk: string, eof: boolean): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    // The byte-order mark is skipped, not read as part of the header, but stays in the first piece.
    const kept = this.scan(this.bufStart === 0 && this.buf.charCodeAt(0) === 0xfeff ? 1 : 0, eof);
    this.bufLine += countLineBreaks(this.buf, 0, kept);
    this.bufStart += kept;
    this.buf = this.buf.slice(kept);
    if (eof && this.buf.length > 0) {
      this.onPiece({ text: this.buf, start: this.bufStart, line: this.bufLine, rowAt: -1 });
      this.buf = '';
    }
  }

  /**
   * Emits every complete piece from `pos` (the start of a piece, BOM skipped); returns
   * where the first incomplete one starts. The loop is parseCsv's, stopping wherever
   * more text could change what it decided.
   */
  private scan(from: number, eof: boolean): number {
    const text = this.buf;
    const length = text.length;
    const delim = this.delim;
    const more = !eof;
    let pieceStart = 0;
    let line = this.bufLine;
    let pos = from;
    for (;;) {
      if (pos >= length) return pieceStart;
      const rowStart = pos;
      if (this.comments && text.charCodeAt(pos) === HASH) {
        if (pos + 1 >= length && more) return pieceStart;
        if (pos + 1 >= length || isCommentChar(text.charCodeAt(pos + 1))) {
          let end = pos;
          while (end < length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end++;
          if (end >= length && more) return pieceStart;
          pos = end;
          if (pos < length && text.charCodeAt(pos) === CR) {
            pos++;
            if (pos >= length && more) return pieceStart;
          }
          if (pos < length && text.charCodeAt(pos) === LF) pos++;
          continue;
        }
      }
      let count = 0;
      let firstEmpty = false;
      for (;;) {
        const cellStart = pos;
        if (pos < length && text.charCodeAt(pos) === QUOTE) {
          const end = quotedEnd(text, pos, delim, more);
          if (end < 0) return pieceStart;
          pos = end;
        } else {
          pos = plainEnd(text, pos, delim);
          if (pos >= length && more) return pieceStart;
        }
        if (count++ === 0) firstEmpty = pos === cellStart;
        if (pos < length && text.charCodeAt(pos) === delim) {
          pos++;
          continue;
        }
        break;
      }
      const rowEnd = pos;
      if (pos < length && text.charCodeAt(pos) === CR) {
        pos++;
        if (pos >= length && more) return pieceStart;
      }
      if (pos < length && text.charCodeAt(pos) === LF) pos++;
      if (count === 1 && firstEmpty) continue;
      this.onPiece({
        text: text.slice(pieceStart, rowEnd),
        start: this.bufStart + pieceStart,
        line,
        rowAt: rowStart - pieceStart,
      });
      line += countLineBreaks(text, pieceStart, pos);
      pieceStart = pos;
    }
  }
}

/**
 * Where a cell that starts with a quote ends, as csv.ts reads it: after the closing quote
 * and any text that follows it; an unclosed quote is a literal and the cell ends at its
 * line. -1 when more text could change the answer.
 */
function quotedEnd(text: string, start: number, delim: number, more: boolean): number {
  const length = text.length;
  let pos = start + 1;
  for (;;) {
    const close = text.indexOf('"', pos);
    if (close < 0) {
      if (more) return -1;
      return plainEnd(text, start, delim);
    }
    if (close + 1 >= length && more) return -1;
    if (close + 1 < length && text.charCodeAt(close + 1) === QUOTE) {
      pos = close + 2;
      continue;
    }
    pos = close + 1;
    break;
  }
  if (pos < length) {
    const c = text.charCodeAt(pos);
    if (c !== delim && c !== CR && c !== LF) {
      const end = plainEnd(text, pos, delim);
      if (end >= length && more) return -1;
      return end;
    }
  }
  return pos;
}

/** The raw text of cell `index` of a row (quotes included), or undefined when the row is shorter. */
export function rawCell(row: string, index: number, delimiter: string): { text: string; quoted: boolean } | undefined {
  const delim = delimiter.charCodeAt(0);
  let pos = 0;
  for (let i = 0; ; i++) {
    const start = pos;
    pos = row.charCodeAt(pos) === QUOTE ? quotedEnd(row, pos, delim, false) : plainEnd(row, pos, delim);
    if (i === index) return { text: row.slice(start, pos), quoted: row.charCodeAt(start) === QUOTE };
    if (pos >= row.length || row.charCodeAt(pos) !== delim) return undefined;
    pos++;
  }
}
