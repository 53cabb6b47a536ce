/**
 * Text encoded straight into a buffer and handed on about a megabyte at a time. The CLI's
 * output of a big export is gigabytes of findings: a system call per line, and strings
 * joined before they are encoded, were seconds of the check and most of its garbage.
 * Besides text it writes the parts of streamCheck.ts's findings records: numbers, and texts
 * preceded by their length in bytes, so a reader can copy a text without decoding it.
 *
 * A format can write a finding's text into it piece by piece (`text`, `json`, `decimal`)
 * inside a sized record (`beginSized` … `endSized`), with no string built for the whole
 * finding: the open record stays in the buffer (the buffer grows if it must) until its
 * length is known, and can be taken back (`rewind`) to write it another way.
 */
const SIZE = 2 ** 20;
/** Lowercase hex digits, as JSON.stringify writes `\u00XX` and `\udXXX`. */
const HEX = '0123456789abcdef';
/**
 * Texts longer than these are written by Buffer#write (after a test for escapes, for JSON),
 * shorter ones encoded in a loop here: a call into Buffer#write costs about as much as
 * encoding this many characters in JavaScript (Node 20).
 */
const SHORT_TEXT = 24;
const SHORT_JSON = 40;
/** A string with nothing JSON escapes (quote, backslash, control characters, lone surrogates). */
// eslint-disable-next-line no-control-regex
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(SIZE);
  private used = 0;
  private handed = 0;
  /** Where the open sized record's length goes in `buffer`; -1 when none is open. */
  private open = -1;

  /**
   * `flushTo` gets each full buffer; with `reuse` the same buffer is filled again after it
   * returns (a synchronous file write), else a new one is taken (a stream may keep it).
   */
  constructor(
    private readonly flushTo: (bytes: Buffer) => void,
    private readonly reuse = false,
  ) {}

  /** Bytes written so far, flushed or not. */
  get position(): number {
    return this.handed + this.used;
  }

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > SIZE && this.open < 0) {
      this.room(SIZE + 1);
      this.hand(Buffer.from(text, 'utf8'));
      return;
    }
    this.ensure(text.length * 3);
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** `bytes[start, end)`, copied. */
  writeBytes(bytes: Buffer, start: number, end: number): void {
    if (end - start > SIZE && this.open < 0) {
      this.room(SIZE + 1);
      // A copy: the caller may fill `bytes` again, and a stream may keep what it is given.
      this.hand(Buffer.from(bytes.subarray(start, end)));
      return;
    }
    this.ensure(end - start);
    this.used += bytes.copy(this.buffer, this.used, start, end);
  }

  /** A text as UTF-8 after its length in bytes (a 32-bit unsigned integer, little-endian). */
  writeSized(text: string): void {
    this.beginSized();
    this.write(text);
    this.endSized();
  }

  /** Opens a sized record: what is written until `endSized` is the text, preceded by its length as `writeSized` writes it. */
  beginSized(): void {
    if (this.open >= 0) throw new Error('a sized record is already open');
    this.ensure(4);
    this.open = this.used;
    this.used += 4;
  }

  endSized(): void {
    if (this.open < 0) throw new Error('no sized record is open');
    this.buffer.writeUInt32LE(this.used - this.open - 4, this.open);
    this.open = -1;
  }

  /** Takes back what was written since `position` was `mark`, which must be inside the open sized record. */
  rewind(mark: number): void {
    if (this.open < 0 || mark < this.handed + this.open + 4 || mark > this.position) throw new Error('rewind past the open sized record');
    this.used = mark - this.handed;
  }

  /** A 64-bit float, little-endian (offsets of files of any size). */
  writeNumber(n: number): void {
    this.ensure(8);
    this.used = this.buffer.writeDoubleLE(n, this.used);
  }

  writeUInt32(n: number): void {
    this.ensure(4);
    this.used = this.buffer.writeUInt32LE(n, this.used);
  }

  writeByte(n: number): void {
    this.ensure(1);
    this.used = this.buffer.writeUInt8(n, this.used);
  }

  /**
   * `text` as UTF-8, as `write` gives it (a lone surrogate is U+FFFD): a short text is
   * encoded here, as a finding is tens of short texts and a call into Buffer#write cost more
   * than encoding one of them.
   */
  text(text: string): void {
    const n = text.length;
    if (n > SHORT_TEXT) {
      this.write(text);
      return;
    }
    this.ensure(n * 3);
    const b = this.buffer;
    let at = this.used;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) b[at++] = c;
      else {
        const next = this.encode(text, i, c, at, false);
        // Four bytes: a surrogate pair, two units.
        if (next - at === 4) i++;
        at = next;
      }
    }
    this.used = at;
  }

  /** Bytes encoded before (a format's fixed pieces of text), copied. */
  bytes(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /**
   * `JSON.stringify(text)` as UTF-8: quoted, with JSON's escapes (short ones, `\u00XX`, lone
   * surrogates as `\udXXX`). A long text with nothing to escape (most) is written by Buffer#write.
   */
  json(text: string): void {
    const n = text.length;
    this.ensure(n * 6 + 2);
    const b = this.buffer;
    let at = this.used;
    b[at++] = 0x22;
    if (n > SHORT_JSON && PLAIN.test(text)) {
      at += b.write(text, at, 'utf8');
      b[at++] = 0x22;
      this.used = at;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c === 0x22 || c === 0x5c) b[at++] = 0x5c;
        b[at++] = c;
      } else if (c < 0x20) {
        b[at++] = 0x5c;
        const short = c === 8 ? 0x62 : c === 9 ? 0x74 : c === 10 ? 0x6e : c === 12 ? 0x66 : c === 13 ? 0x72 : 0;
        if (short !== 0) b[at++] = short;
        else {
          b[at++] = 0x75;
          b[at++] = 0x30;
          b[at++] = 0x30;
          b[at++] = HEX.charCodeAt(c >> 4);
          b[at++] = HEX.charCodeAt(c & 15);
        }
      } else {
        const next = this.encode(text, i, c, at, true);
        if (next - at === 4) i++;
        at = next;
      }
    }
    b[at++] = 0x22;
    this.used = at;
  }

  /** A whole number as its decimal digits, any other number as `String` writes it. */
  decimal(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n < 2 ** 31)) {
      this.text(String(n));
      return;
    }
    this.ensure(10);
    const b = this.buffer;
    let digits = 1;
    for (let m = n; m >= 10; m = (m / 10) | 0) digits++;
    let at = this.used + digits;
    this.used = at;
    do {
      b[--at] = 0x30 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
  }

  /**
   * Encodes the unit `c` at `text[i]` (not ASCII) at `at`, and the next unit with it when the
   * two are a surrogate pair (then, and only then, four bytes): where the next byte goes. A
   * lone surrogate is U+FFFD, or `\udXXX` when `escape` (JSON).
   */
  private encode(text: string, i: number, c: number, at: number, escape: boolean): number {
    const b = this.buffer;
    if (c < 0x800) {
      b[at] = 0xc0 | (c >> 6);
      b[at + 1] = 0x80 | (c & 63);
      return at + 2;
    }
    if (c >= 0xd800 && c < 0xe000) {
      const d = c < 0xdc00 && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d < 0xe000) {
        const p = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[at] = 0xf0 | (p >> 18);
        b[at + 1] = 0x80 | ((p >> 12) & 63);
        b[at + 2] = 0x80 | ((p >> 6) & 63);
        b[at + 3] = 0x80 | (p & 63);
        return at + 4;
      }
      if (escape) {
        b[at] = 0x5c;
        b[at + 1] = 0x75;
        for (let k = 0; k < 4; k++) b[at + 2 + k] = HEX.charCodeAt((c >> (12 - 4 * k)) & 15);
        return at + 6;
      }
      c = 0xfffd;
    }
    b[at] = 0xe0 | (c >> 12);
    b[at + 1] = 0x80 | ((c >> 6) & 63);
    b[at + 2] = 0x80 | (c & 63);
    return at + 3;
  }

  /** What was written since `position` was `mark`, decoded (it must still be in the buffer). */
  textSince(mark: number): string {
    return this.buffer.toString('utf8', mark - this.handed, this.used);
  }

  /** Forgets everything written and not flushed, an open record too. */
  clear(): void {
    this.used = 0;
    this.open = -1;
  }

  flush(): void {
    if (this.open >= 0) throw new Error('flush inside a sized record');
    if (this.used === 0) return;
    this.flushTo(this.buffer.subarray(0, this.used));
    this.handed += this.used;
    if (!this.reuse) this.buffer = Buffer.allocUnsafe(SIZE);
    this.used = 0;
  }

  /**
   * Makes room for `n` more bytes: hands on what the buffer holds before the open sized
   * record (all of it when none is open), and takes a bigger buffer when they still do not fit.
   */
  private ensure(n: number): void {
    if (this.used + n <= this.buffer.length) return;
    const keep = this.open >= 0 ? this.open : this.used;
    const rest = this.used - keep;
    const old = this.buffer;
    if (keep > 0) {
      this.flushTo(old.subarray(0, keep));
      this.handed += keep;
    }
    const size = Math.max(SIZE, rest + n);
    // A kept buffer may be filled again only once handed on (`reuse`), and when big enough.
    this.buffer = keep > 0 && this.reuse && size <= old.length ? old : Buffer.allocUnsafe(size);
    if (rest > 0) old.copy(this.buffer, 0, keep, this.used);
    this.used = rest;
    if (this.open >= 0) this.open = 0;
  }

  /** Makes room for `n` more bytes, flushing when they do not fit; false when they never will (flushed). */
  private room(n: number): boolean {
    if (this.used + n <= SIZE) return true;
    this.flush();
    return n <= SIZE;
  }

  /** Hands on bytes too big for the buffer, after what it holds (flushed by `room`). */
  private hand(bytes: Buffer): void {
    this.flushTo(bytes);
    this.handed += bytes.length;
  }
}

/** A scratch writer for `bytesToText`, never flushed (it grows instead). */
let scratch: ByteWriter | undefined;

/** The text that `writeText` writes, decoded: a format's `render` from its byte writer. */
export function bytesToText(writeText: (out: ByteWriter) => void): string {
  const out = (scratch ??= new ByteWriter(() => undefined, true));
  // Inside a record: nothing is handed on (the buffer grows), and a format may rewind.
  out.clear();
  out.beginSized();
  const from = out.position;
  try {
    writeText(out);
    return out.textSince(from);
  } finally {
    out.clear();
  }
}
