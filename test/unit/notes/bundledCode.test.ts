/**
 * bundled-code: codes cited together in one note where one is part of the other, from the
 * family records' bundling facts and, when imported, the NCCI PTP pairs (SYNTHETIC here).
 */
import * as assert from 'node:assert/strict';
import type { CodeSet } from '../../../server/src/codeset/types';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Finding } from '../../../server/src/service/types';
import { plainCodeSet, syntheticNcciCodeSet } from '../../golden/testCodeSet';

function bundled(text: string, codeSet: CodeSet = plainCodeSet()): Finding[] {
  return getLanguageService({ codeSet })
    .validate(text, 'note')
    .filter((f) => f.ruleId === 'bundled-code');
}

describe('notes: bundled-code (one cited code included in another)', () => {
  it('names the record fact and its basis, once per included code', () => {
    const found = bundled('Procedure codes: CPT 29881-RT, CPT 29877-RT, CPT 29870-RT\nKnee arthroscopy with medial meniscectomy and chondroplasty.\n');
    assert.deepEqual(found.map((f) => [f.data?.code, f.data?.with, f.severity]), [['29877', '29881', 'information'], ['29870', '29881', 'information']]);
    assert.match(found[0].message, /Chondroplasty .* Basis: CMS descriptors of 29880\/29881 .*NCCI Policy Manual, chapter IV/);
    // The included code on its own, or the including code alone: nothing.
    assert.deepEqual(bundled('Procedure code: CPT 29881-RT\nMedial meniscectomy; chondroplasty of the medial femoral condyle.\n'), []);
    assert.deepEqual(bundled('Procedure codes: CPT 29877-RT, CPT 29888-RT\nACL reconstruction and chondroplasty.\n'), []);
  });

  it('is information when the note marks the included code as distinct (another knee, XS)', () => {
    const [f] = bundled('Procedure codes: CPT 29881-RT, CPT 29877-LT\nRight knee medial meniscectomy; left knee chondroplasty.\n');
    assert.equal(f?.severity, 'information');
    assert.match(f?.message ?? '', /marks 29877 as distinct \(RT against LT\)/);
  });

  it('reports the imported NCCI pairs among cited codes, with their modifier indicator', () => {
    const ncci = syntheticNcciCodeSet();
    const zero = bundled('Procedure codes: CPT 20611, CPT 20610\nKnee injection under ultrasound guidance.\n', ncci);
    assert.equal(zero.length, 1);
    assert.match(zero[0].message, /20610 is cited with 20611.*Modifier indicator 0: no modifier bypasses it/);
    assert.equal(bundled('Procedure codes: CPT 27447-RT, CPT 20610-LT\nRight total knee; left knee injection.\n', ncci).length, 0, 'an indicator-1 edit bypassed by different sides');
    assert.equal(bundled('Procedure codes: CPT 27447-RT, CPT 20610\nRight total knee arthroplasty.\n', ncci)[0]?.data?.basis, 'NCCI PTP edit');
    // Indicator 9 (not an edit) in the imported tables: the record's fact stays, as information.
    const nine = bundled('Procedure codes: CPT 29881-RT, CPT 29870-RT\nKnee arthroscopy.\n', ncci);
    assert.deepEqual(nine.map((f) => [f.data?.code, f.severity, f.data?.ncciIndicator]), [['29870', 'information', '9']]);
  });
});
