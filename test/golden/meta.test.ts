/**
 * Meta: every charge rule (rules/index.ts, generated) has a docs page docs/rules/<id>.md in the fixed
 * template, a fixture that triggers it (`<id>.bad.csv`) and one that does not
 * (`<id>.good.csv`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/service/rules';
import { assertRuleDoc, findingsOf } from './check';
import { repoRoot } from './testCodeSet';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'charges');

describe('meta: every rule is documented and has fixtures', () => {
  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      it('has a docs page in the template', () => assertRuleDoc(rule.id));
      it('is triggered by its .bad fixture', () => {
        const file = path.join(fixtures, `${rule.id}.bad.csv`);
        assert.ok(fs.existsSync(file), `missing ${file}`);
        const found = findingsOf(fs.readFileSync(file, 'utf8')).filter((f) => f.ruleId === rule.id);
        assert.ok(found.length > 0, `${rule.id}.bad.csv does not trigger ${rule.id}`);
      });
      it('is not triggered by its .good fixture', () => {
        const file = path.join(fixtures, `${rule.id}.good.csv`);
        assert.ok(fs.existsSync(file), `missing ${file}`);
        const found = findingsOf(fs.readFileSync(file, 'utf8')).filter((f) => f.ruleId === rule.id);
        assert.deepEqual(found.map((f) => f.message), [], `${rule.id}.good.csv triggers ${rule.id}`);
      });
    });
  }
});
