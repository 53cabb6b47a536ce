import * as assert from 'node:assert/strict';
import { applySafeFixes } from '../../../server/src/service/fixes';
import { documentKindOf, getLanguageService } from '../../../server/src/service/languageService';
import type { Finding } from '../../../server/src/service/types';
import { codeSetWithKnowledge } from '../../support/knowledge';

const COMPLETE = [
  '# Operative note',
  '',
  'Procedure code(s): CPT 47383',
  '',
  '## Procedure in detail',
  'Pre-operative imaging: MRI of 2025-02-11 showed two segment VI lesions.',
  'Under CT guidance two cryoprobes were placed into each of the 2 lesions.',
  'Two freeze-thaw cycles were performed. 2 lesions treated.',
  'Complications: none. Anesthesia: general. No tissue was obtained for pathology.',
  'Post-procedure CT showed complete ice-ball coverage.',
  '',
].join('\n');

describe('notes: documentation requirements (fixture record for 47383)', () => {
  // The record's elements alone: the operative-report elements have their own tests (operativeReport.test.ts).
  const service = getLanguageService({ codeSet: codeSetWithKnowledge(), settings: { rules: { 'operative-report-element': 'off' } } });
  const check = (text: string, kind: 'note' | 'note-template' = 'note'): readonly Finding[] => service.validate(text, kind);
  const elements = (findings: readonly Finding[], rule: string): unknown[] => findings.filter((f) => f.ruleId === rule).map((f) => f.data?.element);

  it('is quiet on a note that documents every element', () => {
    assert.deepEqual(check(COMPLETE).map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  it('reports each missing required element once, on the code citation, with a prompt-line fix', () => {
    const text = COMPLETE.replace('Two freeze-thaw cycles were performed. ', '').replace('Complications: none. ', '');
    const findings = check(text);
    assert.deepEqual(elements(findings, 'documentation-missing'), ['freeze-thaw-cycles', 'complications']);
    for (const f of findings) assert.equal(text.slice(f.start, f.end), '47383');
    const fix = findings[0].fixes?.[0];
    assert.ok(fix?.safe);
    const fixed = applySafeFixes(text, [findings[0]]);
    // At the end of the procedure section, as a labelled prompt.
    assert.match(fixed, /Post-procedure CT showed complete ice-ball coverage\.\nFreeze-thaw cycles: \*\*\*\n/);
    assert.deepEqual(elements(check(fixed), 'documentation-missing'), ['complications']);
  });

  it('flags "if applicable" elements softly, under their own rule', () => {
    const text = COMPLETE.replace('Anesthesia: general. No tissue was obtained for pathology.', '');
    const findings = check(text);
    assert.deepEqual(elements(findings, 'documentation-if-applicable'), ['pathology-report', 'anesthesia-record']);
    assert.ok(findings.every((f) => f.severity === 'information'));
  });

  it('matches synonyms with numbers, plurals, hyphen variants, and any case', () => {
    const text = 'CPT 47383\nUS-guided placement of 3 cryoprobes into three liver lesions; 2 FREEZE/THAW cycles.\nPre-procedure MRI reviewed. Complication: none. Sedation: moderate. Pathology: none. Follow-up imaging in 1 month.\n';
    assert.deepEqual(check(text).map((f) => `${f.ruleId} ${String(f.data?.element)}`), []);
  });

  it('counts a labelled blank as present but unfilled: reported in a finished note, expected in a template', () => {
    const text = COMPLETE.replace('Two freeze-thaw cycles were performed.', 'Freeze-thaw cycles: ***').replace('Complications: none.', 'Complications: {{complications}}');
    const finished = check(text);
    assert.deepEqual(elements(finished, 'documentation-missing'), []);
    const unfilled = finished.filter((f) => f.ruleId === 'unfilled-blank');
    assert.deepEqual(unfilled.map((f) => [text.slice(f.start, f.end), f.data?.element]), [['***', 'freeze-thaw-cycles'], ['{{complications}}', 'complications']]);
    assert.match(unfilled[0].message, /"Freeze-thaw cycles" is not filled in \(\*\*\*\); 47383 requires: Freeze-thaw cycles\./);
    assert.deepEqual(check(text, 'note-template'), []);
  });

  it('reports other blanks in a finished note by their label, and ignores Markdown rules and bold-italic', () => {
    const text = 'CPT 47383\n***\nDate of procedure: ___\n***bold italic*** and Surgeon: ***\n' + COMPLETE.split('\n').slice(4).join('\n');
    const unfilled = check(text).filter((f) => f.ruleId === 'unfilled-blank');
    assert.deepEqual(unfilled.map((f) => f.message.split('.')[0]), ['"Date of procedure" is not filled in (___)', '"Surgeon" is not filled in (***)']);
  });

  it('treats *.template.* files as templates, and a setting makes every note one', () => {
    assert.equal(documentKindOf('notes/cryo.template.md'), 'note-template');
    assert.equal(documentKindOf('notes/template-cryo.txt'), 'note-template');
    assert.equal(documentKindOf('notes/cryo_tmpl.md'), 'note-template');
    assert.equal(documentKindOf('notes/templates-are-fun/cryo.md'), 'note');
    assert.equal(documentKindOf('notes/contemplate.md'), 'note');
    const templating = getLanguageService({ codeSet: codeSetWithKnowledge(), noteTemplateMode: true });
    assert.deepEqual(templating.validate('CPT 47383\nDate: ***\n', 'note').filter((f) => f.ruleId === 'unfilled-blank'), []);
  });

  it('writes the prompt in bold when the note writes its labels in bold, at the end of the note without a procedure section', () => {
    const text = '**Procedure code(s):** CPT 47383\n\n**Imaging guidance:** CT\n';
    const finding = check(text).find((f) => f.data?.element === 'complications');
    assert.ok(finding);
    assert.equal(applySafeFixes(text, [finding]), '**Procedure code(s):** CPT 47383\n\n**Imaging guidance:** CT\n\n**Complications:** ***\n');
  });

  it('honours per-rule settings: off and a different severity', () => {
    const quiet = getLanguageService({
      codeSet: codeSetWithKnowledge(),
      settings: { rules: { 'documentation-if-applicable': 'off', 'documentation-missing': 'error', 'operative-report-element': 'off' } },
    });
    const findings = quiet.validate('Procedure: CPT 47383\n', 'note');
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.ruleId === 'documentation-missing' && f.severity === 'error'));
  });
});
