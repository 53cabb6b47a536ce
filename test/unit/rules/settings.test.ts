/** Settings, suppressions and fixes, through the language service. */
import * as assert from 'node:assert/strict';
import { applySafeFixes } from '../../../server/src/service/fixes';
import { getLanguageService } from '../../../server/src/service/languageService';
import { RULE_IDS } from '../../../server/src/service/registry';
import { validateSettings } from '../../../server/src/service/settings';
import { COLUMN_ROLES } from '../../../server/src/service/documents/columns';
import { plainCodeSet, syntheticNcciCodeSet } from '../../golden/testCodeSet';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1\n';
const ids = (text: string, settings = {}): string[] =>
  getLanguageService({ codeSet: syntheticNcciCodeSet(), settings }).validate(text, 'charges').map((f) => `${f.ruleId}:${f.severity}`);

describe('settings', () => {
  it('turns a rule off and changes a severity', () => {
    const text = HEADER + 'C1,P1,2025-10-14,47383-51-22,,1,22,C22.0\nC2,P2,2025-10-14,99999,,1,11,E11.9\n';
    assert.deepEqual(ids(text), ['modifier-order:warning', 'unknown-code:error']);
    assert.deepEqual(ids(text, { rules: { 'modifier-order': 'off', 'unknown-code': 'hint' } }), ['unknown-code:hint']);
  });
  it('reports unknown rules, severities, families and roles, and drops the invalid entries', () => {
    const { settings, problems } = validateSettings(
      { rules: { 'no-such': 'error', units: 'loud' as never, 'unknown-code': 'hint' }, modifierOrder: ['pricing', 'loud' as never], columns: { x: 'nothing' as never, 'Svc Cd': 'code' } },
      RULE_IDS,
      COLUMN_ROLES,
    );
    assert.equal(problems.length, 4);
    assert.deepEqual(settings, { rules: { 'unknown-code': 'hint' }, modifierOrder: ['pricing'], columns: { 'Svc Cd': 'code' } });
  });
  it('never throws on settings of the wrong shape, and reports them', () => {
    const odd = { rules: 'loud', modifierOrder: 42, columns: [1, 2] } as never;
    const { settings, problems } = validateSettings(odd, RULE_IDS, COLUMN_ROLES);
    assert.equal(problems.length, 3);
    assert.deepEqual(settings, { rules: {}, columns: {} });
    const text = HEADER + 'C2,P2,2025-10-14,99999,,1,11,E11.9\n';
    assert.deepEqual(ids(text, settings), ['unknown-code:error']);
  });
  it('does not run the charge-file rules on a note (notes have their own: test/unit/notes)', () => {
    const ruleIds = getLanguageService({ codeSet: plainCodeSet() }).validate('47383-99', 'note').map((f) => f.ruleId);
    assert.ok(!ruleIds.some((id) => /csv|column|date|ncci|units|diagnosis|claim/.test(id)), ruleIds.join());
  });
});

describe('suppressions', () => {
  const pair = 'C1,P1,2025-10-14,47383,,1,22,C22.0\nC1,P1,2025-10-14,76940,26,1,22,C22.0\n';
  it('a comment with a reason accepts the finding on the next line', () => {
    const text = HEADER + 'C1,P1,2025-10-14,47383,,1,22,C22.0\n# cpt-lens-disable-next-line ncci-ptp: separate lesion\nC1,P1,2025-10-14,76940,26,1,22,C22.0\n';
    assert.deepEqual(ids(text), []);
  });
  it('a comment without a reason is reported and does not suppress', () => {
    const text = HEADER + 'C1,P1,2025-10-14,47383,,1,22,C22.0\n# cpt-lens-disable-next-line ncci-ptp\nC1,P1,2025-10-14,76940,26,1,22,C22.0\n';
    assert.deepEqual(ids(text), ['suppression:warning', 'ncci-ptp:error']);
  });
  it('an override_reason column accepts named rules, or every rule with plain text', () => {
    const h = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,override_reason\n';
    assert.deepEqual(ids(h + 'C1,P1,2025-10-14,47383,,1,22,C22.0,\nC1,P1,2025-10-14,76940,26,1,22,C22.0,ncci-ptp: separate lesion\n'), []);
    assert.deepEqual(ids(h + 'C1,P1,2025-10-14,47383,,1,22,C22.0,\nC1,P1,2025-10-14,76940,26,1,22,C22.0,mue: wrong rule named\n'), ['ncci-ptp:error']);
    assert.deepEqual(ids(h + 'C1,P1,2025-10-14,47383,,1,22,C22.0,\nC1,P1,2025-10-14,76940,26,1,22,C22.0,reviewed by the coding lead\n'), []);
  });
  it('without a suppression the pair is reported', () => {
    assert.deepEqual(ids(HEADER + pair), ['ncci-ptp:error']);
  });
});

describe('fixes', () => {
  const service = getLanguageService({ codeSet: syntheticNcciCodeSet() });
  it('applies safe fixes and leaves judgment calls alone', () => {
    const text = HEADER + 'C1,P1,2025-10-14,47383,,1,22,C22.0\nC1,P1,2025-10-14,76940,26,1,22,C22.0\nC2,P2,2025-10-14,20610,RT 59,1,11,M25.561\n';
    const findings = service.validate(text, 'charges');
    const ptp = findings.find((f) => f.ruleId === 'ncci-ptp');
    assert.ok(ptp?.fixes?.every((f) => !f.safe && /only if the documentation supports/.test(f.title)));
    assert.deepEqual(ptp?.fixes?.map((f) => f.edits[0].newText), [' XS', ' XU', ' XE', ' XP', ' 59']);
    const fixed = applySafeFixes(text, findings);
    assert.ok(fixed.includes('20610,59 RT,'));
    assert.ok(fixed.includes('76940,26,'), 'no modifier added without documentation');
  });
  it('adds a modifier where the line keeps its modifiers', () => {
    const attached = 'claim_id,patient_id,dos,cpt,units,pos,dx1\nC1,P1,2025-10-14,47383,1,22,C22.0\nC1,P1,2025-10-14,76940-26,1,22,C22.0\n';
    const f1 = service.validate(attached, 'charges').find((f) => f.ruleId === 'ncci-ptp');
    assert.equal(f1?.fixes?.[0].edits[0].newText, '-XS');
    const columns = 'claim_id,patient_id,dos,cpt,mod1,mod2,units,pos,dx1\nC1,P1,2025-10-14,47383,,,1,22,C22.0\nC1,P1,2025-10-14,76940,26,,1,22,C22.0\n';
    const f2 = service.validate(columns, 'charges').find((f) => f.ruleId === 'ncci-ptp');
    const edit = f2?.fixes?.[0].edits[0];
    assert.equal(edit?.newText, 'XS');
    assert.equal(columns.slice((edit?.start ?? 0) - 4, edit?.start), ',26,');
  });
});
