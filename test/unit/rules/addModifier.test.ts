/**
 * Fixes that add a modifier put it at its place in the configured order, so applying one never
 * leaves a modifier-order warning behind (XS before RT; 25 before an anatomic one).
 */
import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Finding } from '../../../server/src/service/types';
import { bundledCodeSet } from '../../support/codeSet';

function apply(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('fixes that add a modifier keep the modifier order', () => {
  const codeSet = bundledCodeSet();
  const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi\n';
  const line = 'CLM1,PT1,2025-10-14,20610,RT,1,11,M17.11,1234567893\n';

  for (const [name, text] of [
    ['a modifiers list column', HEADER + line + line],
    ['modifiers attached to the code', 'claim_id,patient_id,dos,cpt,units,pos,dx1,npi\n' + line.replace('20610,RT', '20610-RT').repeat(2)],
  ] as const) {
    it(`a distinct-service modifier on a duplicate line goes before RT (${name})`, () => {
      const service = getLanguageService({ codeSet });
      const duplicate = service.validate(text, 'charges').find((f: Finding) => f.ruleId === 'duplicate-line');
      const fixes = duplicate?.fixes ?? [];
      assert.deepEqual(fixes.map((f) => f.choice?.label), ['XS', 'XU', 'XE', 'XP', '59']);
      for (const fix of fixes) {
        const after = apply(text, fix.edits);
        assert.match(after, new RegExp(`20610[-,]${fix.choice?.label}[- ]RT`), after);
        const order = service.validate(after, 'charges').filter((f: Finding) => f.ruleId === 'modifier-order');
        assert.deepEqual(order.map((f) => f.message), [], after);
      }
    });
  }

  it('follows a configured order: anatomic first puts XS after RT', () => {
    const service = getLanguageService({ codeSet, settings: { modifierOrder: ['anatomic', 'pricing', 'payment'] } });
    const text = HEADER + line + line;
    const fix = service.validate(text, 'charges').find((f: Finding) => f.ruleId === 'duplicate-line')?.fixes?.[0];
    assert.ok(fix);
    assert.match(apply(text, fix.edits), /20610,RT XS,/);
  });
});
