/** `cpt-lens check` reads UTF-16 exports (with a byte-order mark) as it reads UTF-8, and names a binary file. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../golden/testCodeSet';

const bin = path.join(repoRoot, 'bin', 'cpt-lens.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-home-'));
const TEXT = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1\nC1,P1,2025-10-14,47383-51-22,,1,22,C22.0\nC2,P2,2025-10-14,99999,,1,11,E11.9 😀\n';

function check(name: string, bytes: Buffer): { code: number | null; findings: string[]; err: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-enc-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json', file], { encoding: 'utf8', env: { ...process.env, HOME: home } });
  fs.rmSync(dir, { recursive: true, force: true });
  const findings = r.stdout.trim() ? (JSON.parse(r.stdout) as { ruleId: string; line: number; column: number; endColumn: number }[]).map((f) => `${f.ruleId}@${f.line}:${f.column}-${f.endColumn}`) : [];
  return { code: r.status, findings, err: r.stderr };
}

describe('cpt-lens check: encodings', function () {
  this.timeout(30_000);
  const utf8 = check('charges.csv', Buffer.from(TEXT, 'utf8'));

  it('finds the same in UTF-16 LE and BE (with a BOM) as in UTF-8', () => {
    assert.equal(utf8.code, 1);
    assert.ok(utf8.findings.some((f) => f.startsWith('unknown-code@3:')), utf8.findings.join(' '));
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    assert.deepEqual(check('le.csv', le).findings, utf8.findings);
    assert.deepEqual(check('be.csv', be).findings, utf8.findings);
  });
  it('still skips a binary file with a message and exit 2', () => {
    const r = check('binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]));
    assert.equal(r.code, 2);
    assert.match(r.err, /binary\.csv:1:1: skipped: binary file, not a charge file or note/);
  });
});
