import * as assert from 'node:assert/strict';
import { applySafeFixes } from '../../../server/src/service/fixes';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { Finding } from '../../../server/src/service/types';
import { bundledCodeSet } from '../../support/codeSet';
import { codeSetWithKnowledge } from '../../support/knowledge';

describe('notes: side words and cited modifiers', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });
  const check = (text: string): Finding[] => service.validate(text, 'note').filter((f) => /bilateral|laterality/.test(f.ruleId));

  it('"bilateral" with a BILAT 1 code lacking 50 or RT/LT: a warning naming the words, with a fix adding 50', () => {
    const text = 'Procedure: bilateral knee injections (20610).\n';
    const [finding, ...rest] = check(text);
    assert.equal(rest.length, 0);
    assert.equal(finding.ruleId, 'bilateral-modifier');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /reads "bilateral knee" \(line 1\), but 20610 is cited without modifier 50/);
    const fix = finding.fixes?.[0];
    assert.ok(fix && !fix.safe);
    let fixed = text;
    for (const e of fix.edits) fixed = fixed.slice(0, e.start) + e.newText + fixed.slice(e.end);
    assert.equal(fixed, 'Procedure: bilateral knee injections (20610-50).\n');
    assert.deepEqual(check(fixed), []);
    assert.deepEqual(check('Bilateral knee injections (20610-RT, 20610-LT).\n'), []);
  });

  it('"bilateral" with a BILAT 3 code needs RT and LT or 2 units', () => {
    assert.match(check('Bilateral shoulder x-ray (73020).\n')[0].message, /without RT and LT \(or 2 units\)/);
    assert.deepEqual(check('Bilateral shoulder x-ray: CPT 73020 x2\n'), []);
  });

  it('is silent on codes that are not bilateral-eligible, and on negated or historical mentions', () => {
    assert.deepEqual(check('CPT 47383 cryoablation, right lobe.\n'), []);
    assert.deepEqual(check('Knee injection (20610-RT). No bilateral symptoms.\n'), []);
    assert.deepEqual(check('## History\nBilateral knee pain for years, left worse than right.\n## Procedure\nKnee injection (20610-RT), right knee.\n'), []);
  });

  it('"left"/"right" with a paired-organ code lacking LT/RT: a hint with a fix for the side read', () => {
    const text = 'Arthrocentesis of the left knee (20610).\n';
    const [finding] = check(text);
    assert.equal(finding.ruleId, 'laterality-modifier');
    assert.equal(finding.severity, 'hint');
    assert.match(finding.message, /"left knee" \(line 1\)/);
    assert.equal(finding.fixes?.[0].edits[0].newText, '-LT');
    assert.equal(applySafeFixes(text, [finding]), text, 'adding a modifier is not a safe fix');
  });

  it('a side modifier contradicting every side word is a warning', () => {
    const [finding] = check('Arthrocentesis of the left knee (20610-RT).\n');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /20610-RT says right, but the note reads "left knee"/);
    assert.deepEqual(check('Arthrocentesis of the left knee (20610-LT).\n'), []);
  });

  it('does not read the verb "left" or idioms as sides', () => {
    assert.deepEqual(check('Knee injection (20610). The needle was left in place; the patient left the clinic right away.\n'), []);
  });
});

describe('notes: charge line rules on citations', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });

  it('runs the modifier rules on a cited code, and no date, units or diagnosis rules', () => {
    const findings = service.validate('Procedure codes: 47383-50-80\n', 'note');
    const rules = findings.map((f) => f.ruleId);
    assert.ok(rules.includes('modifier-not-allowed'), rules.join());
    assert.ok(!rules.some((r) => /units|diagnosis|date|status|ncci|mue/.test(r)), rules.join());
  });

  it('reports an unknown marked code as an error, and leaves unknown unmarked numbers alone', () => {
    const findings = service.validate('CPT 99999 was planned; 99998 steps were taken.\n', 'note');
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.start, f.end]), [['unknown-marked-code', 'error', 4, 9]]);
  });
});

describe('notes: stated counts and cited units (SYNTHETIC 20610 record with countsUnits)', () => {
  const service = getLanguageService({ codeSet: codeSetWithKnowledge() });
  const check = (text: string): Finding[] => service.validate(text, 'note').filter((f) => f.ruleId === 'count-units');

  it('warns when the count read disagrees with the units cited, naming the words', () => {
    const [finding] = check('Injection of two joints under landmark guidance (20610).\n');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /reads "two joints" \(line 1\), but 20610 is cited with 1 unit \(none stated\)/);
  });

  it('is silent when they agree, when counts differ within the note, and for records that do not count units', () => {
    assert.deepEqual(check('Injection of two joints by palpation: CPT 20610 x2\n'), []);
    assert.deepEqual(check('2 joints planned, 1 joint injected by palpation (20610).\n'), []);
    // 47383's record counts tumors but its units do not: one or more tumors is one unit.
    assert.deepEqual(check('CPT 47383\nThree lesions treated.\n'), []);
  });
});

describe('notes: "bilateral" in an indication or diagnosis', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });
  const check = (text: string): string[] => service.validate(text, 'note').filter((f) => /bilateral|laterality/.test(f.ruleId)).map((f) => f.ruleId);

  it('describes the condition, not the procedure', () => {
    assert.deepEqual(check('Procedure code(s): CPT 20610-RT\nIndication: bilateral knee osteoarthritis.\nProcedure: right knee injection.\n'), []);
    assert.deepEqual(check('Procedure code(s): CPT 20610-RT\nPreoperative diagnosis: bilateral knee pain\nProcedure: bilateral knee injection, right knee first.\n'), []);
    assert.deepEqual(check('Procedure code(s): CPT 20610\nProcedure: bilateral knee injections.\n'), ['bilateral-modifier']);
  });
});

describe('notes: unknown marked codes of kinds the data does not list', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });
  it('are not reported (PLA codes are not in the fee schedule)', () => {
    assert.deepEqual(service.validate('CPT 0202U respiratory panel was sent.\n', 'note'), []);
    assert.deepEqual(service.validate('CPT 9999T and HCPCS Z9999 were planned.\n', 'note').map((f) => f.ruleId), ['unknown-marked-code', 'unknown-marked-code']);
  });
});
