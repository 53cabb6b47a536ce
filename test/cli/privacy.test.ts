/**
 * Privacy of `cpt-lens check` (issue 15): on a file full of marked patient identifiers,
 * damaged or not, nothing on stderr names one, and the process opens no network socket
 * (test/support/processProbe.js, preloaded, records every attempt).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../golden/testCodeSet';

const bin = path.join(repoRoot, 'bin', 'cpt-lens.js');
const PROBE = path.join(repoRoot, 'test', 'support', 'processProbe.js');
const MARKED = ['PATIENT-ZQX-4471', 'MRN-88812377', 'DOE^JANEWAY', '078-05-1120', 'CLAIM-SECRET-9'];

describe('cpt-lens check: privacy', function () {
  this.timeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-privacy-'));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-home-'));
  const probe = path.join(dir, 'probe.jsonl');
  const rows = [
    'claim_id,patient_id,patient_name,ssn,dos,cpt,modifiers,units,pos,dx1,dx_pointer',
    `${MARKED[4]},${MARKED[0]},${MARKED[2]},${MARKED[3]},2025-10-14,47383,51 22,1,22,C22.0,A`,
    `${MARKED[4]},${MARKED[1]},${MARKED[2]},${MARKED[3]},${MARKED[0]},${MARKED[1]},${MARKED[0]},${MARKED[3]},${MARKED[2]},${MARKED[0]},${MARKED[1]}`,
    `"${MARKED[0]},"${MARKED[1]}",,${'9'.repeat(50_000)}`,
  ];
  fs.writeFileSync(path.join(dir, 'marked.csv'), rows.join('\n'));
  fs.writeFileSync(path.join(dir, 'marked-note.md'), `Patient ${MARKED[0]} (${MARKED[2]}, MRN ${MARKED[1]}): CPT 47383-RT, ${MARKED[3]} ***\n`);
  fs.writeFileSync(path.join(dir, 'binary.csv'), Buffer.concat([Buffer.from(rows.join('\n')), Buffer.from([0, 1, 2, 0xff, 0xfe])]));
  fs.writeFileSync(path.join(dir, 'utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows.join('\n'), 'utf16le')]));
  const bad = path.join(dir, 'bad-config.json');
  fs.writeFileSync(bad, `{ "rules": { "${MARKED[0]}": "off" }, "${MARKED[1]}": 1 }`);

  for (const format of ['text', 'json', 'sarif']) {
    it(`names no identifier on stderr and opens no socket (--format ${format})`, () => {
      for (const args of [[dir], ['--config', bad, path.join(dir, 'marked.csv')]]) {
        const r = spawnSync(process.execPath, [bin, 'check', '--format', format, ...args], {
          encoding: 'utf8',
          env: { ...process.env, HOME: home, CPT_LENS_PROBE_FILE: probe, NODE_OPTIONS: `--require ${JSON.stringify(PROBE)}` },
          maxBuffer: 1 << 28,
        });
        assert.ok(r.status === 1 || r.status === 2, `exit ${r.status}: ${r.stderr}`);
        assert.match(r.stderr, /file\(s\) checked|unknown rule/);
        for (const id of MARKED.slice(0, 4)) assert.ok(!r.stderr.includes(id) || args[0] === '--config', `stderr names ${id}:\n${r.stderr}`);
        assert.ok(!/\n\s+at .+:\d+:\d+/.test(r.stderr), `a stack trace:\n${r.stderr}`);
      }
      const network = fs.existsSync(probe) ? fs.readFileSync(probe, 'utf8').split('\n').filter((l) => l.includes('network')) : [];
      assert.deepEqual(network, []);
    });
  }
});
