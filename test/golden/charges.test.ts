/**
 * Golden tests: every fixture in test/fixtures/charges/ against its inline marks
 * (`# expect: rule-id` above each line that has findings: see inlineExpect.ts) and the
 * `*.expected.json` beside it (messages, ranges, data, fixes). `UPDATE_GOLDEN=1` rewrites
 * the expectation files, never the marks (review the diff!).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertGolden, check, findingsOf } from './check';
import { inlineMismatches } from './inlineExpect';
import { repoRoot } from './testCodeSet';

const dir = path.join(repoRoot, 'test', 'fixtures', 'charges');

describe('golden: charge fixtures', () => {
  for (const name of fs.readdirSync(dir).filter((n) => /\.(csv|tsv)$/.test(n)).sort()) {
    it(name, () => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      assert.deepEqual(inlineMismatches(text, findingsOf(text)), [], `${name}: the # expect: marks and the findings differ`);
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
