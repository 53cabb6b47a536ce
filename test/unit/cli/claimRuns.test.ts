/**
 * The streaming check cuts a part into runs of whole claims (cli/streamCheck.ts claimRuns):
 * random parts, grouped by claim or not, with runs of every size. A claim on both sides of a
 * cut would be checked as two claims, and the streamed output would differ from the whole-file
 * check; held here directly, and end to end by test/cli/streamCheck.test.ts.
 */
import * as assert from 'node:assert/strict';
import type { RowPiece } from '../../../server/src/csv/rowSplitter';
import { claimRuns } from '../../../server/src/cli/streamCheck';

let seed = 5;
const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

function part(rows: number, grouped: boolean): { pieces: RowPiece[]; claims: number[] } {
  const claims: number[] = [];
  for (let claim = 0; claims.length < rows; claim++) {
    for (let n = 1 + Math.floor(random() * 5); n > 0 && claims.length < rows; n--) claims.push(grouped ? claim : Math.floor(random() * rows));
  }
  const pieces = claims.map((_, i) => ({ text: 'x'.repeat(5 + Math.floor(random() * 60)), start: i * 100, line: i, rowAt: 0 }));
  return { pieces, claims };
}

describe('claimRuns (the runs a streamed part is checked in)', () => {
  it('cuts only where no claim has rows on both sides, and each run but the last reaches the size', () => {
    for (let t = 0; t < 300; t++) {
      const { pieces, claims } = part(1 + Math.floor(random() * 120), random() < 0.6);
      const chars = 1 + Math.floor(random() * 800);
      const runs = claimRuns(pieces, claims, chars);
      let at = 0;
      const runOf = new Map<number, number>();
      runs.forEach(([from, to], r) => {
        assert.equal(from, at, 'runs follow one another');
        assert.ok(to > from, 'no empty run');
        at = to;
        for (let i = from; i < to; i++) {
          assert.equal(runOf.get(claims[i]) ?? r, r, `claim ${claims[i]} is in one run`);
          runOf.set(claims[i], r);
        }
        const size = pieces.slice(from, to).reduce((n, p) => n + p.text.length, 0);
        if (r < runs.length - 1) assert.ok(size >= chars, 'a run before the last holds at least the size');
        // The run ends at the first place it could: one row fewer would cut a claim or be too small.
        const shorter = to - 1;
        if (shorter > from && r < runs.length - 1) {
          const cut = claims.slice(from, shorter).some((c) => claims.slice(shorter).includes(c));
          assert.ok(cut || size - pieces[shorter].text.length < chars, 'the run is no longer than it must be');
        }
      });
      assert.equal(at, pieces.length, 'the runs cover the part');
    }
  });

  it('cuts a part grouped by claim into runs of about the size', () => {
    const { pieces, claims } = part(2000, true);
    const runs = claimRuns(pieces, claims, 1000);
    assert.ok(runs.length > 20, `${runs.length} runs`);
  });
});
