/**
 * cli/byteWriter.ts encodes text itself (`text`, `json`, `decimal`) and keeps an open sized
 * record in its buffer until its length is known: the bytes must be those of Buffer.from and
 * JSON.stringify, across the buffer's flushes, for records bigger than the buffer, and after
 * a rewind.
 */
import * as assert from 'node:assert/strict';
import { ByteWriter, bytesToText } from '../../server/src/cli/byteWriter';

/** A writer and everything it handed on. */
function writer(reuse: boolean): { out: ByteWriter; bytes: () => Buffer } {
  const parts: Buffer[] = [];
  // A reused buffer is filled again after the call: what was handed on is copied.
  const out = new ByteWriter((b) => parts.push(Buffer.from(b)), reuse);
  return {
    out,
    bytes: () => {
      out.flush();
      return Buffer.concat(parts);
    },
  };
}

const awkward = [
  '',
  'plain',
  'quote " back \\ slash / tab \t nl \n cr \r ff \f bs \b nul \u0000 us \u001f del \u007f',
  'lone high \ud800 then text, lone low \udc00, high at the end \udbff',
  '\udfff\ud800',
  'pair \ud83d\ude00 and a real replacement character \ufffd',
  'é ü ß \u00a0 \u07ff \u0800 \u2028 \u2029 \uffff 中文',
  `long and plain: ${'abc '.repeat(40)}`,
  `long with a quote at the end: ${'abc '.repeat(40)}"`,
  `long beyond ASCII: ${'é'.repeat(50)}`,
  `long with a lone surrogate: ${'x'.repeat(50)}\ud801`,
];

describe('ByteWriter: text encoded in JavaScript', () => {
  it("`text` gives Buffer.from's UTF-8 bytes, lone surrogates as U+FFFD", () => {
    for (const s of awkward) assert.deepEqual(bytesOf((out) => out.text(s)), Buffer.from(s, 'utf8'), JSON.stringify(s));
  });

  it("`json` gives JSON.stringify's bytes", () => {
    for (const s of awkward) assert.equal(bytesToText((out) => out.json(s)), JSON.stringify(s), JSON.stringify(s));
    for (let c = 0; c < 0x10000; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      assert.equal(bytesToText((out) => out.json(s)), JSON.stringify(s), `U+${c.toString(16)}`);
    }
  });

  it('`decimal` gives String of a number', () => {
    for (const n of [0, -0, 1, 9, 10, 99, 100, 12345, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -1, 1.5, 1e21, 1e-7]) assert.equal(bytesToText((out) => out.decimal(n)), String(n));
  });

  for (const reuse of [false, true]) {
    it(`keeps a sized record whole across flushes and past the buffer's size (reuse ${reuse})`, () => {
      const { out, bytes } = writer(reuse);
      const expected: Buffer[] = [];
      const sized = (s: string): Buffer => {
        const b = Buffer.from(s, 'utf8');
        const length = Buffer.alloc(4);
        length.writeUInt32LE(b.length);
        return Buffer.concat([length, b]);
      };
      // Records of every size around the buffer's end, and one of 3 MB (the buffer is 1 MB).
      for (const size of [1000, 2 ** 20 - 3000, 50, 7, 2 ** 19, 3 * 2 ** 20, 10, 2 ** 20, 0]) {
        const s = `${'é'.repeat(size % 5)}${'x'.repeat(size)}`;
        out.beginSized();
        out.text(s.slice(0, 1));
        const mark = out.position;
        out.text('thrown away');
        out.rewind(mark);
        out.text(s.slice(1));
        out.endSized();
        out.writeByte(7);
        expected.push(sized(s), Buffer.from([7]));
      }
      assert.ok(bytes().equals(Buffer.concat(expected)));
    });
  }

  it('refuses a rewind outside the open record', () => {
    const { out } = writer(true);
    out.text('before');
    const mark = out.position;
    assert.throws(() => out.rewind(mark));
    out.beginSized();
    assert.throws(() => out.rewind(mark));
    assert.throws(() => out.flush());
  });
});

function bytesOf(write: (out: ByteWriter) => void): Buffer {
  const { out, bytes } = writer(false);
  write(out);
  return bytes();
}
