import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import { syntheticNcciCodeSet } from '../../golden/testCodeSet';
import { bundledCodeSet, withCursor } from '../../support/codeSet';

describe('hover', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });
  const hover = (marked: string) => {
    const { text, offset } = withCursor(marked);
    return service.hover(text, offset);
  };

  it('shows the encoder facts of 47383 from the fee schedule', () => {
    const result = hover('CPT 473|83');
    assert.ok(result);
    const text = result.contents;
    assert.match(text, /^\*\*47383\*\* Perq abltj lvr cryoablation/);
    assert.match(text, /Status:\*\* A — active code/);
    assert.match(text, /Global period:\*\* 010 — 10-day global/);
    // 169.07 x 32.3465 = 5468.82; 13.39 x 32.3465 = 433.12
    assert.match(text, /non-facility 169\.07 RVU = \$5,468\.82/);
    assert.match(text, /facility 13\.39 RVU = \$433\.12/);
    assert.match(text, /Assistant at surgery \(80\/81\/82\/AS\): not payable \(statutory restriction\) \(1\)/);
    assert.match(text, /Co-surgeons \(62\): not permitted \(0\)/);
    assert.match(text, /Multiple procedures \(51\): standard multiple-procedure reduction/);
    assert.match(text, /PC\/TC \(26\/TC\): physician service: modifiers 26 and TC cannot be used \(0\)/);
    assert.equal(result.start, 4);
    assert.equal(result.end, 9);
  });

  it('finds the code when written with modifiers', () => {
    for (const marked of ['4|7383-22-51', '47383|-22', 'x,"4738|3-22",1']) {
      const result = hover(marked);
      assert.ok(result, marked);
      assert.match(result.contents, /^\*\*47383\*\*/, marked);
    }
  });

  it('describes an attached modifier when the cursor is on it', () => {
    for (const marked of ['47383-2|2', '47383-51-2|2']) {
      const result = hover(marked);
      assert.ok(result, marked);
      assert.match(result.contents, /^\*\*Modifier 22\*\*/, marked);
    }
  });

  it('shows the 26 component values when the code carries -26', () => {
    const result = hover('7104|5-26');
    assert.ok(result);
    assert.match(result.contents, /RVUs with -26:\*\* non-facility 0\.26 RVU/);
  });

  it('works inside a CSV cell and for HCPCS Level II codes in any case', () => {
    assert.match(hover('cpt,units\nj11|00,1')?.contents ?? '', /^\*\*J1100\*\*/);
  });

  it('says nothing for non-codes and unknown codes', () => {
    assert.equal(hover('Phone 555-12|345'), undefined);
    assert.equal(hover('code 999|99'), undefined);
    assert.equal(hover('word|s'), undefined);
    assert.equal(hover('|'), undefined);
  });

  it('answers the same from the kept model of an open charge file, also after an edit', () => {
    const { text, offset } = withCursor('claim_id,dos,cpt,units\nC1,2025-10-14,473|83,1\nC1,2025-10-14,76940,1\n');
    service.validate(text, 'charges', 'file:///kept.csv');
    assert.equal(service.hover(text, offset, 'file:///kept.csv', 'charges')?.contents, service.hover(text, offset)?.contents);
    const edited = text.replace('76940', '71045');
    service.validate(edited, 'charges', 'file:///kept.csv');
    const at = edited.indexOf('71045') + 2;
    assert.match(service.hover(edited, at, 'file:///kept.csv', 'charges')?.contents ?? '', /^\*\*71045\*\*/);
    service.forget('file:///kept.csv');
  });

  it('on a finding, explains it with the data row it rests on, after the code facts', () => {
    const ncci = getLanguageService({ codeSet: syntheticNcciCodeSet() });
    const text = 'claim_id,patient_id,dos,cpt,modifiers,units\nC1,P1,2025-10-14,47383,,1\nC1,P1,2025-10-14,76940,,1\n';
    ncci.validate(text, 'charges', 'file:///ptp.csv');
    const result = ncci.hover(text, text.indexOf('76940') + 2, 'file:///ptp.csv', 'charges');
    assert.ok(result);
    assert.match(result.contents, /^\*\*76940\*\* /);
    assert.match(result.contents, /\n---\n\n\*\*ncci-ptp\*\* \(error\): Claim \S+: NCCI PTP edit: 76940 \(column 2\)/);
    assert.match(result.contents, /_Rests on:_ column 1 47383 · column 2 76940 · effective 2020-01-01 · deleted — · modifier indicator 1/);
    // Notes and hints are not repeated in the hover.
    assert.doesNotMatch(result.contents, /status-not-payable/);
    // A document that was never checked under a key: only the code facts.
    assert.match(ncci.hover(text, text.indexOf('76940') + 2)?.contents ?? '', /^\*\*76940\*\*/);
    ncci.forget('file:///ptp.csv');
  });

  it('on a finding away from any code (units), the hover is the finding alone', () => {
    const text = 'claim_id,dos,cpt,units\nC1,2025-10-14,47383,0\n';
    service.validate(text, 'charges', 'file:///units.csv');
    const result = service.hover(text, text.lastIndexOf('0'), 'file:///units.csv', 'charges');
    assert.ok(result);
    assert.match(result.contents, /^\*\*units\*\* \(error\)/);
    assert.equal(text.slice(result.start, result.end), '0');
    service.forget('file:///units.csv');
  });
});

describe('hover: payment of the line on its claim', () => {
  const text = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1\nC1,P1,2025-10-14,27447,RT,1,21,M17.11\nC1,P1,2025-10-14,20610,LT,1,21,M17.12\nC2,P2,2025-10-14,71046,,1,22,R05.9\n';
  const hoverOf = (code: string, locality?: string): string =>
    getLanguageService({ codeSet: bundledCodeSet(), settings: locality ? { locality } : {} }).hover(text, text.indexOf(code) + 1, 'k', 'charges')?.contents ?? '';

  it('shows the amount after the multiple-procedure reduction, national or in the locality', () => {
    const row = bundledCodeSet().procedure('20610')?.row;
    assert.ok(row);
    const national = Math.round(row.rvu.totalFacility * row.conversionFactor * 0.5 * 100) / 100;
    assert.match(hoverOf('20610'), new RegExp(`\\*\\*Payment on this claim:\\*\\* \\$${national.toFixed(2).replace('.', '\\.')} national \\(facility; multiple procedure 50%\\)`));
    const gpci = bundledCodeSet().paymentLocality?.('01182', '18');
    assert.ok(gpci);
    const local = Math.round((row.rvu.work * gpci.work + row.rvu.peFacility * gpci.practiceExpense + row.rvu.malpractice * gpci.malpractice) * row.conversionFactor * 0.5 * 100) / 100;
    assert.match(hoverOf('20610', '01182-18'), new RegExp(`\\$${local.toFixed(2).replace('.', '\\.')} locality 01182-18 LOS ANGELES`));
  });

  it('gives no dollar figure for a setting marked NA, and says what is priced instead', () => {
    const contents = hoverOf('71046');
    assert.match(contents, /facility NA: not priced in this setting/);
    assert.match(contents, /Payment on this claim:\*\* not priced: .*71046-26/);
  });
});
