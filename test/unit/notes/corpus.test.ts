/**
 * The note corpus (test/fixtures/notes/corpus/): notes written by the team in several
 * specialties and styles (dictated prose, templated headings, `***` blanks, bullets),
 * each with the findings a coder expects on its first line (`<!-- expect: none -->` or
 * `<!-- expect: rule:element, ... -->`). Complete notes get no "missing" finding; notes
 * with gaps get exactly the expected ones. Checked with the bundled data and knowledge
 * records, as the CLI checks them; `node scripts/measure-notes.mjs` prints the numbers.
 * When a new knowledge record makes a complete note fail, teach the record (synonyms) or
 * data/note-language.json (concepts) the words the note uses, not the note.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentKindOf, getLanguageService } from '../../../server/src/service/languageService';
import { plainCodeSet } from '../../golden/testCodeSet';

const CORPUS = path.resolve(__dirname, '../../../../test/fixtures/notes/corpus');
const MISSING_RULES = new Set(['documentation-missing', 'documentation-if-applicable', 'operative-report-element', 'modifier-justification']);
const SPECIALTIES = /^(gs|ortho|gi|uro|ent|eye|derm|pain|cardio|ir|ob|neuro|plastics|podiatry|gyn|bariatric|ed|psych|wound)-/;

describe('notes: the corpus (complete notes: no "missing" finding; notes with gaps: exactly the expected ones)', () => {
  const service = getLanguageService({ codeSet: plainCodeSet() });
  const files = fs.readdirSync(CORPUS).filter((f) => /\.(md|txt)$/.test(f)).sort();

  it('has at least 40 notes in several specialties and styles, complete and with gaps', () => {
    assert.ok(files.length >= 40, `${files.length} notes`);
    assert.ok(new Set(files.map((f) => SPECIALTIES.exec(f)?.[1])).size >= 10);
    assert.ok(files.filter((f) => f.includes('.complete.')).length >= 20);
    assert.ok(files.filter((f) => f.includes('.gaps.')).length >= 15);
    assert.ok(files.some((f) => f.includes('.template.')), 'a template');
    assert.ok(files.some((f) => f.endsWith('.txt')) && files.some((f) => f.endsWith('.md')));
  });

  for (const file of files) {
    it(file, () => {
      const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const mark = /^<!--\s*expect:\s*(.*?)\s*-->/.exec(text);
      assert.ok(mark, 'the first line says what is expected');
      const expected = mark[1] === 'none' ? [] : mark[1].split(/\s*,\s*/);
      assert.equal(expected.length === 0, file.includes('.complete.'), 'complete notes expect none; notes with gaps expect some');
      const found = service
        .validate(text, documentKindOf(file))
        .filter((f) => MISSING_RULES.has(f.ruleId))
        .map((f) => `${f.ruleId}:${String(f.ruleId === 'modifier-justification' ? f.data?.modifier : f.data?.element)}`);
      assert.deepEqual(found.sort(), [...expected].sort());
    });
  }

  it('complete notes: no code-selection or bundled-code warning (no false alarm on a note that codes what it describes)', () => {
    const alarms = files
      .filter((f) => f.includes('.complete.'))
      .flatMap((file) =>
        service
          .validate(fs.readFileSync(path.join(CORPUS, file), 'utf8'), documentKindOf(file))
          .filter((f) => (f.ruleId === 'code-selection' || f.ruleId === 'bundled-code') && f.severity !== 'information')
          .map((f) => `${file}: ${f.message}`),
      );
    assert.deepEqual(alarms, []);
  });
});
