// `npm test`: everything, in order, on a fresh or warm machine. Installs what the
// editor suites need (idempotent, quick when warm), builds, lints, type-checks, then
// runs each suite and ends with one line "N passed, N failed" summing them all.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv.slice(2);
const mocha = (dir) => ['node', path.join(root, 'node_modules/mocha/bin/mocha.js'), '--reporter', path.join(root, 'test/support/countingReporter.js'), '--recursive', '--timeout', '20000', `out/test/${dir}`];

/** Each step: a command; `counted` steps report their own pass/fail counts through CPT_LENS_RESULT_FILE. */
const steps = [
  { name: 'editor dependencies', cmd: ['bash', 'scripts/install-editor-deps.sh'], setup: true, for: ['nvim', 'editor', 'ui'] },
  { name: 'build', cmd: ['node', 'scripts/build.mjs'], setup: true },
  { name: 'compile tests', cmd: ['node', 'node_modules/typescript/bin/tsc', '-p', '.'], setup: true },
  { name: 'lint', cmd: ['node', 'node_modules/eslint/bin/eslint.js', '.'] },
  { name: 'unit', cmd: mocha('unit'), counted: true },
  { name: 'golden', cmd: mocha('golden'), counted: true },
  { name: 'cli', cmd: mocha('cli'), counted: true },
  { name: 'protocol', cmd: mocha('protocol'), counted: true },
  // Property-based tests of test/fuzz/ at scale 1 with a fixed seed; `npm run fuzz` is the long run.
  { name: 'fuzz', cmd: mocha('fuzz'), counted: true },
  { name: 'nvim', cmd: mocha('nvim'), counted: true },
  { name: 'editor', cmd: ['node', 'scripts/run-editor-tests.mjs'], counted: true },
  { name: 'ui', cmd: ['node', 'scripts/run-ui-test.mjs'], counted: true },
];

let passed = 0;
let failed = 0;
const failures = [];
const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-test-'));
for (const step of steps) {
  if (only.length > 0 && !step.setup && !only.includes(step.name)) continue;
  if (only.length > 0 && step.for && !step.for.some((name) => only.includes(name))) continue;
  const resultFile = path.join(resultDir, `${step.name.replace(/\W+/g, '-')}.json`);
  process.stdout.write(`\n=== ${step.name}\n`);
  const started = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CPT_LENS_RESULT_FILE: resultFile },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let counts;
  if (step.counted && fs.existsSync(resultFile)) counts = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    // A suite that crashed after reporting, or ran nothing, still fails.
    if (run.status !== 0 && counts.failed === 0) failed += 1;
    if (counts.passed + counts.failed === 0) failed += 1;
  } else if (run.status === 0) {
    if (!step.setup) passed += 1;
  } else {
    failed += 1;
  }
  const ok = run.status === 0;
  if (!ok) failures.push(step.name);
  process.stdout.write(`=== ${step.name}: ${ok ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds}s${counts ? ` (${counts.passed} passed, ${counts.failed} failed)` : ''}\n`);
  if (!ok && step.setup) break;
}
fs.rmSync(resultDir, { recursive: true, force: true });
if (failures.length > 0) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 || failures.length > 0 ? 1 : 0;
