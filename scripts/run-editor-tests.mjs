// The extension's mocha suite (test/editor/suite/, compiled to out/test/editor/suite/)
// inside a real VS Code extension host. Uses @vscode/test-electron's runTests() with
// vscodeExecutablePath pointing at scripts/editor/code-server-as-vscode.mjs, which runs
// the suite in code-server 4.100.3 (VS Code 1.100.3) with headless chromium: no VS Code
// download. The workspace is a temporary copy of examples/.
//
// Writes {"passed":N,"failed":M} to $CPT_LENS_RESULT_FILE; exits non-zero on failure.
// On failure a screenshot and the code-server log land in .test-output/editor/.
// Env: CPT_LENS_VSCODE_EXECUTABLE runs the same suite under a desktop VS Code instead;
// CPT_LENS_EDITOR_TIMEOUT_MS bounds the launcher's run (default 120000).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const launcher = path.join(root, 'scripts/editor/code-server-as-vscode.mjs');
const testsEntry = path.join(root, 'out/test/editor/suite/index.js');
const artifacts = path.join(root, '.test-output/editor');

/** Builds what is missing when run on its own (scripts/test.mjs builds before every suite). */
function ensureBuilt() {
  const steps = [
    [path.join(root, 'dist/extension.js'), ['scripts/build.mjs']],
    [testsEntry, ['node_modules/typescript/bin/tsc', '-p', '.']],
  ];
  for (const [output, args] of steps) {
    if (fs.existsSync(output)) continue;
    const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed`);
  }
}

/** The server's own start-up line from the extension's output channel log, if VS Code wrote one. */
function serverStartLine(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return undefined;
  for (const entry of fs.readdirSync(logs, { recursive: true })) {
    if (!String(entry).endsWith('.log') || !String(entry).includes('cpt-lens')) continue;
    const line = fs.readFileSync(path.join(logs, String(entry)), 'utf8').split('\n').find((l) => / loaded in \d+ ms/.test(l));
    if (line) return line.replace(/^.*?\] /, '');
  }
  return undefined;
}

function writeCounts(counts) {
  const file = process.env.CPT_LENS_RESULT_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify(counts));
}

const started = Date.now();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-editor-'));
// Killed: drop the scratch folder; the launcher notices it is orphaned and stops code-server.
// (SIGINT is runTests()'s: it forwards it to the launcher, which ends the run.)
for (const signal of ['SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    fs.rmSync(scratch, { recursive: true, force: true });
    process.exit(128 + os.constants.signals[signal]);
  });
}
let counts = { passed: 0, failed: 1 };
let exitCode = 1;
try {
  ensureBuilt();
  fs.rmSync(artifacts, { recursive: true, force: true });
  const workspace = path.join(scratch, 'examples');
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  const resultFile = path.join(scratch, 'mocha.json');
  const userDataDir = path.join(scratch, 'user-data');
  fs.chmodSync(launcher, 0o755); // runTests() executes it directly
  try {
    await runTests({
      // CPT_LENS_VSCODE_EXECUTABLE: a desktop VS Code's executable, where one can be installed.
      vscodeExecutablePath: process.env.CPT_LENS_VSCODE_EXECUTABLE || launcher,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: { CPT_LENS_EDITOR_RESULT_FILE: resultFile, CPT_LENS_EDITOR_ARTIFACTS: artifacts },
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(scratch, 'extensions')}`],
    });
    exitCode = 0;
  } catch (error) {
    process.stderr.write(`editor tests: ${error instanceof Error ? error.message : error}\n`);
  }
  const startLine = serverStartLine(userDataDir);
  if (startLine) process.stdout.write(`editor tests: language server said "${startLine}"\n`);
  if (fs.existsSync(resultFile)) {
    counts = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    if (exitCode !== 0 && counts.failed === 0) counts.failed = 1; // ran, then the run itself failed
  } else {
    process.stderr.write('editor tests: the suite reported no result (it did not run to the end)\n');
    exitCode = 1;
  }
  if (counts.failed > 0) exitCode = 1;
} catch (error) {
  process.stderr.write(`editor tests: ${error instanceof Error ? error.stack : error}\n`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
writeCounts(counts);
process.stdout.write(`editor tests: ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exitCode = exitCode;
