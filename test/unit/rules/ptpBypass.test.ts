/**
 * lineFacts/ptpBypass.ts: an NCCI-associated modifier bypasses an indicator-1 edit only where
 * it applies (NCCI Policy Manual ch. I, E). Pairs of real codes; no NCCI data is needed.
 */
import * as assert from 'node:assert/strict';
import { parseChargeFile } from '../../../server/src/service/documents/chargeFile';
import { isLaboratory, ptpBypass } from '../../../server/src/service/lineFacts/ptpBypass';
import { bundledCodeSet } from '../../support/codeSet';

/** The outcome for column-1 `a` and column-2 `b`, each "CODE mod mod". */
function bypass(a: string, b: string): ReturnType<typeof ptpBypass> {
  const row = (s: string): string => {
    const [code, ...mods] = s.split(' ');
    return `C,P,2025-10-14,${code},${mods.join(' ')},1,11`;
  };
  const file = parseChargeFile(`claim_id,patient_id,dos,cpt,modifiers,units,pos\n${row(a)}\n${row(b)}\n`);
  return ptpBypass(file.lines[0], file.lines[1], bundledCodeSet());
}

describe('NCCI PTP bypass (ptpBypass)', () => {
  it('59 and the X modifiers bypass on either line', () => {
    for (const m of ['59', 'XE', 'XS', 'XP', 'XU']) {
      assert.equal(bypass('73630', `73620 ${m}`).by, m);
      assert.equal(bypass(`73630 ${m}`, '73620').by, m);
    }
  });

  it('anatomic modifiers bypass only for different sites of one kind', () => {
    for (const [a, b] of [['RT', 'LT'], ['F1', 'F2'], ['RT F1', 'RT F2']]) {
      assert.equal(bypass(`26010 ${a}`, `26011 ${b}`).bypassed, true, `${a} / ${b}`);
    }
    // Each kind on codes of its own site: toes on the foot, eyelids, coronary arteries.
    assert.equal(bypass('28285 TA', '28286 T1').bypassed, true);
    assert.equal(bypass('67820 E1', '67825 E3').bypassed, true);
    assert.equal(bypass('92928 LC', '92920 RC').bypassed, true);
    for (const [a, b] of [['RT', 'RT'], ['F2', 'F2'], ['RT', 'RT F2'], ['', 'LT'], ['LT', '']]) {
      const got = bypass(`26010 ${a}`.trim(), `26011 ${b}`.trim());
      assert.equal(got.bypassed, false, `${a} / ${b}`);
      assert.equal(got.notApplicable.length, 1, `${a} / ${b} says why`);
    }
  });

  it('an anatomic modifier that names a site the code is not performed on shows no distinct site', () => {
    const knee = bypass('29880 RC', '29881 LC');
    assert.equal(knee.bypassed, false);
    assert.ok(knee.notApplicable.some((w) => /^LC on 29881: it names a coronary artery/.test(w)), JSON.stringify(knee.notApplicable));
    assert.equal(bypass('73630 F1', '73620 F2').bypassed, false, 'fingers on foot x-rays');
    assert.equal(bypass('73630 T1', '73620 T2').bypassed, true, 'toes on foot x-rays');
  });

  it('25 bypasses on an E/M visit only; 57 only with a 090 procedure', () => {
    assert.equal(bypass('20610', '99213 25').by, '25');
    assert.equal(bypass('20610 25', '99213').bypassed, false);
    assert.equal(bypass('27447', '99223 57').by, '57');
    assert.equal(bypass('20610', '99213 57').bypassed, false);
  });

  it('58, 78 and 79 bypass on a procedure when the other code has a global period', () => {
    assert.equal(bypass('27447', '20610 79').by, '79');
    assert.equal(bypass('27447', '20610 58').by, '58');
    assert.equal(bypass('93000', '93005 78').bypassed, false);
    assert.equal(bypass('27447', '99213 79').bypassed, false);
  });

  it('91 bypasses between laboratory tests only', () => {
    assert.equal(bypass('80053', '82947 91').by, '91');
    assert.equal(bypass('27447', '20610 91').bypassed, false);
    assert.ok(isLaboratory('0001U', bundledCodeSet()));
    assert.ok(!isLaboratory('99213', bundledCodeSet()));
  });
});
