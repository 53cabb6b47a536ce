import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import { bundledCodeSet, withCursor } from '../../support/codeSet';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi\n';

describe('completion', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });
  const complete = (marked: string, kind: 'charges' | 'note' = 'charges') => {
    const { text, offset } = withCursor(marked);
    return { text, offset, list: service.complete(text, offset, kind) };
  };
  const labels = (marked: string, kind: 'charges' | 'note' = 'charges') => complete(marked, kind).list.items.map((i) => i.label);

  it('offers 47383 first or second for the words "cryo liv" in a code cell, replacing the words', () => {
    const { text, list } = complete(`${HEADER}CLM1,PT1,2025-10-14,cryo liv|,,1,22,C22.0,1234567893\n`);
    const index = list.items.findIndex((i) => i.label === '47383');
    assert.ok(index === 0 || index === 1, `47383 at ${index}: ${list.items.slice(0, 5).map((i) => i.label).join(' ')}`);
    assert.equal(list.isIncomplete, true);
    const item = list.items[index];
    assert.equal(text.slice(item.edit.start, item.edit.end), 'cryo liv');
    assert.match(item.detail, /cryoablation/i);
    // Our order, not the editor's: sortText follows the ranking.
    const sorted = [...list.items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.deepEqual(sorted, list.items);
    assert.ok(item.filterText.startsWith('cryo liv'), 'the typed words stay in the filter text');
  });

  it('in a note, opens after "CPT " with the procedure the line names, and after "(" only when the words name one', () => {
    assert.equal(labels('Procedure: Percutaneous cryoablation of liver tumor (CPT |', 'note')[0], '47383');
    assert.equal(labels('Procedure: laparoscopic cholecystectomy (|', 'note')[0], '47562');
    const after = complete('Procedure: laparoscopic cholecystectomy (|', 'note');
    assert.equal(after.list.items[0].edit.start, after.offset, 'inserted at the cursor, nothing replaced');
    assert.deepEqual(labels('The patient was seen (|', 'note'), [], 'a parenthesis in prose opens nothing');
    assert.deepEqual(labels('We discussed the options (|', 'note'), []);
    assert.deepEqual(labels('Seen today. CPT |', 'note'), [], 'no procedure words on the line: nothing to offer yet');
  });

  it('ranks code-prefix matches before word matches and caps the list at 50', () => {
    const { list } = complete(`${HEADER}CLM1,PT1,2025-10-14,473|,,1,22,C22.0,1\n`);
    assert.ok(list.items.length <= 50 && list.items.length > 0);
    assert.ok(list.items.every((i) => i.label.startsWith('473')), list.items.map((i) => i.label).join(' '));
    assert.equal(list.items[0].edit.newText, list.items[0].label);
  });

  it('offers after "CPT" in a note, by words', () => {
    const found = labels('Procedure: CPT cryo liv|');
    const notes = labels('Procedure: CPT cryo liv|', 'note');
    assert.deepEqual(found, [], 'a note is not a table: the charge context does not apply');
    assert.ok(notes.slice(0, 2).includes('47383'), notes.slice(0, 5).join(' '));
    assert.deepEqual(labels('the patient was cryo liv|', 'note'), []);
  });

  it('after "47383-" offers no 50, 62 or 80 (fee schedule: BILAT 0, CO 0, ASST 1), but 51, 22 and 59', () => {
    for (const marked of [`${HEADER}CLM1,PT1,2025-10-14,47383-|,,1,22,C22.0,1\n`, 'Billed CPT 47383-|']) {
      const offered = labels(marked, marked.startsWith('claim') ? 'charges' : 'note');
      for (const never of ['50', '62', '80', '81', '82', 'AS', '26', 'TC', '25', '57']) assert.ok(!offered.includes(never), `${never} offered: ${offered.join(' ')}`);
      for (const allowed of ['22', '51', '59']) assert.ok(offered.includes(allowed), `${allowed} missing: ${offered.join(' ')}`);
    }
  });

  it('in the modifiers column offers the allowed modifiers of the line code, by prefix, without those already there', () => {
    const offered = labels(`${HEADER}CLM1,PT1,2025-10-14,47383,22 5|,1,22,C22.0,1\n`);
    assert.ok(offered.includes('51') && offered.includes('59'), offered.join(' '));
    assert.ok(offered.every((m) => m.startsWith('5')));
    const all = labels(`${HEADER}CLM1,PT1,2025-10-14,47383,22 |,1,22,C22.0,1\n`);
    assert.ok(!all.includes('22'), 'already on the line');
  });

  it('offers billable ICD-10-CM codes in a diagnosis cell, with the dot', () => {
    const { text, list } = complete(`${HEADER}CLM1,PT1,2025-10-14,47383,,1,22,C22|,1\n`);
    assert.ok(list.items.length > 0);
    assert.ok(list.items.some((i) => i.label === 'C22.0'), list.items.map((i) => i.label).join(' '));
    assert.ok(!list.items.some((i) => i.label === 'C22'), 'C22 is a header code');
    assert.equal(text.slice(list.items[0].edit.start, list.items[0].edit.end), 'C22');
  });

  it('offers places of service in a POS cell', () => {
    const offered = labels(`${HEADER}CLM1,PT1,2025-10-14,47383,,1,2|,C22.0,1\n`);
    assert.ok(offered.includes('22') && offered.includes('24'), offered.join(' '));
  });

  it('offers nothing on the header or in a patient cell', () => {
    assert.deepEqual(labels(`claim_id,patient_id,dos,cp|t\n`), []);
    assert.deepEqual(labels(`${HEADER}CLM1,PT|1,2025-10-14,47383\n`), []);
  });

  it('resolves the documentation of a procedure lazily, with the fee-schedule facts', () => {
    const doc = service.resolveCompletion({ kind: 'procedure', code: '47383' });
    assert.match(doc ?? '', /^\*\*47383\*\*/);
  });

  it('after an edit, completes from the header and the edited line alone, with ranges in the new text', () => {
    const before = `${HEADER}CLM1,PT1,2025-10-14,47383,,1,22,C22.0,1\nCLM2,PT2,2025-10-15,99213,,1,11,E11.9,1\n`;
    service.validate(before, 'charges', 'edited');
    const after = before.replace('CLM2,PT2,2025-10-15,99213,', 'CLM2,PT2,2025-10-15,cryo liv,');
    const offset = after.indexOf('cryo liv') + 'cryo liv'.length;
    const list = service.complete(after, offset, 'charges', 'edited');
    const item = list.items.find((i) => i.label === '47383');
    assert.ok(item && list.items.indexOf(item) <= 1);
    assert.equal(after.slice(item.edit.start, item.edit.end), 'cryo liv');
    const modifiers = service.complete(after.replace(',cryo liv,', ',47383-,'), after.indexOf('cryo liv') + 6, 'charges', 'edited');
    assert.ok(modifiers.items.some((i) => i.label === '51') && !modifiers.items.some((i) => i.label === '50'));
    service.forget('edited');
  });

  describe('modifiers by the code\'s body site (codeset/anatomy.ts)', () => {
    const after = (code: string, typed = '') => labels(`${HEADER}CLM1,PT1,2025-10-14,${code}-${typed}|,,1,22,M17.11,1\n`);
    const ANATOMIC_NOT_SIDE = /^(?:E[1-4]|F[A1-9]|T[A1-9]|LC|LD|LM|RC|RI)$/;

    it('puts LT and RT first on a knee arthroscopy and hides coronary, finger, toe and eyelid modifiers', () => {
      const offered = after('29881');
      assert.deepEqual(offered.slice(0, 2), ['LT', 'RT'], offered.slice(0, 6).join(' '));
      assert.deepEqual(offered.filter((m) => ANATOMIC_NOT_SIDE.test(m)), []);
      assert.ok(!after('29881', 'L').includes('LC'), 'LC hidden even when "L" is typed');
      assert.ok(after('29881', 'L').includes('LT'));
    });

    it('offers finger modifiers on a hand code, toe modifiers on a foot code, eyelid ones on an eyelid code, coronary ones on a PCI', () => {
      const hand = after('26055');
      assert.ok(['FA', 'F1', 'F9'].every((m) => hand.includes(m)), hand.join(' '));
      assert.ok(!hand.some((m) => /^(?:E[1-4]|LC|RC)$/.test(m)), hand.join(' '));
      const foot = after('28285');
      assert.ok(['TA', 'T1', 'T9'].every((m) => foot.includes(m)) && !foot.includes('F1'), foot.join(' '));
      const eyelid = after('67820');
      assert.ok(['E1', 'E2', 'E3', 'E4'].every((m) => eyelid.includes(m)) && !eyelid.includes('T1'), eyelid.join(' '));
      const pci = after('92928');
      assert.deepEqual(pci.filter((m) => ANATOMIC_NOT_SIDE.test(m)), ['LC', 'LD', 'LM', 'RC', 'RI']);
      assert.ok(pci.indexOf('LC') < pci.indexOf('59'), 'the artery before the distinct-service modifiers');
    });

    it('keeps kinds the site leaves open out of the first list, and offers them once a prefix is typed', () => {
      assert.ok(!after('20610').includes('F1'), 'a joint injection may be on a finger, but the list does not open with F1');
      assert.ok(after('20610', 'F').includes('F1'));
      assert.ok(!after('20610', 'E').includes('E1'), 'no eyelid on a joint injection');
    });

    it('hides modifiers that cannot apply: anatomic ones and 63 on a visit; 27, 73 and 74 on a professional claim', () => {
      const visit = after('99213');
      assert.deepEqual(visit.filter((m) => ANATOMIC_NOT_SIDE.test(m) || m === '63'), []);
      assert.ok(visit.includes('25'));
      assert.ok(!after('99213', '2').includes('27'), 'no revenue-code column: a professional claim, where 27 does not apply');
      assert.ok(!after('29881', '7').includes('73') && !after('29881', '7').includes('74'), 'physicians report 52/53');
      // A facility export (a revenue-code column): 27 on its E/M lines, 73/74 on its procedures.
      const facility = (code: string, typed: string) => labels(`HAR,Svc Date,Proc Code,Mod 1,Rev Code,Dx 1\n7001,10/14/2025,${code}-${typed}|,,0510,M17.11\n`);
      assert.ok(facility('99213', '2').includes('27'), facility('99213', '2').join(' '));
      assert.ok(!facility('29881', '2').includes('27'));
      assert.ok(facility('29881', '7').includes('73'), facility('29881', '7').join(' '));
    });
  });
});
