/**
 * The streaming row splitter cuts text where parseCsv does, whatever the chunk sizes: random
 * tables with quotes (doubled, with line breaks, unclosed, text after the closing quote),
 * CRLF, lone CR, blank lines, comment lines and a BOM, pushed in random pieces.
 */
import * as assert from 'node:assert/strict';
import { parseCsv } from '../../../server/src/csv/csv';
import { RowPiece, RowSplitter, countLineBreaks } from '../../../server/src/csv/rowSplitter';

let seed = 11;
const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

function table(): string {
  const cells = ['a', 'B1', '', ' x ', '"q"', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r\nlf"', '"x"y', '#h'];
  const breaks = ['\n', '\r\n', '\r'];
  let text = random() < 0.3 ? '\ufeff' : '';
  const rows = 2 + Math.floor(random() * 12);
  for (let r = 0; r < rows; r++) {
    const roll = random();
    if (roll < 0.1) text += '# cpt-lens-disable-next-line' + pick(breaks);
    else if (roll < 0.15) text += pick(breaks);
    const width = 1 + Math.floor(random() * 4);
    text += Array.from({ length: width }, () => pick(cells)).join(',');
    if (r < rows - 1 || random() < 0.5) text += pick(breaks);
  }
  if (random() < 0.1) text += '"unclosed,' + pick(breaks) + 'z';
  return text;
}

function split(text: string): RowPiece[] {
  const pieces: RowPiece[] = [];
  const splitter = new RowSplitter(',', (p) => pieces.push(p));
  for (let pos = 0; pos < text.length; ) {
    const n = 1 + Math.floor(random() * 7);
    splitter.push(text.slice(pos, pos + n), false);
    pos += n;
  }
  splitter.push('', true);
  return pieces;
}

describe('RowSplitter', () => {
  it('cuts rows where parseCsv does, at any chunk size', () => {
    for (let i = 0; i < 2000; i++) {
      const text = table();
      const rows = parseCsv(text, ',', { comments: true }).rows;
      const pieces = split(text).filter((p) => p.rowAt >= 0);
      const where = `case ${i}: ${JSON.stringify(text)}`;
      assert.deepEqual(pieces.map((p) => [p.start + p.rowAt, p.start + p.text.length]), rows.map((r) => [r.start, r.end]), where);
      for (const p of pieces) {
        assert.equal(text.slice(p.start, p.start + p.text.length), p.text, where);
        assert.equal(p.line, countLineBreaks(text, 0, p.start), where);
      }
    }
  });
});
