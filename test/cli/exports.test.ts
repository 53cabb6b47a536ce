/**
 * A generated multi-vendor corpus (scripts/generate-exports.mjs, SYNTHETIC): every vendor
 * style is read so that no claim finding crosses accounts and every problem planted inside an
 * account is found; a file without a key column warns instead of guessing.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

describe('real-export corpus (generated, several vendor header styles)', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-exports-'));
    execFileSync(process.execPath, [path.join(root, 'scripts', 'generate-exports.mjs'), dir, '--accounts', '60']);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds every planted problem inside an account and no claim finding across accounts', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'scripts', 'measure-exports.mjs'), dir], { encoding: 'utf8' });
    const rows = out.trim().split('\n').filter((l) => l.endsWith('.csv') || /\.csv\s/.test(l));
    assert.ok(rows.length >= 5, out);
    for (const row of rows) {
      const m = /^(\S+)\s+planted (\d+), found (\d+), false claim findings (\d+)/.exec(row) as RegExpExecArray;
      assert.equal(m[4], '0', row);
      if (m[1] === 'no-key.csv') assert.match(row, /claim-grouping warning/);
      else assert.equal(m[3], m[2], row);
    }
  });

  it('ends quietly when its reader stops early (| head)', () => {
    const run = spawnSync('bash', ['-c', `node "${path.join(root, 'bin', 'cpt-lens.js')}" check "${path.join(dir, 'epic.csv')}" | head -1`], { encoding: 'utf8' });
    assert.equal(run.stdout.split('\n').filter(Boolean).length, 1);
    assert.doesNotMatch(run.stderr, /EPIPE|Error/);
  });
});

describe('claims a professional coder accepts (test/fixtures/charges/coder-accepts.good.csv)', function () {
  this.timeout(60000);
  it('has at least 60 lines and draws no error and no warning', () => {
    const file = path.join(root, 'test', 'fixtures', 'charges', 'coder-accepts.good.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => /^CLM\d+,/.test(l));
    assert.ok(lines.length >= 60, `${lines.length} lines`);
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'cpt-lens.js'), 'check', '--format', 'json', file], { encoding: 'utf8' });
    const alarms = (JSON.parse(run.stdout) as { severity: string; line: number; ruleId: string; message: string }[]).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(alarms.map((f) => `${f.line} ${f.ruleId}: ${f.message}`), []);
    assert.equal(run.status, 0);
  });
});
