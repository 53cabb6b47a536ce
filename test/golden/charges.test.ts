/**
 * Golden tests: every fixture in test/fixtures/charges/ against the `*.expected.json`
 * beside it. `UPDATE_GOLDEN=1` rewrites the expectations (review the diff!).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertGolden, check } from './check';
import { repoRoot } from './testCodeSet';

const dir = path.join(repoRoot, 'test', 'fixtures', 'charges');

describe('golden: charge fixtures', () => {
  for (const name of fs.readdirSync(dir).filter((n) => /\.(csv|tsv)$/.test(n)).sort()) {
    it(name, () => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      assertGolden(path.join(dir, name.replace(/\.(csv|tsv)$/, '.expected.json')), check(text));
    });
  }
});

describe('golden: safe fixes', () => {
  for (const name of fs.readdirSync(dir).filter((n) => /\.(csv|tsv)$/.test(n)).sort()) {
    it(`${name}: applying the safe fixes settles, and leaves no finding a safe fix could repair`, () => {
      let text = fs.readFileSync(path.join(dir, name), 'utf8');
      for (let pass = 0; pass < 4; pass++) {
        const next = check(text).fixed;
        if (next === undefined) return;
        text = next;
      }
      assert.fail(`${name}: safe fixes still change the text after 4 passes`);
    });
  }
});
