import * as assert from 'node:assert/strict';
import { describePeriod, fiscalYear, hcpcsQuarter, inPeriod, quarterOf } from '../../../server/src/codeset/dataPeriods';
import { bundled } from './support';

describe('data periods', () => {
  it('derives quarters, HCPCS release quarters and ICD-10-CM fiscal years', () => {
    assert.deepEqual(quarterOf(2025, 11), { from: '2025-10-01', to: '2025-12-31' });
    assert.deepEqual(quarterOf(2024, 2), { from: '2024-01-01', to: '2024-03-31' });
    assert.deepEqual(hcpcsQuarter('HCPC2026_APR_ANWEB'), { from: '2026-04-01', to: '2026-06-30' });
    assert.equal(hcpcsQuarter('hcpcs-latest'), undefined);
    assert.deepEqual(fiscalYear(2026), { from: '2025-10-01', to: '2026-09-30' });
    assert.ok(inPeriod('2025-09-30', fiscalYear(2025)) && !inPeriod('2025-10-01', fiscalYear(2025)));
    assert.ok(inPeriod('2031-01-01', { from: '2024-01-01' }));
    assert.equal(describePeriod({ from: '2024-01-01' }), 'from 2024-01-01');
  });

  it('records every bundled table with its period, as the manifest gives it', () => {
    const periods = bundled().codeSet.version().periods ?? [];
    assert.deepEqual(periods.map((p) => [p.table, p.from, p.to]), [
      ['feeSchedule', '2025-10-01', '2025-12-31'],
      ['hcpcs', '2025-01-01', '2025-09-30'],
      ['icd10', '2024-10-01', '2025-09-30'],
      ['placeOfService', '2024-01-01', undefined],
      ['betos', '2025-01-01', undefined],
    ]);
    assert.match(periods.find((p) => p.table === 'icd10')?.importCommand ?? '', /cpt-lens import icd10/);
  });
});
