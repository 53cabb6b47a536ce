import * as assert from 'node:assert/strict';
import { lensTitle } from '../../../server/src/service/features/codeLens';
import { truncate } from '../../../server/src/service/features/inlayHints';
import { getLanguageService } from '../../../server/src/service/languageService';
import { bundledCodeSet } from '../../support/codeSet';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi\n';
const TEXT = `${HEADER}CLM1,PT1,2025-10-14,47383,,1,22,C22.0,1234567893\nCLM1,PT1,2025-10-14,76940,26,1,22,C22.0,1234567893\nCLM2,PT2,2025-10-15,99213,,2,11,E11.9,1234567893\n`;

describe('inlay hints', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });

  it('puts the descriptor right after each code cell of the requested lines', () => {
    const hints = service.inlayHints(TEXT, 0, TEXT.length, 'k');
    assert.equal(hints.length, 3);
    assert.equal(TEXT.slice(hints[0].offset - 5, hints[0].offset), '47383');
    assert.equal(hints[0].label, 'Perq abltj lvr cryoablation');
    assert.match(hints[0].tooltip, /^47383: /);
  });

  it('visits only the lines in the range', () => {
    const second = TEXT.indexOf('CLM1,PT1,2025-10-14,76940');
    const hints = service.inlayHints(TEXT, second, second + 10, 'k');
    assert.deepEqual(hints.map((h) => TEXT.slice(h.offset - 5, h.offset)), ['76940']);
  });

  it('truncates long descriptors with an ellipsis', () => {
    assert.equal(truncate('Perq abltj lvr cryoablation', 10), 'Perq ablt…');
    const hints = service.inlayHints(TEXT, 0, TEXT.length, 'k', 10);
    assert.ok(hints.every((h) => h.label.length <= 10));
  });

  it('stays fast on a 100k-line file when asked for one screen', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `CLM${i},PT${i},2025-10-14,47383,,1,22,C22.0,1234567893`).join('\n');
    const big = `${HEADER}${rows}\n`;
    service.validate(big, 'charges', 'big');
    const middle = big.indexOf('CLM50000,');
    const started = process.hrtime.bigint();
    const hints = service.inlayHints(big, middle, middle + 60 * 50, 'big');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(hints.length >= 50 && hints.length <= 62, String(hints.length));
    assert.ok(ms < 50, `${ms} ms for one screen`);
    service.forget('big');
  });
});

describe('code lens', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });

  it('summarises each claim: lines, RVUs (facility for POS 22, units counted), payment, findings', () => {
    const findings = service.validate(TEXT, 'charges', 'lens');
    const [first, second] = service.codeLens(TEXT, findings, 'lens');
    assert.equal(first.offset, TEXT.indexOf('CLM1'));
    assert.equal(first.lines, 2);
    const codeSet = bundledCodeSet();
    const a = codeSet.procedure('47383')?.row?.rvu.totalFacility ?? NaN;
    const b = codeSet.procedure('76940')?.variants.get('26')?.rvu.totalFacility ?? NaN;
    assert.ok(Math.abs(first.rvus - (a + b)) < 1e-9, `${first.rvus} vs ${a + b}`);
    const e = codeSet.procedure('99213')?.row;
    assert.ok(e && Math.abs(second.rvus - 2 * e.rvu.totalNonFacility) < 1e-9);
    // Payment is rounded to cents per line (service/payment.ts).
    assert.ok(Math.abs(second.payment - Math.round(2 * e.rvu.totalNonFacility * e.conversionFactor * 100) / 100) < 1e-9);
    const onClaim1 = findings.filter((f) => f.start >= first.offset && f.start < TEXT.indexOf('CLM2')).length;
    assert.equal(first.findings, onClaim1);
    // The count of findings only where there are some: "0 findings" says nothing.
    assert.match(lensTitle(first), first.findings > 0 ? /^2 lines · \d+\.\d\d RVUs · \$[\d,]+\.\d\d national est\. · \d+ findings?$/ : /^2 lines · \d+\.\d\d RVUs · \$[\d,]+\.\d\d national est\.$/);
    assert.match(lensTitle({ ...first, findings: 2 }), / · 2 findings$/);
    assert.doesNotMatch(lensTitle({ ...first, findings: 0 }), /finding/);
  });
});
