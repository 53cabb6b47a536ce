import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNote } from '../../../server/src/service/documents/note';
import { getLanguageService } from '../../../server/src/service/languageService';
import { codeSetWithKnowledge } from '../../support/knowledge';

const BAIT = path.resolve(__dirname, '../../../../test/fixtures/notes/bait');

describe('notes: false-positive bait (test/fixtures/notes/bait)', () => {
  const codeSet = codeSetWithKnowledge();
  const service = getLanguageService({ codeSet });
  const files = fs.readdirSync(BAIT).sort();

  it('has bait files', () => assert.ok(files.length >= 6));

  for (const file of files) {
    it(`${file}: no citations and no findings`, () => {
      const text = fs.readFileSync(path.join(BAIT, file), 'utf8');
      const citations = parseNote(text, codeSet).citations.map((c) => `line ${c.line + 1}: ${c.value} (${c.mark})`);
      assert.deepEqual(citations, []);
      assert.deepEqual(service.validate(text, 'note').map((f) => `${f.ruleId}: ${f.message}`), []);
    });
  }
});
