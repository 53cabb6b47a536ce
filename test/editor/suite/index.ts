/**
 * Entry point the extension host loads for `--extensionTestsPath` (the
 * @vscode/test-electron contract, also honoured by code-server's workbench):
 * runs every `*.test.js` beside this file with mocha and rejects when any fails.
 * Writes `{"passed":N,"failed":M}` to $CPT_LENS_EDITOR_RESULT_FILE when set, so the
 * runner outside the editor can count the tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // No colours: the output travels through the workbench's log as plain text.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000 });
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const stats = await new Promise<{ passed: number; failed: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
  const resultFile = process.env.CPT_LENS_EDITOR_RESULT_FILE;
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(stats));
  if (stats.failed > 0) throw new Error(`${stats.failed} editor test(s) failed`);
}
