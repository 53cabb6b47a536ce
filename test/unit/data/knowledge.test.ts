import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCodeSet } from '../../../server/src/codeset/load';
import { parseJsonWithLines } from '../../../server/src/codeset/knowledge/jsonLines';
import { bundled, dataDir, fixturesDir } from './support';

const folder = path.join(fixturesDir, 'knowledge');

describe('knowledge records', () => {
  it('has the bundled 47383 record with every documentation element the issue names', () => {
    const record = bundled().codeSet.knowledge('47383');
    assert.ok(record);
    assert.equal(record.source, 'bundled');
    assert.deepEqual(record.documentation.map((d) => [d.id, d.conditional]), [
      ['preoperative-imaging', false], ['probe-placement', false], ['freeze-thaw-cycles', false], ['tumor-count', false],
      ['imaging-guidance', false], ['complications', false], ['postoperative-imaging', true], ['pathology-report', true], ['anesthesia-record', true],
    ]);
    for (const d of record.documentation) assert.ok(d.label && d.synonyms.length > 0, d.id);
    assert.deepEqual([record.betos, record.betosName], ['P1G', 'Major procedure - other']);
    assert.deepEqual(record.placesOfService, ['21', '22', '24']);
    assert.deepEqual(record.modifiers.map((m) => m.code).slice(0, 3), ['22', '51', '59']);
    assert.ok(record.summary && record.description && record.performedBy && record.examples.length === 3 && record.medicalNecessity.length > 0 && record.codingNotes.length > 0);
    assert.deepEqual(record.specialties, ['Surgical oncology', 'Interventional radiology', 'Hepatobiliary surgery']);
  });

  it('says where the record and CMS disagree on TC, and CMS data keeps PC/TC 0', () => {
    const { codeSet } = bundled();
    assert.match(codeSet.knowledge('47383')?.modifiers.find((m) => m.code === 'TC')?.guidance ?? '', /PC\/TC indicator 0/);
    assert.equal(codeSet.procedure('47383')?.row?.pctc, '0');
  });

  it('loads an organisation folder, reporting broken records with file and line and skipping them', () => {
    const { codeSet, problems } = loadCodeSet({ dataDir, knowledgeDirs: [folder] });
    assert.equal(codeSet.knowledge('47382')?.source, path.join(folder, 'synthetic-valid-47382.json'));
    assert.equal(codeSet.knowledge('47382')?.betosName, 'Major procedure - other', 'BETOS name joined from the table');
    assert.equal(codeSet.knowledge('47382')?.documentation[0].conditional, false, 'conditional defaults to false');
    assert.ok(codeSet.knowledge('47380'), 'the valid record of a list with a broken one loads');
    assert.equal(codeSet.knowledge('47381'), undefined);
    assert.equal(codeSet.knowledge('47371'), undefined);
    assert.ok(codeSet.knowledge('47383'), 'bundled records stay');
    const at = problems.map((p) => `${path.basename(p.file)}:${p.line}`);
    assert.deepEqual(at.sort(), ['synthetic-broken-fields.json:14', 'synthetic-broken-fields.json:16', 'synthetic-broken-syntax.json:6'].sort(), JSON.stringify(problems, null, 1));
    assert.equal(codeSet.version().knowledgeRecords, bundled().codeSet.version().knowledgeRecords + 2, 'the two valid organisation records join the bundled ones');
  });

  it('reports a missing folder', () => {
    const { problems } = loadCodeSet({ dataDir, knowledgeDirs: [path.join(folder, 'nope')] });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /cannot read the knowledge folder/);
  });

  it('parses JSON with the line of every value', () => {
    const parsed = parseJsonWithLines('{\n "a": [\n  1,\n  {"b": true}\n ]\n}');
    assert.deepEqual(parsed.value, { a: [1, { b: true }] });
    assert.deepEqual(['', 'a', 'a.0', 'a.1.b', 'a.1.missing'].map(parsed.lineOf), [1, 2, 3, 4, 4]);
    assert.deepEqual(parseJsonWithLines('{\n "a": 1,\n}').error?.line, 3);
  });
});
