/**
 * code-selection: the note's facts against the facts that pick the cited member of its
 * family (the records' `selection` and entries' `facts`), on the bundled records.
 */
import * as assert from 'node:assert/strict';
import { parseKnowledgeFile } from '../../../server/src/codeset/knowledge/record';
import type { DataProblem } from '../../../server/src/codeset/compiled';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Finding } from '../../../server/src/service/types';
import { plainCodeSet } from '../../golden/testCodeSet';

const TAIL = '\nSurgeon: A. Example, MD. Anesthesia: general. EBL: minimal. Specimens: none. Complications: none. Disposition: PACU.\n';

function selection(text: string): Finding[] {
  return getLanguageService({ codeSet: plainCodeSet() })
    .validate(text + TAIL, 'note')
    .filter((f) => f.ruleId === 'code-selection');
}

describe('notes: code-selection (the note picks another member of the family)', () => {
  it('suggests 29880 for a 29881 note that treats both menisci, and says nothing when one was treated', () => {
    const both = selection('Procedure: CPT 29881-RT. Partial medial and lateral meniscectomy of the right knee.');
    assert.equal(both.length, 1);
    assert.equal(both[0].severity, 'warning');
    assert.equal(both[0].data?.suggested, '29880');
    assert.equal(both[0].fixes?.[0]?.safe, false);
    assert.equal(both[0].fixes?.[0]?.edits[0].newText, '29880');
    // Written apart, in two sentences.
    assert.equal(selection('Procedure: CPT 29881. The medial meniscus tear was debrided to a stable rim. The lateral meniscus was trimmed with a shaver.')[0]?.data?.suggested, '29880');
    assert.deepEqual(selection('Procedure: CPT 29881-RT. Partial medial meniscectomy. The lateral meniscus was intact.'), []);
    assert.deepEqual(selection('Procedure: CPT 29881-RT. The medial meniscus was trimmed. The lateral meniscus was probed and not debrided.'), []);
    // And the other way: 29880 for one meniscus.
    assert.equal(selection('Procedure: CPT 29880-LT. Partial lateral meniscectomy; the medial meniscus was normal.')[0]?.data?.suggested, '29881');
  });

  it('reads negation as its own value: "no cholangiogram", "no incarceration"', () => {
    assert.equal(selection('Procedure: laparoscopic cholecystectomy, CPT 47562. An intraoperative cholangiogram showed no filling defects.')[0]?.data?.suggested, '47563');
    assert.deepEqual(selection('Procedure: laparoscopic cholecystectomy, CPT 47562. No intraoperative cholangiogram was performed.'), []);
    assert.equal(selection('Procedure: laparoscopic cholecystectomy, CPT 47563. No cholangiogram was performed.')[0]?.data?.suggested, '47562');
    assert.deepEqual(selection('Procedure: open right inguinal hernia repair, CPT 49505. Findings: indirect hernia, no incarceration.'), []);
    assert.equal(selection('Procedure: open right inguinal hernia repair, CPT 49505. Findings: incarcerated omentum in an indirect sac.')[0]?.data?.suggested, '49507');
  });

  it('keeps the cited code\'s other facts: age group, size, approach', () => {
    // Recurrent, reducible, open inguinal: 49520 (not the femoral or laparoscopic recurrent codes).
    assert.equal(selection('Procedure: CPT 49505. Repair of a recurrent right inguinal hernia, reducible.')[0]?.data?.suggested, '49520');
    assert.equal(selection('Procedure: laparoscopic TEP, CPT 49650. Recurrent left inguinal hernia.')[0]?.data?.suggested, '49651');
    // Incarcerated, same defect size: 49594, not 49592 or 49596.
    assert.equal(selection('Procedure: ventral hernia repair, CPT 49593. The incarcerated omentum was reduced.')[0]?.data?.suggested, '49594');
    // Tonsils and adenoids under 12: 42820 (the age group of 42825), not 42821.
    assert.equal(selection('Procedure: CPT 42825. Tonsillectomy and adenoidectomy by coblation.')[0]?.data?.suggested, '42820');
  });

  it('reads approach, rupture, complexity and a labour after cesarean in four more families', () => {
    assert.equal(selection('Procedure: appendectomy, CPT 44950. Laparoscopic appendectomy; three trocars were placed.')[0]?.data?.suggested, '44970');
    assert.equal(selection('Procedure: appendectomy, CPT 44950. Through a McBurney incision; perforated appendicitis with generalized peritonitis.')[0]?.data?.suggested, '44960');
    assert.deepEqual(selection('Procedure: CPT 44970. Laparoscopic appendectomy; acute appendicitis without perforation.'), []);
    // Converted to open: open wins over the laparoscopic words.
    assert.equal(selection('Procedure: CPT 44970. Laparoscopic appendectomy was converted to open for dense adhesions; no perforation.')[0]?.data?.suggested, '44950');
    assert.equal(selection('Procedure: CPT 64721-RT. Single portal endoscopic carpal tunnel release.')[0]?.data?.suggested, '29848');
    assert.equal(selection('Procedure: CPT 66984-LT. Phacoemulsification; a Malyugin ring was used for the small pupil.')[0]?.data?.suggested, '66982');
    assert.deepEqual(selection('Procedure: CPT 66984-LT. Phacoemulsification; no Malyugin ring was needed.'), []);
    assert.equal(selection('Procedure: CPT 59510. Repeat cesarean for arrest of dilation after a trial of labor after a previous cesarean.')[0]?.data?.suggested, '59618');
    assert.equal(selection('Procedure: CPT 59620. Elective repeat cesarean at 39 weeks.')[0]?.data?.suggested, '59514');
    assert.deepEqual(selection('Procedure: CPT 59510. Prior cesarean; counselled about VBAC and declined a trial of labor.'), []);
  });

  it('is information, without a fix, when the note does not pick one member', () => {
    const [f] = selection('Procedure: open left inguinal hernia repair, CPT 49520. No prior repair.');
    assert.equal(f?.severity, 'information');
    assert.deepEqual(f?.fixes, []);
    assert.deepEqual(f?.data?.candidates, ['49491', '49495', '49500', '49505']);
  });

  it('leaves alone two values nothing settles, both sides, and a member already cited', () => {
    assert.deepEqual(selection('Procedure: CPT 49505. Reducible hernia; at the neck it was incarcerated.'), []);
    assert.deepEqual(selection('Procedure: CPT 29881-RT and CPT 29881-LT. Right knee medial meniscectomy; left knee lateral meniscectomy.'), []);
    assert.deepEqual(selection('Procedure: CPT 29881, CPT 29880. Medial and lateral meniscectomy.'), []);
  });

  it('rejects a record whose entry names a fact or value the selection does not have', () => {
    const record = (facts: string): string =>
      `{ "schema": 2, "family": "Test", "codes": ["29880-29881"], "summary": "s", "description": "d", "documentation": [],
         "selection": [{ "id": "meniscectomy", "label": "m", "values": [{ "id": "one", "label": "one", "phrases": ["x"] }, { "id": "both", "label": "both", "over": ["one"] }] }],
         "entries": { "29881": { "distinguishing": "one", "facts": ${facts} } } }`;
    const problems: DataProblem[] = [];
    assert.equal(parseKnowledgeFile(record('{ "meniscectomy": "one" }'), 't.json', 'test', problems)[0].selection[0].values[1].over[0], 'one');
    assert.equal(problems.length, 0);
    assert.equal(parseKnowledgeFile(record('{ "meniscectomy": "three" }'), 't.json', 'test', problems).length, 0);
    assert.match(problems[0].message, /"three" is not a value of the fact "meniscectomy"/);
    assert.equal(parseKnowledgeFile(record('{ "compartments": "one" }'), 't.json', 'test', problems).length, 0);
    assert.match(problems[1].message, /"compartments" is not a fact of the record's "selection"/);
  });
});
