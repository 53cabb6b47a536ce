import * as assert from 'node:assert/strict';
import { fixAllSafeEdits, quickFixes } from '../../../server/src/service/features/codeActions';
import { applyFixes } from '../../../server/src/service/fixes';
import { getLanguageService } from '../../../server/src/service/languageService';
import { bundledCodeSet } from '../../support/codeSet';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi\n';

function apply(text: string, edits: { start: number; end: number; newText: string }[]): string {
  return applyFixes(text, [{ title: '', safe: true, edits }]);
}

describe('code actions', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });

  it('a 5l modifier gets a safe quick fix to 51', () => {
    const text = `${HEADER}CLM1,PT1,2025-10-14,47383,5l,1,22,C22.0,1234567893\n`;
    const findings = service.validate(text, 'charges');
    const typo = findings.find((f) => f.fixes?.some((x) => /51/.test(x.title)));
    assert.ok(typo, JSON.stringify(findings.map((f) => [f.ruleId, f.message])));
    const [fix] = quickFixes(typo.fixes ?? []);
    assert.equal(fix.safe, true);
    assert.equal(fix.isPreferred, true);
    assert.equal(apply(text, fix.edits), text.replace(',5l,', ',51,'));
  });

  it('labels fixes that need clinical judgment and never prefers them', () => {
    const [fix] = quickFixes([{ title: 'Add 25 to 99213', safe: false, edits: [] }]);
    assert.match(fix.title, /needs clinical judgment/);
    assert.equal(fix.isPreferred, false);
  });

  it('fix-all applies safe fixes only, without overlapping edits', () => {
    // 99213 with a 000/010 procedure on the same day wants 25 (judgment); 5l → 51 is safe; 'lt' → LT is safe.
    const text = `${HEADER}CLM1,PT1,2025-10-14,99213,,1,11,C22.0,1234567893\nCLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893\nCLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893\n`;
    const findings = service.validate(text, 'charges');
    const edits = fixAllSafeEdits(findings);
    const fixed = apply(text, edits);
    assert.ok(!fixed.includes(',5l,'), fixed);
    assert.ok(!/99213,25/.test(fixed), 'the judgment fix (adding 25) is not applied');
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start, 'edits do not overlap');
    const judgment = findings.filter((f) => f.fixes?.length && f.fixes.every((x) => !x.safe));
    assert.ok(judgment.some((f) => f.ruleId === 'global-surgery'), 'the E/M on the day of a 010 procedure needs 25: a judgment fix');
    const after = service.validate(fixed, 'charges');
    for (const f of judgment) assert.ok(after.some((a) => a.ruleId === f.ruleId), `${f.ruleId} stays for the coder`);
  });
});
