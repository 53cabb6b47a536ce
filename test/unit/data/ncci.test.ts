import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runImport } from '../../../server/src/cli/import';
import { loadCodeSet } from '../../../server/src/codeset/load';
import { importNcci } from '../../../server/src/codeset/ncci/importNcci';
import { parsePtpFile } from '../../../server/src/codeset/ncci/ptpFile';
import { dataDir, fixturesDir } from './support';

const ncciDir = path.join(fixturesDir, 'ncci');
const fixture = (name: string): string => path.join(ncciDir, name);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-ncci-'));
}

function runCli(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runImport(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, new Date('2026-01-02T03:04:05Z'));
  return { code, out, err };
}

describe('NCCI import (synthetic files in the CMS layouts)', () => {
  let userDir: string;
  beforeEach(() => {
    userDir = tempDir();
  });
  afterEach(() => fs.rmSync(userDir, { recursive: true, force: true }));

  it('reports every bad row with file and line, and imports the good ones', () => {
    const result = runCli(['ncci', ncciDir, '--out', userDir]);
    const f1 = fixture('synthetic-ccipra-v000r0-f1.txt');
    assert.deepEqual(result.err.filter((l) => l.startsWith(`${f1}:`)).map((l) => l.slice(f1.length + 1).split(':')[0]), ['9', '10', '11', '12', '13']);
    assert.ok(result.err.some((l) => l.startsWith(`${fixture('synthetic-mue-practitioner.csv')}:7: MUE row J1100 skipped`)), result.err.join('\n'));
    assert.ok(result.err.some((l) => l.startsWith(`${fixture('synthetic-mue-practitioner.csv')}:8:`)));
    assert.ok(result.err.some((l) => l.startsWith(`${fixture('synthetic-aoc.csv')}:6:`)));
    assert.ok(result.out.includes(`${f1}: 4 PTP rows, 5 skipped (the file declares itself not CMS data: "SYNTHETIC TEST DATA: made for CPT Lens tests in the layout of the CMS NCCI pract…")`), result.out.join('\n'));
    // The summary names each table with its rows, and says the data is not CMS's.
    assert.ok(result.out.includes('PTP (procedure-to-procedure edits) ccipra-v000r0: 6 rows from 4 file(s)'), result.out.join('\n'));
    assert.ok(result.out.some((l) => /^MUE \(medically unlikely edits\) .*: 3 rows from 2 file\(s\)$/.test(l)), result.out.join('\n'));
    assert.ok(result.out.some((l) => /^add-on code table .*: 3 rows from 2 file\(s\)$/.test(l)), result.out.join('\n'));
    assert.ok(result.out.includes('8 imported file(s) declare themselves synthetic or not CMS data: do not use the result for real claims.'));
    assert.equal(result.code, 1, 'imported, with skipped rows');
    // The folder holds the zip too: its copies of f1/f2 are the same edits, kept once.
    assert.match(result.out[result.out.length - 1], /PTP ccipra-v000r0 6 edits \(6 duplicates kept once\); MUE .* 3 codes; AOC .* 3 pairs/);
  });

  it('serves the imported edits through the code set, by date of service', () => {
    runCli(['ncci', ncciDir, '--out', userDir]);
    const { codeSet, problems } = loadCodeSet({ dataDir, userDataDir: userDir });
    assert.deepEqual(problems, []);
    const on2025 = codeSet.ptpEdits('47383', '2025-03-01');
    assert.deepEqual(on2025.map((e) => `${e.column1}/${e.column2}:${e.modifierIndicator}`), ['47383/76940:1', '47383/77013:1', '22612/47383:1']);
    assert.deepEqual(codeSet.ptpEdits('47383', '2023-06-01').map((e) => e.column2), ['49083', '76940', '77013', '47383']);
    assert.equal(codeSet.ptpEdits('47383').length, 4, 'no date: every edit');
    const old = codeSet.ptpEdits('47382')[0];
    assert.deepEqual(old, { column1: '47382', column2: '76940', effective: '1996-01-01', deletion: '', modifierIndicator: '9', rationale: 'Standards of medical / surgical practice', priorTo1996: true });
    assert.deepEqual(codeSet.mue('47383'), { code: '47383', value: 1, mai: '2', rationale: 'Anatomic Consideration' });
    assert.equal(codeSet.mue('J1100'), undefined, 'bad MUE row not loaded');
    assert.deepEqual(codeSet.addOnPrimaries('22614', '2025-03-01')?.map((e) => e.primary), ['22630']);
    assert.deepEqual(codeSet.addOnPrimaries('22614', '2024-06-01')?.map((e) => e.primary), ['22612', '22630']);
    assert.deepEqual(codeSet.addOnPrimaries('47383', '2025-03-01'), []);
    assert.match(codeSet.version().ncci ?? '', /^PTP ccipra-v000r0; MUE synthetic-mue-practitioner; AOC synthetic-aoc$/);
  });

  it('reads the CMS zip form, keeps tables not in a later import, and says when no AOC table is loaded', () => {
    const report = importNcci([fixture('synthetic-ncci-practitioner.zip')], userDir);
    assert.deepEqual(report.errors, []);
    assert.equal(report.manifest.tables.ptp?.rows, 6);
    assert.ok(report.files.some((f) => f.name.endsWith('synthetic-README.txt') && f.skipped));
    let { codeSet } = loadCodeSet({ dataDir, userDataDir: userDir });
    assert.equal(codeSet.addOnPrimaries('22614'), undefined, 'no AOC table: unknown, not none');
    importNcci([fixture('synthetic-mue-practitioner.csv')], userDir);
    ({ codeSet } = loadCodeSet({ dataDir, userDataDir: userDir }));
    assert.equal(codeSet.ptpEdits('64484').length, 1, 'PTP kept from the earlier import');
    assert.equal(codeSet.mue('64484')?.mai, '1');
  });

  it('reads the Excel forms: first sheet, shared strings, Excel dates, bad rows at their sheet row', () => {
    const report = importNcci([path.join(ncciDir, 'xlsx')], userDir);
    assert.deepEqual(report.errors, []);
    const mue = report.files.find((f) => f.name.endsWith('synthetic-mue-practitioner.xlsx'));
    assert.equal(mue?.rows, 3);
    assert.deepEqual(mue?.problems.map((p) => p.line), [7]);
    const { codeSet } = loadCodeSet({ dataDir, userDataDir: userDir });
    assert.deepEqual(codeSet.mue('64484'), { code: '64484', value: 4, mai: '1', rationale: 'CMS Policy' });
    assert.deepEqual(codeSet.addOnPrimaries('22614')?.map((e) => [e.primary, e.effective, e.deletion]), [['22612', '2004-01-01', '2024-12-31'], ['22630', '2020-01-01', '']]);
  });

  it('refuses input with nothing importable, and leaves the index alone', () => {
    const junk = path.join(userDir, 'notes.txt');
    fs.writeFileSync(junk, 'hello\nworld\n');
    const result = runCli(['ncci', junk, path.join(userDir, 'missing.txt'), '--out', userDir]);
    assert.equal(result.code, 2);
    assert.ok(result.err.some((l) => l.includes('missing.txt: no such file')));
    assert.ok(!fs.existsSync(path.join(userDir, 'ncci', 'manifest.json')));
  });

  it('reports a damaged index instead of failing to load', () => {
    runCli(['ncci', ncciDir, '--out', userDir]);
    fs.writeFileSync(path.join(userDir, 'ncci', 'ptp.bin'), 'garbage');
    const { codeSet, problems } = loadCodeSet({ dataDir, userDataDir: userDir });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /not a CPT Lens PTP index/);
    assert.deepEqual(codeSet.ptpEdits('47383'), []);
    assert.equal(codeSet.mue('47383')?.value, 1, 'the other tables still load');
  });

  it('reads the header nearest the data, past tab-separated title lines', () => {
    const text = 'SYNTHETIC\tTEST\tDATA\tline with tabs\tand effective modifier words\nColumn 1\tColumn 2\t*=prior to 1996\tEffective Date\tDeletion Date\tModifier\tRationale\n47383\t76940\t\t20200101\t*\t1\tx\n';
    const rows: string[] = [];
    assert.deepEqual(parsePtpFile(text, (r) => rows.push(r.column2)).problems, []);
    assert.deepEqual(rows, ['76940']);
  });

  it('finds columns by header name, not position', () => {
    const text = 'SYNTHETIC\nModifier\tColumn 2\tColumn 1\tDeletion Date\tEffective Date\tPrior to 1996\tRationale\n1\t76940\t47383\t*\t20200101\t\tx\n';
    const rows: string[] = [];
    // First cell is not a code here, so the header-less fallback must not kick in; the row is read by names.
    const result = parsePtpFile(text.replace('1\t76940', '76940\t1').replace('Modifier\tColumn 2', 'Column 2\tModifier'), (r) => rows.push(`${r.column1}/${r.column2}:${r.modifierIndicator}`));
    assert.deepEqual(result.problems, []);
    assert.deepEqual(rows, ['47383/76940:1']);
  });
});
