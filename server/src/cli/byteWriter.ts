/**
 * Text encoded straight into a buffer and handed on about a megabyte at a time. The CLI's
 * output of a big export is gigabytes of findings: a system call per line, and strings
 * joined before they are encoded, were seconds of the check and most of its garbage.
 * Besides text it writes the parts of streamCheck.ts's findings records: numbers, and texts
 * preceded by their length in bytes, so a reader can copy a text without decoding it.
 */
const SIZE = 2 ** 20;

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(SIZE);
  private used = 0;
  private handed = 0;

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
    if (!this.room(text.length * 3)) {
      this.hand(Buffer.from(text, 'utf8'));
      return;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** `bytes[start, end)`, copied. */
  writeBytes(bytes: Buffer, start: number, end: number): void {
    if (!this.room(end - start)) {
      // A copy: the caller may fill `bytes` again, and a stream may keep what it is given.
      this.hand(Buffer.from(bytes.subarray(start, end)));
      return;
    }
    this.used += bytes.copy(this.buffer, this.used, start, end);
  }

  /** A text as UTF-8 after its length in bytes (a 32-bit unsigned integer, little-endian). */
  writeSized(text: string): void {
    if (!this.room(4 + text.length * 3)) {
      const bytes = Buffer.from(text, 'utf8');
      this.writeUInt32(bytes.length);
      this.hand(bytes);
      return;
    }
    const length = this.buffer.write(text, this.used + 4, 'utf8');
    this.buffer.writeUInt32LE(length, this.used);
    this.used += 4 + length;
  }

  /** A 64-bit float, little-endian (offsets of files of any size). */
  writeNumber(n: number): void {
    this.room(8);
    this.used = this.buffer.writeDoubleLE(n, this.used);
  }

  writeUInt32(n: number): void {
    this.room(4);
    this.used = this.buffer.writeUInt32LE(n, this.used);
  }

  writeByte(n: number): void {
    this.room(1);
    this.used = this.buffer.writeUInt8(n, this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    this.flushTo(this.buffer.subarray(0, this.used));
    this.handed += this.used;
    if (!this.reuse) this.buffer = Buffer.allocUnsafe(SIZE);
    this.used = 0;
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
