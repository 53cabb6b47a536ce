/**
 * Re-checking after an edit gives exactly what a fresh check of the new text gives,
 * whichever path the checker takes (row edit, reuse by claim text, full parse).
 */
import * as assert from 'node:assert/strict';
import { ChargeChecker, ChargeState, createChargeChecker } from '../../../server/src/service/checker';
import type { TextChange } from '../../../server/src/service/documents/rowEdit';
import { ALL_RULES } from '../../../server/src/service/rules';
import type { Finding } from '../../../server/src/service/types';
import { syntheticNcciCodeSet } from '../../golden/testCodeSet';

const BASE = [
  'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,override_reason',
  'CLM1,PT1,2025-10-14,47383,51 22,1,22,C22.0,',
  'CLM1,PT1,2025-10-14,76940,26,1,22,C22.0,',
  '# cpt-lens-disable-next-line units: verified',
  'CLM2,PT2,2025-10-14,99213,,0,11,E11.9,',
  'CLM2,PT2,2025-10-14,20610,,1,11,M25.561,',
  'CLM3,PT3,2025-10-15,11045,51,1,11,L97.812,',
  'CLM3,PT3,2025-10-15,71046,,1,22,R05.9,',
  'CLM4,PT4,2025-10-16,99214,,1,21,M17.0,',
  'CLM4,PT4,2025-10-16,27447,50 LT,1,21,M17.0,ncci-ptp: reviewed',
].join('\n') + '\n';

const plain = (findings: readonly Finding[]): unknown => JSON.parse(JSON.stringify(findings));

function fresh(text: string): unknown {
  return plain(createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {}).check(text));
}

/** A checker that keeps the state of its last check, as the language service's document store does. */
function keptChecker(): { check(text: string, change?: TextChange): readonly Finding[]; lastStats: ChargeChecker['lastStats'] } {
  const checker = createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {});
  let state: ChargeState | undefined;
  return {
    check(text, change) {
      const result = checker.update(text, state, change);
      state = result.state;
      return result.findings;
    },
    lastStats: () => checker.lastStats(),
  };
}

describe('incremental re-check', () => {
  const edits: [string, (t: string) => string, 'row' | 'full'][] = [
    ['change units in one cell', (t) => t.replace('99213,,0,', '99213,,1,'), 'row'],
    ['lengthen a cell (offsets after it move)', (t) => t.replace('47383,51 22', '47383,51 22 59'), 'row'],
    ['move a line to another claim', (t) => t.replace('CLM3,PT3,2025-10-15,71046', 'CLM1,PT1,2025-10-14,71046'), 'row'],
    ['change a date (claim days change)', (t) => t.replace('CLM4,PT4,2025-10-16,99214', 'CLM4,PT4,2025-10-17,99214'), 'row'],
    ['add a cell (ragged row)', (t) => t.replace('20610,,1,11,M25.561,', '20610,,1,11,M25.561,,extra'), 'row'],
    ['insert a line (full parse)', (t) => t.replace('CLM2,PT2,2025-10-14,20610', 'CLM2,PT2,2025-10-14,99213,,1,11,E11.9,\nCLM2,PT2,2025-10-14,20610'), 'full'],
    ['edit the header (full parse)', (t) => t.replace('units', 'qty'), 'full'],
    ['type a quote (full parse)', (t) => t.replace('C22.0,\nCLM1', 'C22.0,"x"\nCLM1'), 'full'],
    ['edit a suppression comment (full parse, reuse by claim text)', (t) => t.replace('units: verified', 'units'), 'row'],
  ];
  for (const [name, edit, mode] of edits) {
    it(name, () => {
      const checker = keptChecker();
      checker.check(BASE);
      const after = edit(BASE);
      assert.notEqual(after, BASE);
      const got = plain(checker.check(after));
      assert.deepEqual(got, fresh(after));
      const stats = checker.lastStats();
      if (mode === 'row' && !name.includes('suppression')) {
        assert.equal(stats.mode, 'row');
        assert.ok(stats.checked <= 2, `checked ${stats.checked} claims`);
      }
      // And back again.
      assert.deepEqual(plain(checker.check(BASE)), fresh(BASE));
    });
  }

  // Seed 23 found a full parse that reused claims' findings when the same header was read
  // differently (a column's role from its values): the reading is part of the reuse test now.
  for (const start of [7, 23, 101]) {
    it(`a sequence of random one-character edits stays equal to fresh checks (seed ${start})`, () => {
      const checker = keptChecker();
      let text = BASE;
      checker.check(text);
      let seed = start;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const alphabet = '0123456789ACLRTXS ,-';
      for (let i = 0; i < 200; i++) {
        const at = random(text.length);
        const kind = random(3);
        if (kind === 0) text = text.slice(0, at) + alphabet[random(alphabet.length)] + text.slice(at);
        else if (kind === 1 && text[at] !== '\n') text = text.slice(0, at) + text.slice(at + 1);
        else text = text.slice(0, at) + alphabet[random(alphabet.length)] + text.slice(at + 1);
        assert.deepEqual(plain(checker.check(text)), fresh(text), `after edit ${i} at ${at}`);
      }
    });
  }

  it('reuses claims unchanged by a full parse', () => {
    const checker = keptChecker();
    checker.check(BASE);
    checker.check(BASE.replace('CLM2,PT2,2025-10-14,20610', 'CLM2,PT2,2025-10-14,99213,,1,11,E11.9,\nCLM2,PT2,2025-10-14,20610'));
    const stats = checker.lastStats();
    assert.equal(stats.mode, 'full');
    assert.equal(stats.checked, 1);
  });

  it('never changes a result after it is returned: a later keystroke does not move the findings someone still holds', () => {
    const checker = keptChecker();
    const first = checker.check(BASE);
    const snapshot = plain(first);
    // Lengthen a cell near the top: every finding after it moves in the new result only.
    const at = BASE.indexOf('99213,,0,') + 6;
    const after = BASE.slice(0, at) + '25' + BASE.slice(at);
    const second = checker.check(after, { start: at, end: at, text: '25' });
    assert.deepEqual(plain(first), snapshot);
    assert.deepEqual(plain(second), fresh(after));
    assert.notDeepEqual(plain(second), snapshot);
  });

  it('uses the edit it is given, and ignores one that does not turn the old text into the new', () => {
    const checker = keptChecker();
    checker.check(BASE);
    const at = BASE.indexOf('99213,,0,') + 8;
    const after = BASE.slice(0, at) + '1' + BASE.slice(at + 1);
    assert.deepEqual(plain(checker.check(after, { start: at, end: at + 1, text: '1' })), fresh(after));
    assert.equal(checker.lastStats().mode, 'row');
    // A stale change (the offsets of another edit) is not trusted: the result is still exact.
    const back = BASE;
    assert.deepEqual(plain(checker.check(back, { start: 3, end: 3, text: 'zz' })), fresh(back));
  });
});
