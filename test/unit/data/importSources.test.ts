import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runImport } from '../../../server/src/cli/import';
import { importSource } from '../../../server/src/codeset/importSources';
import { loadCodeSet } from '../../../server/src/codeset/load';
import { bundled, dataDir, sourcesDir } from './support';

function cli(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runImport(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('cpt-lens import hcpcs|rvu|icd10 (a later release into the user data folder)', function () {
  this.timeout(60000);
  let userDir: string;
  beforeEach(() => {
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-import-'));
  });
  afterEach(() => fs.rmSync(userDir, { recursive: true, force: true }));

  it('imports an HCPCS file (the fixed-width form, gzip-compressed as the repository keeps it) and version() shows its release', () => {
    const result = cli(['hcpcs', path.join(sourcesDir, 'hcpcs-level2', 'HCPC2025_JAN_ANWEB_12172024.txt.gz'), '--out', userDir]);
    assert.deepEqual(result.err, []);
    assert.equal(result.code, 0);
    assert.match(result.out[0], /^hcpcs HCPC2025_JAN: 8259 rows/);
    const { codeSet, problems } = loadCodeSet({ dataDir, userDataDir: userDir });
    assert.deepEqual(problems, []);
    assert.equal(codeSet.version().hcpcs, 'HCPC2025_JAN');
    const mine = codeSet.procedure('G0439')?.hcpcs;
    const shipped = bundled().codeSet.procedure('G0439')?.hcpcs;
    assert.deepEqual({ ...mine, release: '' }, { ...shipped, release: '' }, 'the import compiles as the bundled build does');
    assert.equal(codeSet.modifier('XS')?.addDate, '2015-01-01');
    assert.equal(codeSet.modifier('59')?.source, 'cpt', 'CPT modifiers stay');
  });

  it('imports a fee-schedule file and an ICD-10-CM order file', () => {
    assert.equal(cli(['rvu', path.join(sourcesDir, 'mpfs-rvu', 'PPRRVU2025_Oct.csv.gz'), '--out', userDir, '--release', 'RVU25D-test']).code, 0);
    assert.equal(cli(['icd10', path.join(sourcesDir, 'icd10cm', 'icd10cm_order_2025.txt.gz'), '--out', userDir]).code, 0);
    const { codeSet, problems } = loadCodeSet({ dataDir, userDataDir: userDir });
    assert.deepEqual(problems, []);
    assert.equal(codeSet.version().feeSchedule, 'RVU25D-test');
    assert.equal(codeSet.version().icd10, 'ICD-10-CM FY2025');
    assert.equal(codeSet.procedure('47383')?.row?.rvu.work, 8.88);
    assert.equal(codeSet.diagnosis('E11.9')?.billable, true);
  });

  it('a failed import (full disk midway) leaves the previous release in use, whole', () => {
    const hcpcs = path.join(sourcesDir, 'hcpcs-level2', 'HCPC2025_JAN_ANWEB_12172024.txt.gz');
    assert.equal(cli(['hcpcs', hcpcs, '--out', userDir, '--release', 'FIRST']).code, 0);
    const folder = path.join(userDir, 'hcpcs');
    const before = Object.fromEntries(fs.readdirSync(folder).sort().map((f) => [f, fs.readFileSync(path.join(folder, f), 'utf8')]));
    const report = importSource('hcpcs', hcpcs, userDir, {
      release: 'SECOND',
      afterWrite: (name) => {
        if (name === 'modifiers.tsv') throw new Error('ENOSPC: no space left on device');
      },
    });
    assert.match(report.error ?? '', /failed \(ENOSPC: no space left on device\); the previous data is unchanged/);
    const after = Object.fromEntries(fs.readdirSync(folder).sort().map((f) => [f, fs.readFileSync(path.join(folder, f), 'utf8')]));
    assert.deepEqual(after, before);
    assert.deepEqual(fs.readdirSync(userDir).filter((f) => f.includes('-import-')), [], 'no staging folder left');
    assert.equal(loadCodeSet({ dataDir, userDataDir: userDir }).codeSet.version().hcpcs, 'FIRST');
  });

  it('writes nothing for a file that is not what it claims, and says why', () => {
    const bogus = path.join(userDir, 'bogus.csv');
    fs.writeFileSync(bogus, 'a,b\n1,2\n');
    const result = cli(['rvu', bogus, '--out', userDir]);
    assert.equal(result.code, 2);
    assert.ok(result.err.some((l) => /nothing written/.test(l)));
    assert.ok(!fs.existsSync(path.join(userDir, 'rvu')));
    assert.equal(cli(['hcpcs']).code, 2, 'usage');
  });

  it('replaces the bundled CPT descriptors with a licensed descriptor file', () => {
    const file = path.join(userDir, 'LONGULT.txt');
    // SYNTHETIC TEST DATA: a descriptor file in the AMA layout, with made-up wording.
    fs.writeFileSync(file, 'CPT Code\tLong Descriptor\n47383\tSYNTHETIC licensed descriptor for testing\nBAD\tline\n');
    const { codeSet, problems } = loadCodeSet({ dataDir, cptDescriptorFile: file });
    assert.equal(codeSet.procedure('47383')?.descriptor, 'SYNTHETIC licensed descriptor for testing');
    assert.equal(codeSet.procedure('47383')?.row?.descriptor, 'SYNTHETIC licensed descriptor for testing');
    assert.equal(codeSet.procedure('47382')?.descriptor, 'Percut ablate liver rf', 'codes not in the file keep the bundled descriptor');
    assert.equal(codeSet.version().cptDescriptors, 'LONGULT.txt');
    assert.deepEqual(problems.map((p) => p.line), [3]);
  });
});
