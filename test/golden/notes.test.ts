/**
 * Golden tests of notes: every fixture in test/fixtures/notes/golden/ against the
 * `*.expected.json` beside it, in the charge fixtures' format (findings with
 * line:column ranges, the text they cover, data and fixes, and the text after the safe
 * fixes). `UPDATE_GOLDEN=1` rewrites the expectations (review the diff!).
 *
 * Fixtures are checked as the CLI and editor check them: the bundled data with its
 * shipped knowledge records, and `*.template.*` names in template mode. A fixture
 * whose text has `<!-- fixture-codeset: synthetic-knowledge ... -->` uses the test
 * records of test/fixtures/notes/ instead (a SYNTHETIC record for count-units).
 *
 * Meta: every note rule has a docs page in the rules' template and a `<id>.bad` fixture
 * that triggers it and a `<id>.good` one that does not.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentKindOf, getLanguageService } from '../../server/src/service/languageService';
import { ALL_NOTE_RULES } from '../../server/src/service/notes';
import type { Finding } from '../../server/src/service/types';
import { codeSetWithKnowledge } from '../support/knowledge';
import { GoldenResult, assertGolden, assertRuleDoc, renderGolden } from './check';
import { plainCodeSet, repoRoot } from './testCodeSet';

const dir = path.join(repoRoot, 'test', 'fixtures', 'notes', 'golden');
const FIXTURE = /\.(md|txt)$/;

function noteFindings(name: string, text: string): readonly Finding[] {
  const codeSet = /<!-- fixture-codeset: synthetic-knowledge\b/.test(text) ? codeSetWithKnowledge() : plainCodeSet();
  return getLanguageService({ codeSet }).validate(text, documentKindOf(name));
}

function checkNoteFixture(name: string, text: string): GoldenResult {
  return renderGolden(text, noteFindings(name, text));
}

describe('golden: note fixtures', () => {
  for (const name of fs.readdirSync(dir).filter((n) => FIXTURE.test(n)).sort()) {
    it(name, () => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const actual = checkNoteFixture(name, text);
      assertGolden(path.join(dir, name.replace(FIXTURE, '.expected.json')), actual);
    });
  }
});

describe('meta: every note rule is documented and has fixtures', () => {
  for (const rule of ALL_NOTE_RULES) {
    describe(rule.id, () => {
      it('has a docs page in the template', () => assertRuleDoc(rule.id));
      for (const kind of ['bad', 'good']) {
        it(`is ${kind === 'bad' ? '' : 'not '}triggered by its .${kind} fixture`, () => {
          const name = fs.readdirSync(dir).find((n) => n.startsWith(`${rule.id}.${kind}.`) && FIXTURE.test(n));
          assert.ok(name, `missing ${rule.id}.${kind}.md`);
          const found = noteFindings(name, fs.readFileSync(path.join(dir, name), 'utf8')).filter((f) => f.ruleId === rule.id);
          if (kind === 'bad') assert.ok(found.length > 0, `${name} does not trigger ${rule.id}`);
          else assert.deepEqual(found.map((f) => f.message), [], `${name} triggers ${rule.id}`);
        });
      }
    });
  }
});
