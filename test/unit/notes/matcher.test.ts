import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NoteVocabulary } from '../../../server/src/codeset/noteVocabulary';
import { expandPhrases, findMatches, noteWords, readWord, wordIndex } from '../../../server/src/service/notes/matcher';
import { getLanguageService } from '../../../server/src/service/languageService';
import { plainCodeSet } from '../../golden/testCodeSet';
import { codeSetWithKnowledge } from '../../support/knowledge';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('notes: the matcher reads clinical language', () => {
  const vocabulary = plainCodeSet().noteVocabulary?.() as NoteVocabulary;
  const says = (text: string, ...phrases: string[]): boolean => {
    const words = noteWords(text, vocabulary);
    return findMatches(expandPhrases(phrases, vocabulary), words, wordIndex(words)).length > 0;
  };

  it('loads the bundled vocabulary', () => {
    assert.ok(vocabulary.concepts.length >= 20);
    assert.ok(vocabulary.spellings.some(([from]) => from === 'anaesth'));
  });

  it('reads spellings, plurals and endings alike', () => {
    assert.equal(readWord('Anaesthesia', vocabulary.spellings), readWord('anesthesia', vocabulary.spellings));
    assert.equal(readWord('tumours', vocabulary.spellings), readWord('tumor', vocabulary.spellings));
    assert.equal(readWord('biopsies', vocabulary.spellings), readWord('biopsy', vocabulary.spellings));
    assert.equal(readWord('placed', vocabulary.spellings), readWord('placement', vocabulary.spellings));
  });

  it('matches hyphen, slash and space variants', () => {
    assert.ok(says('Two freeze/thaw cycles.', 'freeze-thaw'));
    assert.ok(says('Pre operative MRI reviewed.', 'preoperative imaging'));
  });

  it('matches concept phrases and abbreviations, capitals only for abbreviations', () => {
    assert.ok(says('Three cryoneedles were advanced.', 'probe placement', 'cryoprobe'));
    assert.ok(says('Under real-time sonography.', 'ultrasound guidance', 'under ultrasound'));
    assert.ok(says('US-guided access.', 'ultrasound guided'));
    assert.ok(!says('A video showed us guided breathing.', 'ultrasound guided'));
    assert.ok(says('EBL minimal.', 'estimated blood loss'));
    assert.ok(says('Anaesthesia: MAC.', 'monitored anesthesia care'));
  });

  it('reads numbers in words and gaps within a sentence, not across sentences', () => {
    assert.ok(says('We performed two 10-minute freezes, each followed by a thaw.', 'freeze-thaw'));
    assert.ok(says('Two lesions treated.', '# lesions'));
    assert.ok(!says('The probe froze. Later it began to thaw.', 'freeze thaw'));
  });

  it('anchors a ^ phrase at the start of a line or sentence: a label, not a word inside one', () => {
    assert.ok(says('Diagnosis: abscess.', '^diagnosis'));
    assert.ok(says('Pre-op: colic. Post-op: same.', '^post op'));
    assert.ok(!says('Preoperative diagnosis: abscess.', '^diagnosis'));
    assert.ok(!says('Preoperative dx: abscess.', '^diagnosis'), 'a concept variant stays anchored');
  });

  it('counts negated and "none" statements as documented', () => {
    assert.ok(says('There were no adverse events.', 'complications'));
    assert.ok(says('Specimens: none.', 'specimens'));
  });

  it('gives a complete 47383 note in ordinary language no missing element', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test/fixtures/notes/corpus/ir-cryoablation-liver-prose.complete.txt'), 'utf8');
    const findings = getLanguageService({ codeSet: codeSetWithKnowledge() }).validate(text, 'note');
    assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
  });
});
