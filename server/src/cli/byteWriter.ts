/**
 * Text encoded straight into a buffer and handed on about a megabyte at a time. The CLI's
 * output of a big export is gigabytes of findings: a system call per line, and strings
 * joined before they are encoded, were seconds of the check and most of its garbage.
 */
const SIZE = 2 ** 20;

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(SIZE);
  private used = 0;

  /**
   * `flushTo` gets each full buffer; with `reuse` the same buffer is filled again after it
   * returns (a synchronous file write), else a new one is taken (a stream may keep it).
   */
  constructor(
    private readonly flushTo: (bytes: Buffer) => void,
    private readonly reuse = false,
  ) {}

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > SIZE) {
      this.flush();
      if (text.length * 3 > SIZE) {
        this.flushTo(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  flush(): void {
    if (this.used === 0) return;
    this.flushTo(this.buffer.subarray(0, this.used));
    if (!this.reuse) this.buffer = Buffer.allocUnsafe(SIZE);
    this.used = 0;
  }
}
