#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns:
// takes the same arguments (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, a folder to open; the rest is ignored), runs
// the tests in code-server's real extension host with headless chromium showing the
// workbench, streams the extension host's console to stdout, and exits with the test
// run's exit code. Under a desktop VS Code the same suite runs without this script.
//
// Env: CPT_LENS_EDITOR_TIMEOUT_MS (default 120000) bounds the whole run;
// CPT_LENS_EDITOR_ARTIFACTS names a folder for a screenshot and the code-server log on failure.
import fs from 'node:fs';
import path from 'node:path';
import { URLSearchParams } from 'node:url';
import { format } from 'node:util';
import { launchBrowser, makeScratch, startCodeServer, tail, writeUserSettings } from './codeServer.mjs';

function parseArgs(argv) {
  const options = { extensionDevelopmentPath: [], extensionTestsPath: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined };
  const names = { 'extensionDevelopmentPath': 'extensionDevelopmentPath', 'extensionTestsPath': 'extensionTestsPath', 'user-data-dir': 'userDataDir', 'extensions-dir': 'extensionsDir' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      options.folder ??= path.resolve(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const key = names[name];
    if (!key) continue; // --no-sandbox, --disable-updates, ...: desktop-only flags
    const value = path.resolve(eq < 0 ? argv[++i] : arg.slice(eq + 1));
    if (key === 'extensionDevelopmentPath') options.extensionDevelopmentPath.push(value);
    else options[key] = value;
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options.extensionTestsPath || options.extensionDevelopmentPath.length === 0) {
    throw new Error('usage: code-server-as-vscode.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]');
  }
  const timeoutMs = Number(process.env.CPT_LENS_EDITOR_TIMEOUT_MS || 120000);
  const scratch = makeScratch('cpt-lens-code-');
  const userDataDir = options.userDataDir ?? path.join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(scratch, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir);
  const logFile = path.join(scratch, 'code-server.log');

  let server;
  let browser;
  let page;
  let exitCode = 1;
  try {
    server = await startCodeServer({ userDataDir, extensionsDir, logFile });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    // The workbench calls these when it runs with an extensionTestsPath (as @vscode/test-web relies on).
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host's console.log arguments, format string first (mocha's reporter uses %s/%d).
      const text = Array.isArray(args) ? format(...args) : String(args);
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    page.on('crash', () => finish(-1));

    const remote = (p) => `vscode-remote://${server.authority}${p}`;
    const payload = [
      ...options.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(options.extensionTestsPath)],
    ];
    const query = new URLSearchParams({ payload: JSON.stringify(payload) });
    if (options.folder) query.set('folder', options.folder);
    await page.goto(`${server.url}/?${query}`, { timeout: 30000 });

    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs, 'timeout')));
    const result = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') {
      process.stderr.write(`code-server-as-vscode: no test result after ${timeoutMs} ms\n`);
    } else if (result === -1) {
      process.stderr.write('code-server-as-vscode: the workbench page crashed\n');
    } else {
      exitCode = result;
    }
  } catch (error) {
    process.stderr.write(`code-server-as-vscode: ${error instanceof Error ? error.message : error}\n`);
  } finally {
    if (exitCode !== 0) await keepArtifacts(page, logFile);
    await browser?.close().catch(() => {});
    await server?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return exitCode;
}

/** On failure: a screenshot of the workbench and the code-server log, where a human can look. */
async function keepArtifacts(page, logFile) {
  const dir = process.env.CPT_LENS_EDITOR_ARTIFACTS;
  if (!dir) {
    process.stderr.write(`--- code-server log (tail)\n${tail(logFile)}\n`);
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  await page?.screenshot({ path: path.join(dir, 'failure.png'), timeout: 5000 }).catch(() => {});
  if (fs.existsSync(logFile)) fs.copyFileSync(logFile, path.join(dir, 'code-server.log'));
  process.stderr.write(`code-server-as-vscode: screenshot and code-server log in ${dir}\n`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
