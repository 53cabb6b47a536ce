import * as assert from 'node:assert/strict';
import { createChargeChecker } from '../../../server/src/service/checker';
import { isNpi, readColumns } from '../../../server/src/service/documents/columnReading';
import { COLUMN_MAPPINGS, type ColumnMapping, readHeader } from '../../../server/src/service/documents/columns';
import { validateSettings } from '../../../server/src/service/settings';
import { parseChargeFile } from '../../../server/src/service/documents/chargeFile';
import { ALL_RULES } from '../../../server/src/service/rules';
import { parseCsv } from '../../../server/src/csv/csv';
import { syntheticNcciCodeSet } from '../../golden/testCodeSet';

const roleOf = (header: string): string | undefined => readHeader(header).role ?? (readHeader(header).unused ? `(${readHeader(header).unused})` : undefined);

describe('reading real export headers', () => {
  it('reads the headers of Epic, Cerner, Meditech, athena, eCW, NextGen and clearinghouse exports by their words', () => {
    const expected: Record<string, string | undefined> = {
      'HAR': 'account', 'CSN': 'account', 'FIN': 'account', 'Account #': 'account', 'Acct No': 'account', 'Pt Acct #': 'account',
      'Patient Account Number': 'account', 'Encounter Number': 'account', 'Visit ID': 'account',
      'Rendering Prov NPI': 'provider', 'Billing Provider': 'provider', 'Servicing Provider NPI': 'provider', 'Performing': 'provider', 'Attending Prov': 'provider',
      'Svc Date': 'date', 'Service Date': 'date', 'DOS From': 'date', 'From DOS': 'date',
      'CPT/HCPCS': 'code', 'CPT-HCPCS': 'code', 'Proc Code': 'code', 'HCPCS/CPT': 'code',
      'Mod 1': 'modifier', 'Modifier 4': 'modifier', 'Svc Units': 'units', 'Qty': 'units',
      'Primary Dx': 'diagnosis', 'Dx 12': 'diagnosis', 'ICD-10 3': 'diagnosis',
      'Rev Code': '(revenue code)', 'UB Rev': '(revenue code)', 'Chg Amt': '(charge amount)', 'Charge Code': '(CDM charge code)',
      'Svc From': 'date', 'Service From Date': 'date', 'Clm ID': 'claim', 'Line Item Charge': '(charge amount)', 'Charge Item': '(CDM charge code)',
      'Post Date': '(other date)', 'Date of Birth': '(other date)', 'Encounter Type': undefined, 'Claim Status': undefined, 'Patient Name': '(name)',
    };
    for (const [header, role] of Object.entries(expected)) assert.equal(roleOf(header), role, header);
  });

  it('prefers the rendering provider to the billing one, whatever their order', () => {
    const { map } = readColumns(['Billing Prov NPI', 'Proc Code', 'Rendering Prov NPI'], []);
    assert.deepEqual(map.provider, [2]);
  });

  it('checks the NPI check digit', () => {
    assert.ok(isNpi('1234567893'));
    assert.ok(!isNpi('1234567890') && !isNpi('123456789'));
  });

  it('reads unknown headers from a sample of their values: NPIs, codes, dates, revenue codes, money', () => {
    const text = 'Col A,Col B,Col C,Col D,Col E,Col F\n' +
      ['1234567893,99213,2025-10-14,0510,180.00,AC1001', '1023456787,47383,2025-10-15,0360,4210.00,AC1001', '1234567893,99214,2025-10-16,0510,220.50,AC1002', '1234567893,20610,2025-10-16,0450,310.00,AC1002']
        .join('\n');
    const reading = readColumns(['Col A', 'Col B', 'Col C', 'Col D', 'Col E', 'Col F'], parseCsv(text).rows);
    assert.deepEqual(reading.columns.map((c) => c.role ?? c.unused), ['provider', 'code', 'date', 'revenue code', 'charge amount', undefined]);
    assert.ok(reading.columns.slice(0, 3).every((c) => c.source === 'content'));
    assert.equal(reading.groupBy, undefined, 'content alone never decides the grouping');
    assert.equal(reading.groupCandidate, 5, 'an identifier repeating in runs of lines is the candidate key');
  });

  it('never takes a per-line id or a constant for the account key', () => {
    const rows = (values: string[]): ReturnType<typeof parseCsv>['rows'] => parseCsv(['Ref,Code', ...values.map((v) => `${v},99213`)].join('\n')).rows;
    assert.equal(readColumns(['Ref', 'Code'], rows(['L1', 'L2', 'L3', 'L4', 'L5'])).groupCandidate, undefined);
    assert.equal(readColumns(['Ref', 'Code'], rows(['FAC1', 'FAC1', 'FAC1', 'FAC1'])).groupCandidate, undefined);
  });

  it('keeps the incremental path exact when an edit inside the sampled rows changes what a column is read as', () => {
    const checker = createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {});
    const fresh = (t: string): unknown => JSON.parse(JSON.stringify(createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {}).check(t)));
    const base = 'Ref,Proc Code,Svc Date,Who\nA1,99213,2025-10-14,1234567893\nA1,99213,2025-10-14,1234567893\nA2,99214,2025-10-14,1234567893\n';
    const { state } = checker.update(base);
    // The last NPI becomes text: "Who" stops being read as a provider column (2 of 3 values).
    const edited = base.replace(/1234567893\n$/, 'Dr Who\n');
    assert.notDeepEqual(parseChargeFile(base).columns, parseChargeFile(edited).columns);
    assert.deepEqual(JSON.parse(JSON.stringify(checker.update(edited, state).findings)), fresh(edited));
  });

  it('leaves a column the mapping marks "ignore" out of the reading: no role from its header or its values, no account candidate', () => {
    const text = 'Col A,Col B,Acct No,Col F\n' + ['1234567893,99213,A1,AC1001', '1023456787,47383,A1,AC1001', '1234567893,99214,A2,AC1002', '1234567893,20610,A2,AC1002'].join('\n');
    const read = (custom?: Record<string, ColumnMapping>) => readColumns(['Col A', 'Col B', 'Acct No', 'Col F'], parseCsv(text).rows, custom);
    const before = read();
    assert.deepEqual(before.columns.map((c) => c.role), ['provider', 'code', 'account', undefined]);
    const after = read({ 'Col A': 'ignore', 'acct no': 'ignore' });
    assert.deepEqual(after.columns.map((c) => c.role ?? c.unused), ['your mapping', 'code', 'your mapping', undefined]);
    assert.equal(after.columns[0].source, 'setting');
    assert.equal(after.groupBy, undefined, 'no account column any more');
    assert.equal(after.groupCandidate, 3, 'Col F is the likely key now');
    assert.equal(read({ 'Col A': 'ignore', 'acct no': 'ignore', 'Col F': 'ignore' }).groupCandidate, undefined);
    assert.equal(parseChargeFile(text, { columns: { 'Acct No': 'ignore' } }).columns.account, undefined);
    assert.deepEqual(validateSettings({ columns: { 'Acct No': 'ignore', Ref: 'account' } }, new Set(), COLUMN_MAPPINGS).problems, []);
  });
});
