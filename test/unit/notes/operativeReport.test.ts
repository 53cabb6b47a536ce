import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import { COLUMN_ROLES } from '../../../server/src/service/documents/columns';
import { RULE_IDS } from '../../../server/src/service/registry';
import type { CheckSettings } from '../../../server/src/service/settings';
import { validateSettings } from '../../../server/src/service/settings';
import { plainCodeSet } from '../../golden/testCodeSet';

const HERNIA = [
  'Procedure code(s): CPT 49505',
  'Surgeon: J. Rivera, MD. Assistant: none.',
  'Pre-operative diagnosis: right inguinal hernia. Post-operative diagnosis: same, indirect.',
  '',
  'Procedure in detail:',
  'Under general anesthesia a right groin incision was made and the indirect sac was reduced;',
  'the floor was repaired with polypropylene mesh.',
  'Findings: indirect hernia, no incarceration. EBL: 10 mL. Specimens: none.',
  'Complications: none. Disposition: to PACU in stable condition.',
  '',
].join('\n');

describe('notes: operative-report elements', () => {
  const missing = (text: string, settings: CheckSettings = {}, kind: 'note' | 'note-template' = 'note'): string[] =>
    getLanguageService({ codeSet: plainCodeSet(), settings })
      .validate(text, kind)
      .filter((f) => f.ruleId === 'operative-report-element')
      .map((f) => String(f.data?.element));

  it('loads the element list, with a basis for each', () => {
    const elements = plainCodeSet().noteVocabulary?.().operativeReport ?? [];
    assert.deepEqual(elements.map((e) => e.id), ['surgeon', 'procedure-performed', 'preoperative-diagnosis', 'postoperative-diagnosis', 'anesthesia', 'technique', 'findings', 'estimated-blood-loss', 'specimens', 'complications', 'implants', 'disposition']);
    for (const e of elements) assert.match(e.basis, /CFR|Joint Commission|medical-staff/i, e.id);
  });

  it('is quiet on a complete report, and names each element a note leaves out', () => {
    assert.deepEqual(missing(HERNIA), []);
    const gaps = HERNIA.replace('EBL: 10 mL. ', '').replace('Disposition: to PACU in stable condition.', '');
    assert.deepEqual(missing(gaps), ['estimated-blood-loss', 'disposition']);
  });

  it('reads "none" statements and section bodies', () => {
    const text = HERNIA.replace('Findings: indirect hernia, no incarceration. EBL: 10 mL. Specimens: none.', 'FINDINGS\nIndirect hernia.\n\nSPECIMENS\nNone.\nEBL minimal.');
    assert.deepEqual(missing(text), []);
    // A heading with nothing under it documents nothing.
    const empty = HERNIA.replace('Findings: indirect hernia, no incarceration. EBL: 10 mL. Specimens: none.', 'EBL minimal. Specimens: none.') + 'FINDINGS\n\n';
    assert.deepEqual(missing(empty), ['findings']);
  });

  it('counts "none" and negated statements as documented, and "not recorded" as missing (issue 12)', () => {
    const line = 'Findings: indirect hernia, no incarceration. EBL: 10 mL. Specimens: none.\nComplications: none.';
    const swap = (text: string): string => HERNIA.replace(`${line}`, text);
    assert.deepEqual(missing(swap('Findings: indirect hernia. Blood loss negligible. No specimens were sent.\nThere were no intraoperative problems.')), []);
    assert.deepEqual(missing(swap('Findings: indirect hernia. EBL: none. Path: none.\nNo adverse events.')), []);
    assert.deepEqual(missing(swap('Findings: indirect hernia. EBL: not recorded. Specimens: none.\nComplications: unknown.')), ['estimated-blood-loss', 'complications']);
    const finding = getLanguageService({ codeSet: plainCodeSet() })
      .validate(swap('Findings: indirect hernia. Specimens: none. Complications: none.\nBlood loss was not documented.'), 'note')
      .find((f) => f.ruleId === 'operative-report-element');
    assert.match(finding?.message ?? '', /The note says "Blood loss was not documented" \(line 9\): not recorded is not documented/);
  });

  it('holds a 000 code to the procedure-note core, and a note without codes but a procedure section to the whole list', () => {
    assert.deepEqual(missing('Procedure code(s): CPT 20610\nPerformed by: R. Okafor, MD. Indication: knee osteoarthritis.\nProcedure: the right knee was injected by palpation of landmarks with 40 mg triamcinolone. No complications.\n'), []);
    assert.deepEqual(missing('Surgeon: R. Okafor, MD\n\nPROCEDURE IN DETAIL\nThe abscess was incised and drained under local anesthesia.\n'), ['preoperative-diagnosis', 'postoperative-diagnosis', 'findings', 'estimated-blood-loss', 'specimens', 'complications', 'disposition']);
    assert.deepEqual(missing('PROCEDURE NOTE\nA progress note with no procedure section.\n'), []);
  });

  it('checks a note titled as an operative report whatever its code\'s global period (a cesarean delivery is MMM)', () => {
    const text = 'Surgeon: G. Whitaker, MD. Preoperative diagnosis: arrest of dilation. Postoperative diagnosis: same.\nAnesthesia: epidural. Findings: viable infant. Quantitative blood loss: 780 mL. Specimens: placenta, not sent.\nProcedure details: a Pfannenstiel incision was made and the infant delivered. Mother to recovery in stable condition.\n';
    assert.deepEqual(missing(`OPERATIVE REPORT\nProcedure: primary cesarean delivery (CPT 59510)\n${text}`), ['complications']);
    assert.deepEqual(missing(`Delivery summary\nProcedure: primary cesarean delivery (CPT 59510)\n${text}`), []);
  });

  it('holds a 000 code to the whole list when the note is titled as an operative report', () => {
    const text = 'Surgeon: G. Patel, MD. Indication: bladder mass. Anesthesia: general.\nTechnique: the tumor was resected with a loop. Complications: none.\n';
    assert.deepEqual(missing(`Cystoscopy note\nCPT 52235\n${text}`), []);
    assert.deepEqual(missing(`Operative report: cystoscopy\nCPT 52235\n${text}`), ['postoperative-diagnosis', 'findings', 'estimated-blood-loss', 'specimens', 'disposition']);
  });

  it('leaves alone a note that cites a surgical code but is not a procedure note', () => {
    assert.deepEqual(missing('Follow-up visit\nSurgical history: laparoscopic cholecystectomy (CPT 47562), 2019.\nAssessment: doing well. Plan: return in a year.\n'), []);
    assert.ok(missing('Surgical history: laparoscopic cholecystectomy (CPT 47562), 2019.\nThe abdomen was prepped and draped.\n').length > 0);
  });

  it('skips elements and adds an organisation\'s own from the settings, validated', () => {
    assert.deepEqual(missing(HERNIA.replace('Disposition: to PACU in stable condition.', ''), { operativeReport: { skip: ['disposition'] } }), []);
    const own = { operativeReport: { elements: [{ id: 'wound-class', label: 'Wound classification', synonyms: ['wound class', 'clean contaminated'] }] } };
    assert.deepEqual(missing(HERNIA, own), ['wound-class']);
    assert.deepEqual(missing(HERNIA + 'Wound class: clean.\n', own), []);
    const checked = validateSettings({ operativeReport: { skip: 'disposition', elements: [{ id: 'Bad Id' }] } } as never, RULE_IDS, COLUMN_ROLES);
    assert.equal(checked.problems.length, 2, checked.problems.join('\n'));
  });

  it('leaves an element a cited code\'s record checks to that record', () => {
    const text = 'Procedure code(s): CPT 47383\nSurgeon: A. Lee, MD. Preoperative diagnosis: HCC. Postoperative diagnosis: same.\nTechnique: two cryoprobes were placed under CT guidance. Findings: lesion covered. EBL minimal. Patient to recovery in stable condition.\n';
    const found = missing(text);
    assert.ok(!found.includes('complications') && !found.includes('specimens') && !found.includes('anesthesia'), found.join());
  });

  it('reports in template mode what a template does not ask for, not its blanks', () => {
    const template = HERNIA.replace('EBL: 10 mL.', 'EBL: ***').replace('Disposition: to PACU in stable condition.', '');
    assert.deepEqual(missing(template, {}, 'note-template'), ['disposition']);
  });
});

describe('notes: modifier justification', () => {
  const found = (text: string): string[] =>
    getLanguageService({ codeSet: plainCodeSet() }).validate(text, 'note').filter((f) => f.ruleId === 'modifier-justification').map((f) => `${String(f.data?.code)}-${String(f.data?.modifier)}`);

  it('asks why for 22, and takes time, difficulty or findings as the reason', () => {
    assert.deepEqual(found('CPT 47562-22\nLaparoscopic cholecystectomy.\n'), ['47562-22']);
    assert.deepEqual(found('CPT 47562-22\nDense adhesions took an additional 75 minutes to divide.\n'), []);
    assert.deepEqual(found('CPT 47562-22\nBMI 52; the operation was technically difficult.\n'), []);
  });

  it('asks 59 and the X modifiers for the separate site, session or practitioner', () => {
    assert.deepEqual(found('CPT 11102, 11104-59\nBiopsies of the back.\n'), ['11104-59']);
    assert.deepEqual(found('CPT 11102, 11104-XS\nA punch biopsy of a separate lesion on the left forearm.\n'), []);
    assert.deepEqual(found('CPT 11102, 11104-XE\nA punch biopsy of a separate lesion on the left forearm.\n'), ['11104-XE']);
    assert.deepEqual(found('CPT 11102, 11104-XE\nA second session later the same day.\n'), []);
  });
});
