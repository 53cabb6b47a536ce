import * as assert from 'node:assert/strict';
import { validityOn } from '../../../server/src/codeset/validity';
import { bundled } from './support';

describe('date-of-service validity', () => {
  const { codeSet } = bundled();

  it('says a code added after the date of service is not yet valid, and from when', () => {
    // A9615: added 2025-01-01 (action A in the January 2025 file).
    assert.deepEqual(codeSet.procedure('A9615', '2024-12-31')?.validity, { valid: false, reason: 'not-yet-added', date: '2025-01-01' });
    assert.deepEqual(codeSet.procedure('A9615', '2025-01-01')?.validity, { valid: true });
  });

  it('says a code terminated before the date of service is no longer valid, and since when', () => {
    // C7558: discontinued, last valid day 2024-12-31.
    assert.deepEqual(codeSet.procedure('C7558', '2025-01-01')?.validity, { valid: false, reason: 'terminated', date: '2024-12-31' });
    assert.deepEqual(codeSet.procedure('C7558', '2024-12-31')?.validity, { valid: true });
  });

  it('leaves validity out when no date is asked, and finds codes in any case', () => {
    assert.equal(codeSet.procedure('47383')?.validity, undefined);
    assert.deepEqual(codeSet.procedure('47383', '2025-11-01')?.validity, { valid: true });
    assert.equal(codeSet.procedure('j1100')?.code, 'J1100');
  });

  it('compares ISO dates at the edges', () => {
    assert.equal(validityOn(undefined, '2025-01-01', ''), undefined);
    assert.deepEqual(validityOn('2025-06-30', '', '2025-06-30'), { valid: true });
    assert.deepEqual(validityOn('2025-07-01', '', '2025-06-30'), { valid: false, reason: 'terminated', date: '2025-06-30' });
  });
});
