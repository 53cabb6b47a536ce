import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import { roleOfHeader } from '../../../server/src/service/documents/columns';
import { bundledCodeSet } from '../../support/codeSet';

describe('charge-file diagnostics', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });
  // Only the rules this file is about; the per-file notes (NCCI not loaded, lines without a date) have their own tests.
  const ABOUT = new Set(['unknown-code', 'code-shape', 'csv-structure', 'no-code-column']);
  const findings = (text: string) => service.validate(text, 'charges').filter((f) => ABOUT.has(f.ruleId));

  it('reports an unknown code on exactly its cell', () => {
    const text = 'claim_id,cpt,units\nC1,99999,1\n';
    const [finding] = findings(text);
    assert.equal(finding.ruleId, 'unknown-code');
    assert.equal(finding.severity, 'error');
    assert.equal(text.slice(finding.start, finding.end), '99999');
  });

  it('reports malformed codes', () => {
    for (const bad of ['4738', '47383X', '4738-22']) {
      const text = `CPT Code,units\n${bad},1\n`;
      const result = findings(text);
      assert.equal(result.length, 1, bad);
      assert.equal(result[0].ruleId, 'code-shape');
      assert.equal(text.slice(result[0].start, result[0].end), bad.split('-')[0]);
    }
  });

  it('accepts known codes, with attached modifiers, in quoted cells', () => {
    assert.deepEqual(findings('Procedure Code,Mod1\n"47383-22-51",\n71045,26\nJ1100,\n'), []);
  });

  it('recognises the header aliases case- and punctuation-insensitively', () => {
    const expected: Record<string, string> = {
      'CPT': 'code', 'hcpcs_code': 'code', 'Proc Code': 'code', 'PX': 'code',
      'Modifier 1': 'modifier', 'mod4': 'modifier', 'MODIFIERS': 'modifiers',
      'Days or Units': 'units', 'QTY': 'units', 'Date of Service': 'date', 'From_Date': 'date',
      'MRN': 'patient', 'Encounter ID': 'account', 'Claim No': 'claim', 'Rendering NPI': 'provider',
      'Place of Service': 'pos', 'DX12': 'diagnosis', 'ICD-10': 'diagnosis', 'Diagnosis Codes': 'diagnosis',
    };
    for (const [header, role] of Object.entries(expected)) assert.equal(roleOfHeader(header), role, header);
    assert.equal(roleOfHeader('charge_amount'), undefined);
  });

  it('gives one informational note, not a flood, when no code column is found', () => {
    const result = findings('name,amount\nfoo,12\nbar,13\n');
    assert.equal(result.length, 1);
    assert.equal(result[0].ruleId, 'no-code-column');
    assert.equal(result[0].severity, 'information');
  });

  it('reports table damage and still checks the rest', () => {
    const result = findings('cpt,desc\n47383,"broken\n99999,x\n');
    assert.ok(result.some((f) => f.ruleId === 'csv-structure'));
    assert.ok(result.some((f) => f.ruleId === 'unknown-code'));
  });

  it('does not check notes as charge files (notes have their own rules: test/unit/notes)', () => {
    assert.deepEqual(service.validate('CPT 99999 was planned.', 'note').map((f) => f.ruleId), ['unknown-marked-code']);
  });

  it('survives binary-looking and empty input', () => {
    assert.deepEqual(findings(''), []);
    assert.doesNotThrow(() => findings('\u0000\u0001\u00ff,"\n\u0000'));
  });
});
