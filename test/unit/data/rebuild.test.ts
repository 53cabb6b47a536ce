/**
 * `npm run build:data` with no arguments rebuilds data/ from data/sources/ byte for byte
 * as committed: a clone can reproduce every table it ships.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataDir, repoRoot } from './support';

/** The files build-data writes (the rest of data/ is written by hand: knowledge, NOTICE, README, sources). */
const BUILT = ['fee-schedule.tsv', 'hcpcs.tsv', 'modifiers.tsv', 'betos.tsv', 'place-of-service.tsv', 'gpci.tsv', 'icd10cm.tsv', 'manifest.json'];

describe('npm run build:data (from the sources in the repository)', function () {
  this.timeout(120000);
  it('rebuilds every compiled table byte-identical to the committed one', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-rebuild-'));
    try {
      const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'build-data.js'), '--out', out], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(fs.readdirSync(out).sort(), [...BUILT].sort());
      for (const file of BUILT) {
        const built = fs.readFileSync(path.join(out, file));
        const committed = fs.readFileSync(path.join(dataDir, file));
        assert.ok(built.equals(committed), `${file} differs from data/${file}: run \`npm run build:data\` and commit, or find what changed`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('fails with the file named when a source is damaged, and writes nothing of it', () => {
    const sources = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-sources-'));
    const out = path.join(sources, 'out');
    try {
      fs.cpSync(path.join(dataDir, 'sources'), sources, { recursive: true });
      const rvu = path.join(sources, 'mpfs-rvu', 'PPRRVU2025_Oct.csv.gz');
      fs.writeFileSync(rvu, fs.readFileSync(rvu).subarray(0, 1000));
      const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'build-data.js'), '--sources', sources, '--out', out], { encoding: 'utf8' });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /PPRRVU2025_Oct\.csv\.gz: cannot read/);
      assert.ok(!fs.existsSync(path.join(out, 'fee-schedule.tsv')));
    } finally {
      fs.rmSync(sources, { recursive: true, force: true });
    }
  });
});
