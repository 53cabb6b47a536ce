import * as assert from 'node:assert/strict';
import { doHover } from '../../../server/src/service/features/hover';
import { bundled } from './support';

/** Hover at the `|` in the text. */
function hover(textWithCursor: string): string | undefined {
  const offset = textWithCursor.indexOf('|');
  return doHover(textWithCursor.replace('|', ''), offset, bundled().codeSet)?.contents;
}

const CSV_HEADER = 'claim_id,dos,cpt,modifiers,units,pos,dx1\n';

describe('hover over every kind of code', () => {
  it('renders 47383 with fee-schedule facts and its knowledge record', () => {
    const text = hover('Performed 4738|3 today.') ?? '';
    assert.match(text, /^\*\*47383\*\* Perq abltj lvr cryoablation/);
    assert.match(text, /Global period:\*\* 010/);
    assert.match(text, /In plain words:\*\* Freezing one or more liver tumors/);
    assert.match(text, /Documentation to look for/);
    assert.match(text, /Anesthesia record, if anesthesia was used _\(when applicable\)_/);
    assert.match(text, /\*\*BETOS\*\* P1G Major procedure - other/);
    assert.match(text, /Places of service:\*\* 21 Inpatient Hospital, 22 On Campus Outpatient Hospital, 24 Ambulatory Surgical Center/);
    assert.match(text, /PC\/TC \(26\/TC\): physician service: modifiers 26 and TC cannot be used \(0\)/);
  });

  it('says which anatomic modifiers the code\'s body site takes and rules out, with the range it rests on', () => {
    assert.match(hover('CPT 2988|1') ?? '', /- Anatomic modifiers: fit LT\/RT; do not fit fingers \(FA, F1-F9\), toes \(TA, T1-T9\), eyelids \(E1-E4\), coronary arteries \(LC, LD, LM, RC, RI\) — knee arthroscopy, CPT 29866-29889/);
    assert.match(hover('CPT 9292|8') ?? '', /- Anatomic modifiers: fit coronary arteries/);
    assert.doesNotMatch(hover('CPT 0140|2') ?? 'x', /Anatomic modifiers/, 'anesthesia codes are not in the table');
  });

  it('shows HCPCS Level II facts, including a code outside the fee schedule', () => {
    const j = hover('J110|0') ?? '';
    assert.match(j, /^\*\*J1100\*\* Injection, dexamethasone sodium phosphate, 1 mg/);
    assert.match(j, /HCPCS Level II \(HCPC2025_JAN\)/);
    assert.match(j, /BETOS O1E/);
    const description = hover('A2|030') ?? '';
    assert.match(description, /long-description-only/);
  });

  it('dates the answer by the charge line\'s date of service', () => {
    const text = hover(`${CSV_HEADER}C1,2025-01-02,C755|8,,1,22,C22.0\n`) ?? '';
    assert.match(text, /Not valid on 2025-01-02:\*\* the code was terminated; its last valid day was 2024-12-31/);
  });

  it('shows modifiers: attached in text, and in a modifier column', () => {
    assert.match(hover('47383-2|2') ?? '', /^\*\*Modifier 22\*\* Increased procedural services/);
    const xs = hover(`${CSV_HEADER}C1,2014-06-01,47383,X|S,1,22,C22.0\n`) ?? '';
    assert.match(xs, /Modifier XS/);
    assert.match(xs, /Not valid on 2014-06-01:\*\* the modifier was added on 2015-01-01/);
    assert.match(xs, /NCCI-associated:\*\* yes/);
  });

  it('shows ICD-10-CM codes with their billable flag', () => {
    assert.match(hover('Dx E11|.9 noted') ?? '', /^\*\*E11.9\*\* Type 2 diabetes mellitus without complications\n\n\*\*Billable:\*\* yes/);
    assert.match(hover(`${CSV_HEADER}C1,2025-10-14,47383,,1,22,C2|2\n`) ?? '', /\*\*C22\*\*.*\n\n\*\*Billable:\*\* no/);
  });

  it('shows places of service in a POS column and after "POS"', () => {
    assert.match(hover(`${CSV_HEADER}C1,2025-10-14,47383,,1,2|2,C22.0\n`) ?? '', /^\*\*POS 22\*\* On Campus Outpatient Hospital\n\nFacility setting/);
    assert.match(hover('Seen at POS 1|1.') ?? '', /^\*\*POS 11\*\* Office/);
    assert.equal(hover('about 1|1 people'), undefined);
  });
});
