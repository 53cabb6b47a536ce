import * as assert from 'node:assert/strict';
import { buildCodeSet } from '../../../server/src/codeset/compiled';
import { NCCI_ASSOCIATED_MODIFIERS } from '../../../server/src/codeset/modifiers';
import { bundled, readSource } from './support';

/** The CPT numeric modifiers issue 3 lists. */
const CPT_NUMERIC = ['22', '23', '24', '25', '26', '27', '32', '33', '47', '50', '51', '52', '53', '54', '55', '56', '57', '58', '59', '62', '63', '66', '73', '74', '76', '77', '78', '79', '80', '81', '82', '90', '91', '92', '93', '95', '96', '97', '99'];

/** DOMAIN.md section 4. */
const NCCI_ASSOCIATED = [
  'E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9',
  'LT', 'RT', 'LC', 'LD', 'RC', 'LM', 'RI', '24', '25', '57', '58', '78', '79', '27', '59', '91', 'XE', 'XS', 'XP', 'XU',
];

describe('modifiers', () => {
  const { codeSet } = bundled();

  it('lists every CPT numeric modifier with a name and a one-paragraph description', () => {
    for (const code of CPT_NUMERIC) {
      const m = codeSet.modifier(code);
      assert.ok(m, `modifier ${code} missing`);
      assert.equal(m.source, 'cpt');
      assert.ok(m.name.length >= 5 && m.name.length <= 70, `${code} name "${m.name}"`);
      assert.ok(m.description.length >= 60 && !m.description.includes('\n'), `${code} description`);
    }
  });

  it('has every Level II modifier (RECID 7) of the HCPCS file with its dates', () => {
    // RECID 7 records of the fixed-width file: modifier in positions 4-5, dates at 269-292, action 293.
    const records = readSource('hcpcs-level2/HCPC2025_JAN_ANWEB_12172024.txt').split(/\r?\n/).filter((l) => l[10] === '7');
    assert.equal(records.length, 383);
    const iso = (d: string): string => (d.trim() ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '');
    for (const line of records) {
      const code = line.slice(0, 5).trim();
      const m = codeSet.modifier(code);
      assert.ok(m, `Level II modifier ${code} missing`);
      assert.equal(m.source, 'hcpcs');
      assert.deepEqual([m.addDate, m.actionEffectiveDate, m.terminationDate, m.actionCode],
        [iso(line.slice(268, 276)), iso(line.slice(276, 284)), iso(line.slice(284, 292)), line.slice(292, 293).trim()], code);
    }
  });

  it('marks exactly the NCCI-associated modifiers of DOMAIN.md section 4', () => {
    assert.deepEqual([...NCCI_ASSOCIATED_MODIFIERS].sort(), [...NCCI_ASSOCIATED].sort());
    for (const code of NCCI_ASSOCIATED) assert.equal(codeSet.modifier(code)?.ncciAssociated, true, code);
    for (const code of ['22', '51', '26', 'TC', 'GA', 'KX', '50']) assert.equal(codeSet.modifier(code)?.ncciAssociated, false, code);
  });

  it('puts modifiers in the families DOMAIN.md section 3 orders them by', () => {
    const family = (code: string): string | undefined => codeSet.modifier(code)?.family;
    for (const code of ['22', '26', 'TC', '50', '52', '53', '62', '66', '80', '81', '82', 'AS']) assert.equal(family(code), 'pricing', code);
    for (const code of ['24', '25', '51', '57', '58', '59', '76', '77', '78', '79', 'XE', 'XS', 'XP', 'XU']) assert.equal(family(code), 'payment', code);
    for (const code of ['LT', 'RT', 'E1', 'E4', 'FA', 'F9', 'TA', 'T9', 'LC', 'LD', 'RC', 'LM', 'RI']) assert.equal(family(code), 'anatomic', code);
    for (const code of ['GA', 'GY', 'KX', '99']) assert.equal(family(code), 'informational', code);
  });

  it('answers validity on a date of service from the HCPCS dates', () => {
    // XS was added 2015-01-01.
    assert.deepEqual(codeSet.modifier('XS', '2014-12-31')?.validity, { valid: false, reason: 'not-yet-added', date: '2015-01-01' });
    assert.deepEqual(codeSet.modifier('xs', '2025-03-01')?.validity, { valid: true });
    // JG was discontinued: last valid day 2024-12-31.
    assert.deepEqual(codeSet.modifier('JG', '2025-01-01')?.validity, { valid: false, reason: 'terminated', date: '2024-12-31' });
    assert.deepEqual(codeSet.modifier('JG', '2024-12-31')?.validity, { valid: true });
    assert.equal(codeSet.modifier('22')?.validity, undefined, 'no date asked, no validity');
    assert.equal(codeSet.modifier('ZZ'), undefined);
  });

  it('knows the CPT modifiers even in a code set built from a few fee-schedule rows', () => {
    const small = buildCodeSet([], { feeSchedule: 'test', feeScheduleEffective: { from: '2025-01-01', to: '2025-12-31' } });
    assert.equal(small.modifier('59')?.family, 'payment');
    assert.equal(small.modifier('TC'), undefined);
  });
});
