// `npm run bench`: every benchmark, each in its own process. Prints numbers and
// ratios against baselines measured in the same run; never fails on timings.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
for (const script of ['bench-charges.js', 'bench-data.js']) {
  console.log(`\n=== ${script}`);
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'dist', script), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = 1;
}
