import * as assert from 'node:assert/strict';
import { parseNote } from '../../../server/src/service/documents/note';
import { bundledCodeSet } from '../../support/codeSet';

/** `value[-mod...] (mark)` for each citation, in order. */
function cited(text: string): string[] {
  return parseNote(text, bundledCodeSet()).citations.map(
    (c) => `${[c.value, ...c.modifiers.map((m) => m.value)].join('-')}${c.units ? ` x${c.units.text}` : ''} (${c.mark})`,
  );
}

describe('notes: finding cited codes', () => {
  it('takes codes marked with CPT or HCPCS, with attached modifiers', () => {
    assert.deepEqual(cited('Billed as CPT 47383 today.'), ['47383 (label)']);
    assert.deepEqual(cited('CPT: 47383-22'), ['47383-22 (label)']);
    assert.deepEqual(cited('Drug: HCPCS J1100 x2'), ['J1100 x2 (label)']);
    assert.deepEqual(cited('CPT® code 47383-22-51 and 76940-26 were reported.'), ['47383-22-51 (label)', '76940-26 (label)']);
    assert.deepEqual(cited('CPT codes: 47383, 76940'), ['47383 (codes-line)', '76940 (codes-line)']);
    assert.deepEqual(cited('cpt #47383 with modifier 22'), ['47383-22 (label)']);
    assert.deepEqual(cited('**CPT:** 45378'), ['45378 (label)']);
    assert.deepEqual(cited('__CPT:__ 64721-RT'), ['64721-RT (label)']);
  });

  it('takes every code on a procedure-codes line and in the list under it', () => {
    assert.deepEqual(cited('**Procedure code(s):** 47383-22 cryoablation; 76940 US guidance'), ['47383-22 (codes-line)', '76940 (codes-line)']);
    assert.deepEqual(cited('Procedure codes:\n- 47383 Cryoablation\n- 99999 typo\n\nText 12345.'), ['47383 (codes-line)', '99999 (codes-line)']);
  });

  it('takes a parenthesised code after a procedure name, not after other words', () => {
    assert.deepEqual(cited('Percutaneous cryoablation of liver tumor (47383).'), ['47383 (parenthesis)']);
    assert.deepEqual(cited('Ultrasound guidance (76940-26, 76942)'), ['76940-26 (parenthesis)', '76942 (parenthesis)']);
    assert.deepEqual(cited('Patient Jane Doe (47383) arrived.'), []);
    assert.deepEqual(cited('MRN (47383)'), []);
  });

  it('takes codes from a Markdown table column headed like a code column, with modifier and units columns', () => {
    const table = '| Procedure | CPT | Mod | Units |\n|---|---|---|---|\n| Cryoablation | 47383 | 22 | 1 |\n| Guidance | 99999 | | |\n';
    assert.deepEqual(cited(table), ['47383-22 x1 (table)', '99999 (table)']);
    assert.deepEqual(cited('| Date | Room |\n|---|---|\n| 01/02/2025 | 47383 |\n'), []);
    // A column headed just "Code" counts only when it holds a known procedure code (else: lab or internal codes).
    assert.deepEqual(cited('| Procedure | Code |\n|---|---|\n| Cryo | 47383 |\n| Typo | 99999 |\n'), ['47383 (table)', '99999 (table)']);
    assert.deepEqual(cited('| Test | Code |\n|---|---|\n| Sodium | 10231 |\n| Potassium | 10232 |\n'), []);
  });

  it('takes known codes, and only known codes, from lines shaped like code lists', () => {
    assert.deepEqual(cited('- 47383 Cryoablation, liver\n- 99999 Unknown thing\n'), ['47383 (code-list)']);
    assert.deepEqual(cited('47383, 76940-26, 77013\n'), ['47383 (code-list)', '76940-26 (code-list)', '77013 (code-list)']);
    assert.deepEqual(cited('47383 - Percutaneous cryoablation\n'), ['47383 (code-list)']);
  });

  it('leaves numbers in ordinary sentences alone, even when they are real codes', () => {
    for (const text of [
      'She walked 47383 steps.',
      'The 47383 patients in the registry were reviewed.',
      '47383 is also the pager number.',
      'Room 20610 was used.',
      'J1100 was mentioned without a mark.',
    ]) assert.deepEqual(cited(text), [], text);
  });

  it('never takes dates, times, phones, ZIP codes, MRNs or measurements, even after a mark', () => {
    for (const text of [
      'MRN: 47383',
      'Acct #99213',
      'Boston, MA 02115',
      'Boston, MA 02115-1234',
      'Phone 555-12345',
      'CPT 47383.5',
      'Procedure codes: 12345 mL infused',
      '- 10000 units heparin',
      '- 12345 mL total',
      'Date 03/14/2025 12:30',
      'Specimen #36415',
      'Total $47383.00',
      'CPT 2025 guidelines',
      'Procedure codes: see MRN 47383',
    ]) assert.deepEqual(cited(text), [], text);
  });

  it('gives exact offsets for codes and modifiers', () => {
    const text = 'x\nCPT 47383-22 done';
    const [citation] = parseNote(text, bundledCodeSet()).citations;
    assert.equal(text.slice(citation.code.start, citation.code.end), '47383');
    assert.equal(text.slice(citation.modifiers[0].start, citation.modifiers[0].end), '22');
    assert.equal(citation.line, 1);
  });
});

describe('notes: HTML comments', () => {
  it('are not part of the note: no citations, side words or documentation in them, same offsets', () => {
    const text = '<!-- CPT 99999, bilateral -->\nCPT 47383\n';
    const note = parseNote(text, bundledCodeSet());
    assert.equal(note.visible.length, text.length);
    assert.deepEqual(note.citations.map((c) => [c.value, c.code.start]), [['47383', 34]]);
  });
});
