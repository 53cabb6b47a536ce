import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCodeSet } from '../../../server/src/codeset/load';
import { parseCodeSpan, spanHolds } from '../../../server/src/codeset/knowledge/codeRanges';
import { parseKnowledgeFile } from '../../../server/src/codeset/knowledge/record';
import { bundled, dataDir, fixturesDir } from './support';

const folder = path.join(fixturesDir, 'knowledge-families');
const file = path.join(folder, 'synthetic-families.json');
const text = fs.readFileSync(file, 'utf8');
/** The line of the first occurrence of `marker` in the fixture (1-based). */
const lineOf = (marker: string, from = 0): number => text.slice(0, text.indexOf(marker, from)).split('\n').length;

describe('knowledge families (schema 2)', () => {
  const { codeSet, problems } = loadCodeSet({ dataDir, knowledgeDirs: [folder] });
  const mine = problems.filter((p) => p.file === file);
  const at = (line: number): string[] => mine.filter((p) => p.line === line).map((p) => p.message);

  it('reads codes and ranges: a range holds the codes of its shape between its ends', () => {
    const span = parseCodeSpan('29870-29889');
    assert.ok(!('error' in span));
    assert.ok(spanHolds(span, '29881') && spanHolds(span, '29870') && spanHolds(span, '29889'));
    assert.ok(!spanHolds(span, '29890') && !spanHolds(span, '2988T'));
    assert.match((parseCodeSpan('29889-29870') as { error: string }).error, /backwards/);
    assert.match((parseCodeSpan('1120F-11200') as { error: string }).error, /different shapes/);
    assert.match((parseCodeSpan('10000-19999') as { error: string }).error, /spans 10000 codes/);
    assert.match((parseCodeSpan('2988') as { error: string }).error, /neither/);
  });

  it('gives the family record, with the code\'s own entry and documentation, for any member code', () => {
    const r81 = codeSet.knowledge('29881');
    assert.equal(r81?.source, file, 'the organisation\'s family wins for the codes it covers');
    assert.equal(r81?.code, '29881');
    assert.equal(r81?.family, 'SYNTHETIC meniscus family');
    assert.equal(r81?.entry?.distinguishing, 'SYNTHETIC one meniscus');
    assert.deepEqual(r81?.entry?.quantity, { kind: 'count', max: 1 });
    assert.deepEqual(r81?.documentation.map((d) => d.id), ['knee-side', 'which-meniscus'], 'family elements, then the entry\'s');
    const r80 = codeSet.knowledge('29880');
    assert.equal(r80?.entry?.distinguishing, 'SYNTHETIC both menisci');
    assert.deepEqual(r80?.documentation.map((d) => d.id), ['knee-side']);
    assert.deepEqual(r81?.bundling.map((b) => b.includes), [['29877']]);
    assert.equal(codeSet.knowledge('29870')?.source, 'bundled', 'bundled family members outside the organisation\'s range stay');
  });

  it('reports codes the data lacks with their line, ignores those entries and keeps the record', () => {
    const record = codeSet.knowledge('11401');
    assert.equal(record?.entry?.distinguishing, 'SYNTHETIC 0.6 to 1 cm');
    assert.equal(codeSet.knowledge('11405'), undefined, 'no code, no record');
    assert.ok(at(lineOf('"11425"]')).some((m) => /11425 is not a code in the loaded data/.test(m)), JSON.stringify(mine));
    assert.ok(at(lineOf('"11405": {')).some((m) => /11405 is not a code in the loaded data; its entry is ignored/.test(m)));
  });

  it('skips a record with a bad code, a bad range, an entry outside it, a bad quantity or a key written twice, at the line of the fault', () => {
    const expect = (line: number, pattern: RegExp): void => assert.ok(at(line).some((m) => pattern.test(m) && / skipped: /.test(m)), `${line}: ${JSON.stringify(mine, null, 1)}`);
    expect(lineOf('"1200"'), /"1200" is neither a five-character code nor a range/);
    expect(lineOf('"13160-13100"'), /runs backwards/);
    expect(lineOf('"1120F-11200"'), /different shapes/);
    expect(lineOf('"10000-19999"'), /spans 10000 codes/);
    expect(lineOf('"45399"'), /entry 45399 is not among the record's codes \(45378-45398\)/);
    expect(lineOf('"min": 3'), /min 3 is above max 1/);
    expect(lineOf('"52000": {', text.indexOf('BROKEN-TWICE')) , /"52000" is written twice/);
    expect(lineOf('"schema": 3'), /"schema" 3 is not 1 or 2/);
    for (const code of ['12001', '13100', '11200', '45378', '43239', '52000']) assert.equal(codeSet.knowledge(code)?.source ?? 'bundled', 'bundled', code);
  });

  it('reports a second record for a code already covered in the same folder at its line, and skips it', () => {
    const line = lineOf('DUPLICATE') - 3;
    assert.ok(at(line).some((m) => /A knowledge record for 29881 was already read from this folder \(29880-29881\); this one is skipped/.test(m)), JSON.stringify(mine, null, 1));
    assert.notEqual(codeSet.knowledge('29881')?.summary, 'DUPLICATE: 29881 is already in the first record of this folder.');
  });

  it('keeps schema 1 one-code records valid', () => {
    const records = parseKnowledgeFile('{"schema": 1, "code": "47383", "summary": "s", "description": "d", "documentation": []}', 'x.json', 'test', []);
    assert.deepEqual(records.map((r) => [r.code, r.codes, r.entries.size, r.bundling.length]), [['47383', ['47383'], 0, 0]]);
    const problems: { message: string }[] = [];
    parseKnowledgeFile('{"code": "47383", "codes": ["47383"], "summary": "s", "description": "d", "documentation": []}', 'x.json', 'test', problems as never);
    assert.match(problems[0].message, /"code" or "codes", not both/);
  });

  it('keeps "countsUnits" on a documentation element, and refuses a value that is not true or false', () => {
    const doc = (countsUnits: string): string =>
      `{"code": "20610", "summary": "s", "description": "d", "documentation": [{"id": "joints", "label": "Joints", "synonyms": ["# joints"], "countsUnits": ${countsUnits}}]}`;
    assert.equal(parseKnowledgeFile(doc('true'), 'x.json', 'test', [])[0]?.documentation[0].countsUnits, true);
    assert.equal(parseKnowledgeFile(doc('false'), 'x.json', 'test', [])[0]?.documentation[0].countsUnits, undefined);
    const problems: { message: string }[] = [];
    assert.deepEqual(parseKnowledgeFile(doc('"yes"'), 'x.json', 'test', problems as never), []);
    assert.match(problems[0].message, /optionally "conditional" and "countsUnits" \(true\/false\)/);
  });

  it('bundled families name only codes of the bundled fee schedule, each member with its own distinguishing phrase', () => {
    const { codeSet: shipped, problems: shippedProblems } = bundled();
    assert.deepEqual(shippedProblems.filter((p) => p.file.includes(`${path.sep}knowledge${path.sep}`)), [], 'no problem in the shipped records');
    const phrases = new Map<string, string>();
    for (const code of shipped.procedureCodes()) {
      const record = shipped.knowledge(code);
      if (!record || record.entries.size === 0) continue;
      assert.ok(shipped.procedure(code)?.row, `${code} is in the fee schedule`);
      assert.ok(record.entry, `${code} is a member of ${record.family} and has an entry`);
      const key = `${record.family}|${record.entry.distinguishing}`;
      assert.ok(!phrases.has(key), `${code} and ${phrases.get(key)} read the same`);
      phrases.set(key, code);
    }
  });
});
