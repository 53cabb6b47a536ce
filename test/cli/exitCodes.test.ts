/** `cpt-lens` as a process: exit codes 0/1/2, I/O errors, invalid settings, binary files, directories, --help and --version. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'bin', 'cpt-lens.js');
// A HOME without ~/.cptlens, so a machine's imported data (NCCI) never changes the results.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-home-'));
const run = (...args: string[]) =>
  spawnSync('node', [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 20000, env: { ...process.env, HOME: home } });

describe('cpt-lens CLI', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-cli-'));
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  });

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('prints path:line:col severity rule-id message and exits 1 on errors', () => {
    const file = write('bad.csv', 'cpt,units\n47383,1\n99999,1\n');
    const result = run('check', file);
    assert.equal(result.status, 1);
    const errors = result.stdout.split('\n').filter((line) => line.includes(' error '));
    assert.deepEqual(errors, [`${file}:3:1 error unknown-code 99999 is not a known CPT/HCPCS code: it is in neither the RVU25D fee schedule nor the HCPCS Level II file. Check for a transposed or dropped digit.`]);
  });

  it('exits 0 on a clean file', () => {
    const result = run('check', write('good.csv', 'claim,dos,cpt,units,pos,dx1\nC1,2025-10-14,47383,1,22,C22.0\n'));
    assert.equal(result.status, 0, result.stderr);
    // Only the one-per-file note that NCCI tables are not imported: no therapy or drug line, so no note on those lists.
    assert.deepEqual(result.stdout.trim().split('\n').map((line) => line.split(' ').slice(1, 3).join(' ')), ['information ncci-ptp']);
  });
  it('says the CMS lists are not loaded only in a file with lines they are about', () => {
    const result = run('check', write('therapy.csv', 'claim,dos,cpt,modifiers,units,pos,dx1\nC1,2025-10-14,97110,GP,1,11,M54.50\nC1,2025-10-14,J1100,,4,11,M54.50\n'));
    const note = result.stdout.split('\n').find((line) => line.includes('required-modifier'));
    assert.match(note ?? '', /always-therapy code list \(GP\/GO\/GN\) and the single-dose container drug list \(JW\/JZ\) are not loaded/, result.stdout);
  });

  it('exits 2 on usage and I/O errors, after checking what it could', () => {
    assert.equal(run('check').status, 2);
    assert.equal(run('frobnicate').status, 2);
    const missing = run('check', path.join(dir, 'missing.csv'), write('also-bad.csv', 'cpt\n99999\n'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing\.csv: no such file or directory/);
    assert.match(missing.stdout, /unknown-code/);
  });

  it('reports an invalid setting with its file and ignores it, checking with the rest', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'cfg-'));
    fs.writeFileSync(path.join(sub, '.cptlens.json'), '{ "rules": { "unknown-code": "loud", "modifier-order": "off" } }');
    const file = path.join(sub, 'a.csv');
    fs.writeFileSync(file, 'cpt,units\n99999,1\n');
    const result = run('check', file);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\.cptlens\.json: rules\.unknown-code: "loud" is not one of error, warning, information, hint, off/);
    assert.match(result.stdout, /a\.csv:2:1 error unknown-code /);
    assert.doesNotMatch(result.stdout, /loud/);
  });

  it('skips a binary file with a message naming it', () => {
    const file = write('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const result = run('check', file);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /image\.csv:1:1: skipped: binary file/);
  });

  it('walks directories for charge files and notes', () => {
    const result = run('check', path.join(root, 'examples'));
    assert.equal(result.status, 1);
    assert.match(result.stdout, /examples\/charges\.csv:\d+:\d+ error code-shape "4738"/);
  });

  it('answers --help and --version', () => {
    const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    const lines = run('--version').stdout.trim().split('\n');
    assert.equal(lines[0], version);
    // Then every table with its period.
    assert.ok(lines.some((l) => /^ {2}ICD-10-CM FY2025: 2024-10-01 to 2025-09-30$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^ {2}Fee schedule RVU25D: 2025-10-01 to 2025-12-31$/.test(l)));
    // And the CMS lists and notes that are imported, not bundled.
    for (const name of ['NCCI', 'Therapy code list \\(GP/GO/GN\\)', 'Single-dose drug list \\(JW/JZ\\)', 'ICD-10-CM "code first" notes']) {
      assert.ok(lines.some((l) => new RegExp(`^ {2}${name}: `).test(l)), `${name} in ${lines.join('\n')}`);
    }
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /cpt-lens check .*FILE\|DIR/);
    assert.match(help.stdout, /serve --stdio/);
  });
});
