// `npm run fuzz`: the property-based tests of test/fuzz/ as a long run. Options:
//   --scale N  cases per property times N (default 200: about 10^5 cases in all)
//   --seed N   fast-check seed (default: a new one, printed so a failure can be replayed)
// `npm test` runs the same tests at scale 1 with a fixed seed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const scale = arg('scale', '200');
const seed = arg('seed', String(Date.now() % 2 ** 31));
process.stdout.write(`fuzz: scale ${scale}, seed ${seed} (replay: npm run fuzz -- --scale ${scale} --seed ${seed})\n`);
for (const cmd of [['node', 'scripts/build.mjs'], ['node', 'node_modules/typescript/bin/tsc', '-p', '.']]) {
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const run = spawnSync('node', [path.join(root, 'node_modules/mocha/bin/mocha.js'), '--timeout', '0', '--recursive', 'out/test/fuzz'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SCALE: scale, FUZZ_SEED: seed },
});
process.exit(run.status ?? 1);
