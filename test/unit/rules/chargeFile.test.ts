/** The charge-file model: CSV details, columns, modifiers, dates, claims, comments. */
import * as assert from 'node:assert/strict';
import { parseChargeFile } from '../../../server/src/service/documents/chargeFile';
import { detectDelimiter, parseCsv } from '../../../server/src/csv/csv';
import { parseServiceDate } from '../../../server/src/service/documents/dates';

describe('charge file: CSV', () => {
  it('skips a BOM and reads CRLF rows with exact offsets', () => {
    const text = '\ufeffcpt,units\r\n99213,1\r\n';
    const table = parseCsv(text);
    assert.equal(table.rows.length, 2);
    const cell = table.rows[1].cells[0];
    assert.equal(text.slice(cell.start, cell.end), '99213');
  });
  it('reads quoted cells with delimiters, doubled quotes and line breaks', () => {
    const text = 'cpt,note\n99213,"a, ""b""\nc"\n';
    const table = parseCsv(text);
    assert.equal(table.rows[1].cells[1].text, 'a, "b"\nc');
    assert.deepEqual(table.problems, []);
  });
  it('detects comma, tab, semicolon and pipe', () => {
    assert.equal(detectDelimiter('a,b,c\n1,2,3\n'), ',');
    assert.equal(detectDelimiter('a\tb\tc\n1\t2\t3\n'), '\t');
    assert.equal(detectDelimiter('a;b;c\n1;2;3\n'), ';');
    assert.equal(detectDelimiter('a|b|c\n1|2|3\n'), '|');
    assert.equal(detectDelimiter('# a, comment, with, commas\na;b\n1;2\n'), ';');
    // Delimiters inside quoted cells do not count.
    assert.equal(detectDelimiter('cpt,desc\n47383,"a;b;c"\n'), ',');
  });
  it('reports an unclosed quote with its range and goes on', () => {
    const text = 'cpt,units\n"99213,1\n99214,1\n';
    const table = parseCsv(text);
    assert.equal(table.problems[0].kind, 'unclosed-quote');
    assert.equal(table.problems[0].start, text.indexOf('"'));
    assert.equal(table.rows.length, 3);
  });
  it('keeps comment lines out of the rows and the column counts', () => {
    const file = parseChargeFile('# note\ncpt,units\n# another\n99213,1\n#A1 is data, not a comment\n');
    assert.equal(file.table.comments.length, 2);
    assert.equal(file.lines.length, 2);
    assert.equal(file.lines[1].codeValue, '#A1');
  });
});

describe('charge file: columns and modifiers', () => {
  it('reads modifiers attached, from a list column and from mod1..mod4, in order', () => {
    const file = parseChargeFile('cpt,modifiers,mod1,mod2\n47383-22,51|59,RT,\n');
    assert.deepEqual(file.lines[0].modifiers.map((m) => [m.value, m.source]), [
      ['22', 'code'],
      ['51', 'list'],
      ['59', 'list'],
      ['RT', 'column'],
    ]);
    assert.equal(file.lines[0].codeValue, '47383');
  });
  it('splits modifier lists on space, comma, pipe and dash', () => {
    for (const cell of ['22 51', '"22,51"', '22|51', '22-51', '"22, 51"']) {
      const file = parseChargeFile(`cpt,mod\n47383,${cell}\n`);
      assert.deepEqual(file.lines[0].modifiers.map((m) => m.value), ['22', '51'], cell);
    }
  });
  it('maps unusual headers through the columns setting', () => {
    const file = parseChargeFile('Svc Cd,Qty\n99213,2\n', { columns: { 'svc cd': 'code' } });
    assert.equal(file.lines[0].codeValue, '99213');
    assert.equal(file.lines[0].units?.text, '2');
  });
  it("checks one patient's lines together across claims, by service day (date + provider)", () => {
    const file = parseChargeFile('claim,patient,dos,npi,cpt\nC1,P1,2025-10-14,1,99213\nC1,P1,2025-10-15,1,20610\nC2,P1,10/14/2025,1,99214\nC3,P1,2025-10-14,2,99214\nC4,P2,2025-10-14,1,99213\n');
    assert.equal(file.claims.size, 2, 'two patients');
    const p1 = file.claims.get(file.lines[0].claimKey);
    assert.equal(p1?.lines.length, 4);
    assert.deepEqual(p1?.days.map((d) => d.map((l) => l.index)), [[0, 2], [1], [3]], 'same date written two ways is one day; another provider is another');
    assert.deepEqual(file.lines.map((l) => l.claimLabel), ['C1', 'C1', 'C2', 'C3', 'C4']);
  });
  it('falls back to the account, then the claim id; a line with no identifier is checked alone', () => {
    const byAccount = parseChargeFile('HAR,claim,dos,cpt\nA1,C1,2025-10-14,99213\nA1,C2,2025-10-14,20610\nA2,C3,2025-10-14,20610\n');
    assert.equal(byAccount.claims.size, 2);
    const byClaim = parseChargeFile('claim,dos,cpt\nC1,2025-10-14,99213\nC1,2025-10-14,20610\n');
    assert.equal(byClaim.claims.size, 1);
    const none = parseChargeFile('dos,cpt\n2025-10-14,99213\n2025-10-14,20610\n2025-10-14,20610\n');
    assert.equal(none.claims.size, 3, 'no patient, account or claim column: lines are never compared');
    const same = parseChargeFile('patient,claim,cpt\n1001,,99213\n,1001,20610\n');
    assert.equal(same.claims.size, 2, 'a patient "1001" and a claim "1001" are different groups');
  });
});

describe('dates of service', () => {
  it('reads ISO, US and compact dates', () => {
    assert.equal(parseServiceDate('2025-10-14'), '2025-10-14');
    assert.equal(parseServiceDate('10/14/2025'), '2025-10-14');
    assert.equal(parseServiceDate('1/2/2025'), '2025-01-02');
    assert.equal(parseServiceDate('20251014'), '2025-10-14');
    assert.equal(parseServiceDate('2025-10-14T08:30:00'), '2025-10-14');
  });
  it('refuses impossible dates and other text', () => {
    for (const t of ['2025-02-30', '2023-02-29', '13/01/2025', '2025-1-5', 'yesterday', '']) assert.equal(parseServiceDate(t), undefined, t);
    assert.equal(parseServiceDate('2024-02-29'), '2024-02-29');
  });
});
