/**
 * Runs test/nvim/probe.lua in a headless Neovim against the real server and returns
 * the one JSON line it prints. Neovim comes from apt (0.7.2 on Debian 12); CI installs
 * it with scripts/install-editor-deps.sh.
 *
 * Every run is bounded: on timeout the whole process group (Neovim and the server it
 * started) is killed, so a hung editor cannot hang the suite or leave a server behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import { CLI, ROOT } from './serverProcess';

export const PROBE = path.join(ROOT, 'test', 'nvim', 'probe.lua');
const NVIM = process.env.CPT_LENS_NVIM ?? 'nvim';

/** What probe.lua prints (see its header). */
export interface ProbeResult {
  ok: boolean;
  nvim: string;
  stage?: string;
  error?: string;
  server_info?: { name: string; version: string } | null;
  hover_provider?: boolean;
  ready_ms?: number;
  diagnostics_ms?: number;
  total_ms?: number;
  language_id?: string;
  /** The first publishDiagnostics after didOpen, as the server sent it. */
  diagnostics?: Diagnostic[];
  /** What vim.diagnostic holds for the buffer afterwards: what a user sees. */
  shown?: { lnum: number; col: number; end_lnum: number; end_col: number; code: string; severity: number; source: string }[];
  hovers?: { position: [number, number]; markdown: string | null; kind: string | null; range: Range | null }[];
  /** First ten completion labels at `complete`, and whether the list is incomplete. */
  completion?: { incomplete: boolean; labels: string[] };
  /** Titles of the code actions offered at `codeAction.line`, the one applied, and the line after. */
  code_actions?: string[];
  applied?: string;
  line_after?: string;
  /** The publishDiagnostics after the buffer edit, when one was asked for. */
  after_edit?: Diagnostic[];
  exit?: { code: number; signal: number };
}

export interface ProbeRequest {
  /** Absolute path of the file to open. */
  file: string;
  /** 0-based [line, character] positions to hover. */
  hovers?: [number, number][];
  /** A buffer edit after the first diagnostics. */
  edit?: { line: number; start_col: number; end_col: number; text: string };
  /** A completion request at [line, character]. */
  complete?: [number, number];
  /** Code actions for the diagnostics on `line`; the first titled with `match` is applied. */
  codeAction?: { line: number; match: string };
  /** Bound on each wait inside Neovim. */
  waitMs?: number;
  /** Bound on the whole Neovim run. */
  timeoutMs?: number;
}

/** `nvim --version`'s first line, or an error that says how to install it. */
export function neovimVersion(): string {
  const run = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (run.error || run.status !== 0) {
    throw new Error(`cannot run "${NVIM} --version" (${run.error?.message ?? `exit ${run.status}`}); install Neovim >= 0.7 (bash scripts/install-editor-deps.sh) or set CPT_LENS_NVIM`);
  }
  return run.stdout.split('\n')[0];
}

export function runProbe(request: ProbeRequest): Promise<ProbeResult> {
  const timeoutMs = request.timeoutMs ?? 15_000;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CPT_LENS_SERVER_CMD: JSON.stringify([process.execPath, CLI, 'serve', '--stdio']),
    CPT_LENS_FILE: request.file,
    CPT_LENS_HOVERS: JSON.stringify(request.hovers ?? []),
    CPT_LENS_EDIT: request.edit ? JSON.stringify(request.edit) : '',
    CPT_LENS_COMPLETE: request.complete ? JSON.stringify(request.complete) : '',
    CPT_LENS_CODE_ACTION: request.codeAction ? JSON.stringify(request.codeAction) : '',
    CPT_LENS_DATA_DIR: path.join(ROOT, 'test', 'fixtures', 'no-user-data'),
    CPT_LENS_TIMEOUT_MS: String(request.waitMs ?? 5_000),
  };
  return new Promise((resolve, reject) => {
    // detached: its own process group, so a timeout can kill Neovim and its server together.
    const child = spawn(NVIM, ['--headless', '--clean', '-u', PROBE], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone between the timer firing and the kill.
        }
      }
      reject(new Error(`nvim did not finish within ${timeoutMs} ms; stdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) {
        reject(new Error(`nvim exited (code ${code}, signal ${signal}) without a JSON line; stdout: ${stdout}\nstderr: ${stderr}`));
        return;
      }
      const result = JSON.parse(line) as ProbeResult;
      if (!result.ok || code !== 0) {
        reject(new Error(`probe failed at ${result.stage ?? '?'} (nvim exit ${code}): ${result.error ?? ''}\nstderr: ${stderr}`));
        return;
      }
      resolve(result);
    });
  });
}
