// What the editor suites share: find the cached code-server (scripts/install-editor-deps.sh
// puts it there), start it on a free loopback port with a throw-away profile, drive it
// with playwright-core on Debian's chromium, and stop everything it started, also when
// the caller fails or is interrupted. See ../shared/guides/EDITOR-TESTS.md.
/* global fetch, AbortSignal -- Node 20 globals the repo's ESLint config does not list */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = process.env.CPT_LENS_CHROMIUM || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A quiet, offline workbench: no telemetry, update checks, start page, tips or AI features. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'npm.autoDetect': 'off',
};

/** The code-server entry point, or an error that says how to install it. */
export function codeServerEntry() {
  const cache = process.env.CPT_LENS_CACHE || path.join(os.homedir(), '.cache', 'cpt-lens');
  const dest = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  if (!fs.existsSync(path.join(dest, '.cpt-lens-installed'))) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${dest}: run bash scripts/install-editor-deps.sh`);
  }
  return path.join(dest, 'node_modules/code-server/out/node/entry.js');
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value; throws `what` after `timeoutMs`. */
export async function waitFor(what, check, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2));
}

/** The environment for code-server, without variables of a VS Code this script may run inside. */
function cleanEnv(extra) {
  // An empty gallery: no marketplace (open-vsx.org) queries, the tests stay on loopback.
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', ...extra };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  return env;
}

/** Every process group we started and have not stopped yet; killed on exit whatever happens. */
const groups = new Set();
process.on('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Runs `node entry.js ARGS` in its own process group (so stopping it also ends the
 * extension host and the language server) with output to `logFile`.
 */
export function runCodeServer(args, { logFile, env = {} }) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [codeServerEntry(), ...args], {
    detached: true,
    stdio: ['ignore', log, log],
    env: cleanEnv(env),
  });
  fs.closeSync(log);
  groups.add(child.pid);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  exited.then(() => groups.delete(child.pid));
  return { child, exited };
}

/** Signals a process group, then SIGKILLs it if it is still there after `graceMs`. */
async function stopGroup(pid, exited, graceMs = 3000) {
  if (!groups.has(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    groups.delete(pid);
    return;
  }
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout' || groups.has(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  // The extension host may outlive the server briefly; the group kill reaches it too.
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // nothing left in the group
  }
  groups.delete(pid);
}

/**
 * Starts code-server on 127.0.0.1 and waits for /healthz. Returns its base URL and
 * `stop()`. `extraArgs` go before the flags (e.g. a folder to open).
 */
export async function startCodeServer({ userDataDir, extensionsDir, logFile, env = {}, timeoutMs = 30000 }) {
  const port = await freePort();
  const { child, exited } = runCodeServer(
    [
      '--config', '/dev/null',
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { logFile, env },
  );
  const stop = () => stopGroup(child.pid, exited);
  let gone;
  exited.then((code) => (gone = code));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'code-server /healthz',
      async () => {
        if (gone !== undefined) throw new Error(`code-server exited (${gone}) before it was up; see ${logFile}`);
        try {
          return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
        } catch {
          return false;
        }
      },
      timeoutMs,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, authority: `127.0.0.1:${port}`, stop };
}

/** Headless Debian chromium through playwright-core (no browser download). */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run bash scripts/install-editor-deps.sh`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30000 });
}

/** Last `lines` lines of a text file, for failure reports. */
export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
