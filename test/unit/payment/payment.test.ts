/**
 * service/payment.ts: the worked claims of docs/payment.md equal what the code computes, and
 * each pricing rule moves the amount the way the fee schedule says (values read from the
 * bundled RVU25D data, never typed in).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseChargeFile } from '../../../server/src/service/documents/chargeFile';
import { priceClaim, type ClaimPayment } from '../../../server/src/service/payment';
import { plainCodeSet, repoRoot } from '../../golden/testCodeSet';
import { workedClaims } from './docsExamples';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi\n';

/** Prices every claim group of the text and concatenates their lines, in file order. */
function price(text: string): { total: number; lines: ClaimPayment['lines']; notes: string[] } {
  const file = parseChargeFile(text);
  const all = [...file.claims.values()].map((c) => priceClaim(c, plainCodeSet()));
  const lines = all.flatMap((p) => p.lines).sort((a, b) => a.line.index - b.line.index);
  return { total: Math.round(all.reduce((s, p) => s + p.total, 0) * 100) / 100, lines, notes: all.flatMap((p) => p.notes) };
}

function fee(code: string, setting: 'facility' | 'non-facility', modifier = ''): number {
  const procedure = plainCodeSet().procedure(code);
  const row = modifier ? procedure?.variants.get(modifier) : procedure?.row;
  assert.ok(row, `${code}${modifier} in the fee schedule`);
  return (setting === 'facility' ? row.rvu.totalFacility : row.rvu.totalNonFacility) * row.conversionFactor;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

describe('payment', () => {
  const docs = workedClaims(fs.readFileSync(path.join(repoRoot, 'docs', 'payment.md'), 'utf8'));

  it('docs/payment.md has five worked claims', () => {
    assert.equal(docs.length, 5);
  });
  for (const claim of docs) {
    it(`docs/payment.md "${claim.title}": every amount and the total equal the computed ones`, () => {
      const got = price(claim.csv);
      assert.deepEqual(got.lines.map((l) => l.amount), claim.amounts);
      assert.equal(got.total, claim.total);
    });
  }

  it('multiple procedures: the highest at 100%, the others at 50%, whatever the file order', () => {
    const got = price(`${HEADER}C,P,2025-10-14,20610,LT,1,21,M17.12,1234567893\nC,P,2025-10-14,27447,RT,1,21,M17.11,1234567893\n`);
    assert.equal(got.lines[0].amount, cents(fee('20610', 'facility') * 0.5));
    assert.equal(got.lines[1].amount, cents(fee('27447', 'facility')));
  });

  it('another provider on the same day is its own service day: no reduction', () => {
    const got = price(`${HEADER}C,P,2025-10-14,27447,RT,1,21,M17.11,1234567893\nC,P,2025-10-14,20610,LT,1,21,M17.12,1023456787\n`);
    assert.equal(got.lines[1].amount, cents(fee('20610', 'facility')));
  });

  it('50: 150% on BILAT 1, each side 100% on BILAT 3, 100% on BILAT 0', () => {
    const got = price(`${HEADER}A,P1,2025-10-14,27447,50,1,21,M17.0,1234567893\nB,P2,2025-10-14,70030,50,1,11,H57.11,1234567893\nC,P3,2025-10-14,22612,50,1,21,M43.16,1234567893\n`);
    assert.equal(got.lines[0].amount, cents(fee('27447', 'facility') * 1.5));
    assert.equal(got.lines[1].amount, cents(fee('70030', 'non-facility') * 2));
    assert.equal(got.lines[2].amount, cents(fee('22612', 'facility')));
  });

  it('AS is 85% of the 16% an 80 assistant gets', () => {
    const got = price(`${HEADER}A,P1,2025-10-14,27447,80,1,21,M17.11,1234567893\nB,P2,2025-10-14,27447,AS,1,21,M17.11,1234567893\n`);
    assert.equal(got.lines[0].amount, cents(fee('27447', 'facility') * 0.16));
    assert.equal(got.lines[1].amount, cents(fee('27447', 'facility') * 0.16 * 0.85));
  });

  it('26 prices the professional row; NA in the setting is not priced and says so', () => {
    const got = price(`${HEADER}A,P1,2025-10-14,71046,26,1,22,R05.9,1234567893\nB,P2,2025-10-14,71046,,1,22,R05.9,1234567893\n`);
    assert.equal(got.lines[0].amount, cents(fee('71046', 'facility', '26')));
    assert.equal(got.lines[1].amount, undefined);
    assert.ok(got.notes.some((n) => /not priced in the facility setting \(NA\).*71046-26/.test(n)), got.notes.join('\n'));
  });

  it('status T is paid alone and 0 with another fee-schedule service; units multiply', () => {
    const got = price(`${HEADER}A,P1,2025-10-14,96523,,1,11,Z45.2,1234567893\nB,P2,2025-10-14,96523,,1,11,Z45.2,1234567893\nB,P2,2025-10-14,99213,,2,11,E11.9,1234567893\n`);
    assert.equal(got.lines[0].amount, cents(fee('96523', 'non-facility')));
    assert.equal(got.lines[1].amount, 0);
    assert.equal(got.lines[2].amount, cents(fee('99213', 'non-facility') * 2));
  });

  it('says what it does not model (MULT PROC 4 imaging) instead of guessing', () => {
    const got = price(`${HEADER}A,P1,2025-10-14,70450,,1,11,R51.9,1234567893\nA,P1,2025-10-14,70336,,1,11,R51.9,1234567893\n`);
    assert.equal(got.lines[0].amount, cents(fee('70450', 'non-facility')));
    assert.ok(got.notes.some((n) => /MULT PROC 4/.test(n)));
  });
});

describe('payment with a locality (GPCI file)', () => {
  const text = `${HEADER}A,P1,2025-10-14,99213,,1,11,E11.9,1234567893\nB,P2,2025-10-14,27447,RT,1,21,M17.11,1234567893\n`;

  it('applies the GPCIs of the MAC locality to work, PE (of the setting) and MP', () => {
    const gpci = plainCodeSet().paymentLocality?.('01182', '18');
    assert.ok(gpci, 'the bundled GPCI file has MAC 01182 locality 18');
    assert.match(gpci.name, /LOS ANGELES/);
    const file = parseChargeFile(text);
    const [office, hospital] = [...file.claims.values()].map((c) => priceClaim(c, plainCodeSet(), '01182-18'));
    const e = plainCodeSet().procedure('99213')?.row;
    const k = plainCodeSet().procedure('27447')?.row;
    assert.ok(e && k);
    const adjusted = (r: typeof e, pe: number): number => (r.rvu.work * gpci.work + pe * gpci.practiceExpense + r.rvu.malpractice * gpci.malpractice) * r.conversionFactor;
    assert.equal(office.lines[0].amount, cents(adjusted(e, e.rvu.peNonFacility)));
    assert.equal(hospital.lines[0].amount, cents(adjusted(k, k.rvu.peFacility)));
    assert.match(office.locality ?? '', /^01182-18 LOS ANGELES/);
    // Los Angeles costs more than the national average: the amount moves.
    assert.ok((office.lines[0].amount ?? 0) > cents(fee('99213', 'non-facility')));
  });

  it('an unknown locality falls back to national amounts and says so', () => {
    const claim = [...parseChargeFile(text).claims.values()][0];
    const got = priceClaim(claim, plainCodeSet(), '99999-99');
    assert.equal(got.lines[0].amount, cents(fee('99213', 'non-facility')));
    assert.equal(got.locality, undefined);
    assert.ok(got.notes.some((n) => /99999-99 is not in the loaded GPCI file/.test(n)));
  });
});

describe('payment: the OPPS imaging cap (RVU readme; DRA 2005 §5102(b))', () => {
  it('keeps the OPPS PE and MP RVUs of the RVU file for imaging rows only', () => {
    const row = plainCodeSet().procedure('70496')?.row;
    assert.deepEqual(row?.opps, { peNonFacility: 6.11, peFacility: 6.11, malpractice: 0.11 });
    assert.equal(plainCodeSet().procedure('70496')?.variants.get('26')?.opps, undefined, 'the professional component is not capped');
    assert.equal(plainCodeSet().procedure('99213')?.row?.opps, undefined);
  });

  it('pays the lower amount: 70496 and its TC in the office are capped, 70553 (OPPS amount higher) is not', () => {
    const got = price(`${HEADER}A,P1,2025-10-14,70496,,1,11,R51.9,1234567893\nB,P2,2025-10-14,70496,TC,1,11,R51.9,1234567893\nC,P3,2025-10-14,70553,,1,11,R51.9,1234567893\n`);
    const row = plainCodeSet().procedure('70496')?.row;
    assert.ok(row?.opps);
    assert.equal(got.lines[0].amount, cents((row.rvu.work + row.opps.peNonFacility + row.opps.malpractice) * row.conversionFactor));
    assert.ok((got.lines[0].amount ?? 0) < cents(fee('70496', 'non-facility')));
    assert.ok(got.lines[0].applied.some((a) => a.startsWith('OPPS imaging cap')));
    assert.ok((got.lines[1].amount ?? 0) < cents(fee('70496', 'non-facility', 'TC')));
    assert.equal(got.lines[2].amount, cents(fee('70553', 'non-facility')));
    assert.ok(!got.lines[2].applied.some((a) => a.startsWith('OPPS')));
  });

  it('with a locality equals the CMS OPPSCAP file (OPPSCAP_Oct.csv, MAC 01182 locality 18: 70496 $297.42, 70496-TC $212.32)', () => {
    const file = parseChargeFile(`${HEADER}A,P1,2025-10-14,70496,,1,11,R51.9,1234567893\nB,P2,2025-10-14,70496,TC,1,11,R51.9,1234567893\n`);
    const amounts = [...file.claims.values()].map((c) => priceClaim(c, plainCodeSet(), '01182-18').lines[0].amount);
    assert.deepEqual(amounts, [297.42, 212.32]);
  });
});

describe('payment: status T by the same test as status-t-bundled', () => {
  it('a status-C service that day bundles the status-T line (RVU readme: A, R and C are payable under the fee schedule), as the finding says', () => {
    assert.equal(plainCodeSet().procedure('0071T')?.row?.status, 'C');
    const got = price(`${HEADER}C,P,2025-10-14,0071T,,1,11,D25.9,1234567893\nC,P,2025-10-14,96523,,1,11,Z45.2,1234567893\n`);
    assert.equal(got.lines[1].amount, 0);
    assert.ok(got.lines[1].applied.some((a) => a.startsWith('status T bundled')));
  });
});
