/**
 * duplicate-line compares a small day's lines in place and keys a big day's (more than 16
 * lines) in a map: both must find the same duplicates, each pointing to the first line like it.
 */
import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Finding } from '../../../server/src/service/types';
import { bundledCodeSet } from '../../support/codeSet';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi\n';
const row = (code: string, modifiers: string): string => `CLM1,PT1,2025-10-14,${code},${modifiers},1,11,M17.11,1234567893\n`;

/** The duplicate findings as "line of the finding <- line of the first one" (1-based data lines). */
function duplicates(text: string): string[] {
  const service = getLanguageService({ codeSet: bundledCodeSet() });
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length - 1;
  return service.validate(text, 'charges')
    .filter((f: Finding) => f.ruleId === 'duplicate-line')
    .map((f: Finding) => `${lineOf(f.start)} <- ${lineOf(f.related?.[0]?.start ?? -1)}`);
}

describe('duplicate-line', () => {
  // The same rows, as a small day and padded with other codes into a big one.
  const rows = [row('20610', 'RT 59'), row('20610', '59 RT'), row('20610', 'RT'), row('20610', ''), row('20610', 'RT'), row('20610', '76'), row('20610', '76'), row('20610', '')];
  const others = ['11042', '11045', '27447', '93000', '71046', '76940', '47383', '99213', '99214', 'J1100', '36415'].map((c) => row(c, ''));

  it('finds the same code with the same modifiers, in any order, and not with 76', () => {
    assert.deepEqual(duplicates(HEADER + rows.join('')), ['2 <- 1', '5 <- 3', '8 <- 4']);
  });

  it('finds the same duplicates in a day of more than 16 lines', () => {
    assert.ok(rows.length + others.length > 16);
    assert.deepEqual(duplicates(HEADER + rows.join('') + others.join('')), ['2 <- 1', '5 <- 3', '8 <- 4']);
  });
});
