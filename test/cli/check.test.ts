/** `cpt-lens check` end to end (the built bundle): output formats, config discovery, the example files. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../golden/testCodeSet';

const bin = path.join(repoRoot, 'bin', 'cpt-lens.js');
// A HOME without ~/.cptlens, so the user's imported data never changes the results.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-home-'));

function run(args: string[], cwd = repoRoot): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, HOME: home } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cpt-lens check', function () {
  this.timeout(30000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-cli-'));
  const file = path.join(dir, 'charges.csv');
  fs.writeFileSync(file, 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1\nC1,P1,2025-10-14,47383-51-22,,1,22,C22.0\nC2,P2,2025-10-14,99999,,1,11,E11.9\n');

  it('prints path:line:col severity rule message and exits 1 on errors', () => {
    const r = run([file]);
    assert.equal(r.code, 1);
    assert.match(r.out, /charges\.csv:2:24 warning modifier-order /);
    assert.match(r.out, /charges\.csv:3:18 error unknown-code /);
  });
  it('--format json gives findings with data and fixes', () => {
    const r = run(['--format', 'json', file]);
    const findings = JSON.parse(r.out) as { ruleId: string; line: number; fixes?: { safe: boolean }[] }[];
    const order = findings.find((f) => f.ruleId === 'modifier-order');
    assert.equal(order?.line, 2);
    assert.equal(order?.fixes?.[0].safe, true);
  });
  it('--format sarif is SARIF 2.1.0 with every rule described', () => {
    const r = run(['--format=sarif', file]);
    const log = JSON.parse(r.out) as { version: string; runs: { tool: { driver: { rules: unknown[] } }; results: { ruleId: string; level: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].tool.driver.rules.length >= 25);
    assert.deepEqual(log.runs[0].results.map((x) => `${x.ruleId}:${x.level}`), ['ncci-ptp:note', 'modifier-order:warning', 'unknown-code:error']);
  });
  it('reads the nearest .cptlens.json, and --config', () => {
    fs.writeFileSync(path.join(dir, '.cptlens.json'), JSON.stringify({ rules: { 'unknown-code': 'warning', 'modifier-order': 'off', 'ncci-ptp': 'off', 'required-modifier': 'off' } }));
    const r = run([file]);
    assert.equal(r.code, 0);
    assert.equal(r.out.trim().split('\n').length, 1);
    assert.match(r.out, /warning unknown-code/);
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    const bad = run(['--config', other, file]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown rule "no-such-rule"/);
    fs.rmSync(path.join(dir, '.cptlens.json'));
  });
  it('turns a note rule off from .cptlens.json as it does a charge rule (one registry for both)', () => {
    const notes = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-cli-note-'));
    const note = path.join(notes, 'note.md');
    fs.writeFileSync(note, '# Operative note\n\nProcedure: CPT 47383, percutaneous cryoablation of a liver tumor.\n');
    const before = run([note]);
    assert.match(before.out, /documentation-missing/);
    fs.writeFileSync(path.join(notes, '.cptlens.json'), JSON.stringify({ rules: { 'documentation-missing': 'off', 'unknown-code': 'off' } }));
    const after = run([note]);
    assert.notEqual(after.code, 2, after.err);
    assert.doesNotMatch(after.err, /unknown rule|problem/i);
    assert.doesNotMatch(after.out, /documentation-missing/);
    fs.rmSync(notes, { recursive: true, force: true });
  });
  it('skips and adds operative-report elements from .cptlens.json, and reports a bad element', () => {
    const notes = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-cli-opnote-'));
    const note = path.join(notes, 'hernia.md');
    fs.writeFileSync(note, 'Procedure code(s): CPT 49505\nSurgeon: J. Rivera, MD\nPre-operative diagnosis: inguinal hernia. Post-operative diagnosis: same.\nAnesthesia: general.\nTechnique: the sac was reduced and the floor repaired with mesh through a groin incision.\nFindings: indirect hernia. EBL 10 mL. Specimens: none. Complications: none.\n');
    const elements = (out: string): string[] => out.split('\n').filter((l) => l.includes('operative-report-element')).map((l) => /shows: ([^.]+)\./.exec(l)?.[1] ?? l);
    assert.deepEqual(elements(run([note]).out), ['Disposition and condition']);
    fs.writeFileSync(path.join(notes, '.cptlens.json'), JSON.stringify({ operativeReport: { skip: ['disposition'], elements: [{ id: 'wound-class', label: 'Wound classification', synonyms: ['wound class'] }, { id: 'Bad' }] } }));
    const after = run([note]);
    assert.deepEqual(elements(after.out), ['Wound classification']);
    assert.match(after.err, /operativeReport\.elements\.1/);
    fs.rmSync(notes, { recursive: true, force: true });
  });
  it('checks the example file with one finding of most kinds', () => {
    const r = run(['examples/charges.csv']);
    const rules = new Set(r.out.split('\n').filter(Boolean).map((l) => l.split(' ')[2]));
    for (const id of ['csv-structure', 'code-shape', 'unknown-code', 'modifier-not-allowed', 'global-surgery', 'diagnosis-pointer', 'suppression']) assert.ok(rules.has(id), id);
  });
});
