/**
 * A big file's first check in steps (languageService.checkInSteps): the server answers hovers
 * between them. Whatever the steps, the result must be the one check gives, and a stopped
 * run must leave nothing half made behind.
 */
import * as assert from 'node:assert/strict';
import { CLAIMS_PER_STEP } from '../../../server/src/service/checker';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Finding } from '../../../server/src/service/types';
import { syntheticNcciCodeSet } from '../../golden/testCodeSet';

const plain = (findings: readonly Finding[]): unknown => JSON.parse(JSON.stringify(findings));

/** SYNTHETIC: more claims than a few steps hold, with findings of every kind. */
function file(claims: number): string {
  const codes = ['47383', '76940', '99213', '20610', '71046', '27447', '99214', 'J1100'];
  const rows = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1'];
  for (let i = 0; i < claims * 2; i++) {
    const claim = Math.floor(i / 2);
    rows.push(`CLM${claim},PT${claim},2025-10-${String(10 + (claim % 9)).padStart(2, '0')},${codes[(i * 5) % codes.length]},${i % 6 === 0 ? '5l' : ''},1,${i % 2 ? 11 : 22},E11.9`);
  }
  return rows.join('\n') + '\n';
}

describe('a check in steps', () => {
  const codeSet = syntheticNcciCodeSet();
  const text = file(CLAIMS_PER_STEP * 3 + 17);
  const expected = plain(getLanguageService({ codeSet }).validate(text, 'charges'));

  it('yields after the parse and between claims, and ends with what one check finds; kept as check keeps it', () => {
    const service = getLanguageService({ codeSet });
    const steps = service.checkInSteps(text, 'charges', 'k', { version: 1 });
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    assert.ok(yields >= 4, `one after the parse, one per ${CLAIMS_PER_STEP} claims (${yields})`);
    assert.deepEqual(plain(next.value.all()), expected);
    assert.equal(service.checkedVersion('k'), 1);
    assert.equal(service.check(text, 'charges', 'k'), next.value, 'asked again: the kept view');
  });

  it('answers a hover from the parsed model between steps, as after the check', () => {
    const service = getLanguageService({ codeSet });
    const offset = text.indexOf('\n', text.length >> 1) + 1 + 'CLM0,PT0,2025-10-10,'.length + 4;
    const steps = service.checkInSteps(text, 'charges', 'k', { version: 1 });
    steps.next();
    steps.next();
    const during = service.hover(text, offset, 'k', 'charges');
    assert.ok(during && /\*\*/.test(during.contents), 'the code facts');
    while (!steps.next().done);
    const after = service.hover(text, offset, 'k', 'charges');
    assert.ok(after);
    assert.ok(after.contents.startsWith(during.contents), 'the same facts (the check\'s findings follow them once known)');
  });

  it('stopped early, keeps nothing: the next check is whole and exact', () => {
    const service = getLanguageService({ codeSet });
    service.check(file(40), 'charges', 'k', { version: 1 });
    const steps = service.checkInSteps(text, 'charges', 'k', { version: 2 });
    steps.next();
    steps.next();
    steps.return(undefined as never);
    assert.equal(service.checkedVersion('k'), undefined);
    assert.deepEqual(plain(service.check(text, 'charges', 'k', { version: 3 }).all()), expected);
  });
});
