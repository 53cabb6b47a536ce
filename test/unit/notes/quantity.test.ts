import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import { plainCodeSet } from '../../golden/testCodeSet';

describe('notes: quantity-out-of-range (the cited code\'s range against what the note measured)', () => {
  const service = getLanguageService({ codeSet: plainCodeSet() });
  const found = (text: string): { message: string; suggested?: unknown; fix?: string }[] =>
    service
      .validate(text, 'note')
      .filter((f) => f.ruleId === 'quantity-out-of-range')
      .map((f) => ({ message: f.message, suggested: f.data?.suggested, fix: f.fixes?.[0]?.edits[0]?.newText }));

  it('reads an excised diameter in mm, a defect length, an age and a time, and names the neighbour that fits', () => {
    assert.deepEqual(found('Procedure: excision of a basal cell carcinoma of the nose, excised diameter 14 mm (CPT 11641).\n'), [
      { message: 'The note documents an excised diameter of 1.4 cm (line 1); 11641 covers 0.6–1.0 cm; 11642 covers 1.1–2.0 cm.', suggested: '11642', fix: '11642' },
    ]);
    assert.equal(found('Procedure: umbilical hernia repair (CPT 49591). Findings: a 4 cm fascial defect, reducible.\n')[0]?.suggested, '49593');
    assert.equal(found('Procedure: tonsillectomy (CPT 42825) in this 15-year-old.\n')[0]?.suggested, '42826');
    assert.equal(
      found('Procedure: critical care (CPT 99291). Total critical care time 90 minutes.\n')[0]?.message,
      'The note documents a time of 90 minutes (line 1); 99291 covers 30–74 minutes, and the rest is reported with 99292, which the note does not cite.',
    );
    assert.deepEqual(found('Procedure: critical care (CPT 99291, 99292). Total critical care time 110 minutes.\n'), [], 'the add-on is cited');
    assert.equal(found('Psychotherapy (CPT 90834), 55 minutes of psychotherapy.\n')[0]?.suggested, '90837');
  });

  it('says nothing for a value in range, a bare measurement, or several different values', () => {
    assert.deepEqual(found('Procedure: excision of a cyst of the back, 2.5 cm with margins (CPT 11403).\n'), []);
    assert.deepEqual(found('Procedure: umbilical hernia repair (CPT 49591) through a 3 cm incision; a 15 x 15 cm mesh.\n'), []);
    assert.deepEqual(found('Laceration repair (CPT 12001): a 2 cm laceration of the arm and a 3 cm laceration of the leg.\n'), []);
    assert.deepEqual(found('Tonsillectomy (CPT 42826), age 15.\n'), []);
  });
});
