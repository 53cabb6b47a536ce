// What the editor suites share: find the cached code-server (scripts/install-editor-deps.sh
// puts it there), start it on a free loopback port with a throw-away profile, drive it
// with playwright-core on Debian's chromium, and stop everything it started, also when
// the caller fails or is interrupted. (The recipes come from the team guide EDITOR-TESTS.md.)
/* global fetch, AbortSignal, setInterval -- Node 20 globals the repo's ESLint config does not list */
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

/**
 * Scratch HOME-like folders for everything we start, so code-server (config.yaml,
 * heartbeat, IPC sockets) and chromium (crash reports) leave nothing in $HOME or /tmp.
 */
let sandbox;
function sandboxEnv() {
  if (!sandbox) {
    sandbox = makeScratch('cpt-lens-env-');
    for (const dir of ['tmp', 'config', 'data', 'cache']) fs.mkdirSync(path.join(sandbox, dir));
  }
  return {
    TMPDIR: path.join(sandbox, 'tmp'),
    XDG_CONFIG_HOME: path.join(sandbox, 'config'),
    XDG_DATA_HOME: path.join(sandbox, 'data'),
    XDG_CACHE_HOME: path.join(sandbox, 'cache'),
  };
}

/** The environment for code-server, without variables of a VS Code this script may run inside. */
function cleanEnv(extra) {
  // An empty gallery: no marketplace (open-vsx.org) queries, the tests stay on loopback.
  const env = { ...process.env, ...sandboxEnv(), EXTENSIONS_GALLERY: '{}', ...extra };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  return env;
}

/** Temporary folders to remove on exit, however the process ends (short of SIGKILL). */
const scratchDirs = new Set();

/** A new folder under the system temp dir, removed when this process exits. */
export function makeScratch(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratchDirs.add(dir);
  return dir;
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
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});
// Interrupted (Ctrl+C, a CI timeout, runTests() forwarding SIGINT): exit, which runs the cleanup above.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => process.exit(130));
// Orphaned (the runner above us was killed): stop too rather than finish a run nobody reads.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(129);
}, 500).unref();

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
 * Starts code-server on a free 127.0.0.1 port and waits until it is up. Returns its
 * base URL, authority and `stop()`. Tries another port if the chosen one was taken
 * between picking and binding.
 */
export async function startCodeServer({ userDataDir, extensionsDir, logFile, env = {}, timeoutMs = 30000 }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce({ userDataDir, extensionsDir, logFile, env, timeoutMs });
    } catch (error) {
      if (!(error instanceof EarlyExit) || attempt === 3) throw error;
    }
  }
}

class EarlyExit extends Error {}

async function startOnce({ userDataDir, extensionsDir, logFile, env, timeoutMs }) {
  const port = await freePort();
  const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
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
  // Our process's own log line, not just /healthz: another server may hold the port.
  const listening = `HTTP server listening on ${url}/`;
  try {
    await waitFor(
      `code-server to listen on ${url}`,
      async () => {
        if (gone !== undefined) throw new EarlyExit(`code-server exited (${gone}) before it was up: ${tail(logFile, 5)}`);
        if (!fs.readFileSync(logFile, 'utf8').slice(logStart).includes(listening)) return false;
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
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...sandboxEnv() },
    timeout: 30000,
    // Our own handlers above end the run; playwright closes the browser on exit.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** Last `lines` lines of a text file, for failure reports. */
export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
