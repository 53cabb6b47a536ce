/**
 * The real server in a child process, spoken to over real JSON-RPC: what an editor
 * does, without an editor. Used by the protocol suite.
 *
 * Waiting is event-driven with a deadline (no sleeps): `nextDiagnostics` resolves on
 * the first matching `publishDiagnostics`, and every wait rejects early, with the
 * server's stderr, if the process dies.
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClientCapabilities,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/** The project's root (tests run from out/test/<suite>/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'bin', 'cpt-lens.js');

/** `stdio`: what Neovim, Helix, Emacs and Sublime use. `node-ipc`: what the VS Code client uses. */
export type Transport = 'stdio' | 'node-ipc';

export function exampleUri(name: string): string {
  return pathToFileURL(path.join(ROOT, 'examples', name)).href;
}

/** Rejects after `ms` with `what` in the message; the timer never keeps mocha alive. */
export function withDeadline<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    timer.unref();
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

interface DiagnosticsWaiter {
  match: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
  reject: (error: Error) => void;
}

export class ServerProcess {
  /** Milliseconds from spawning the process to the initialize response. */
  readyMs = -1;
  initializeResult: InitializeResult | undefined;
  /** Set once the process has exited. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private stderr = '';
  /** Everything the server logged through window/logMessage, in order. */
  readonly logs: string[] = [];
  private readonly waiters = new Set<DiagnosticsWaiter>();
  private readonly exited: Promise<void>;
  private readonly spawnedAt = Date.now();

  private constructor(
    readonly transport: Transport,
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    // Writing to a server that has just exited must fail the wait, not crash mocha.
    child.stdin?.on('error', (error) => (this.stderr += `\n[stdin] ${error.message}`));
    child.on('error', (error) => (this.stderr += `\n[process] ${error.message}`));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        const error = new Error(`server exited (code ${code}, signal ${signal})${this.stderr ? `; stderr:\n${this.stderr}` : ''}`);
        for (const waiter of this.waiters) waiter.reject(error);
        this.waiters.clear();
        resolve();
      });
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      for (const waiter of [...this.waiters]) {
        if (!waiter.match(params)) continue;
        this.waiters.delete(waiter);
        waiter.resolve(params);
      }
    });
    // The server logs its data-load summary through window/logMessage: kept, so tests
    // can check that no document text (patient data) is ever logged.
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    connection.listen();
  }

  /**
   * Spawns `cpt-lens serve --stdio` (or forks with `--node-ipc`); call `initialize` next.
   * By default the user data folder is one that does not exist, so the machine's own
   * imports (~/.cptlens) cannot change what the tests see.
   */
  static start(transport: Transport, env: NodeJS.ProcessEnv = { ...process.env, CPT_LENS_DATA_DIR: path.join(ROOT, 'test', 'fixtures', 'no-user-data') }): ServerProcess {
    if (transport === 'stdio') {
      const child = spawn(process.execPath, [...(process.env.CPT_LENS_NODE_ARGS?.split(' ').filter(Boolean) ?? []), CLI, 'serve', '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env });
      const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
      return new ServerProcess(transport, child, connection);
    }
    const child = fork(CLI, ['serve', '--node-ipc'], { cwd: ROOT, silent: true, env });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    return new ServerProcess(transport, child, connection);
  }

  /** initialize + initialized, as a client does; records `readyMs`. */
  async initialize(timeoutMs = 10_000, extra: { capabilities?: ClientCapabilities; initializationOptions?: unknown; rootUri?: string } = {}): Promise<InitializeResult> {
    const result = await this.untilExit(
      'the initialize response',
      timeoutMs,
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: extra.rootUri ?? pathToFileURL(ROOT).href,
        workspaceFolders: null,
        initializationOptions: extra.initializationOptions,
        capabilities: extra.capabilities ?? {
          textDocument: {
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: { versionSupport: true },
            synchronization: { dynamicRegistration: false },
          },
        },
      }),
    );
    this.readyMs = Date.now() - this.spawnedAt;
    this.initializeResult = result;
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /**
   * The next diagnostics for `uri` that satisfy `match`. Register it before the
   * notification that triggers it, so a fast server cannot win the race.
   */
  nextDiagnostics(uri: string, timeoutMs = 5_000, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    if (this.exit) return Promise.reject(new Error(`server already exited (code ${this.exit.code})`));
    let waiter: DiagnosticsWaiter | undefined;
    const received = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      waiter = { match: (p) => p.uri === uri && match(p), resolve, reject };
      this.waiters.add(waiter);
    });
    return withDeadline(`diagnostics for ${uri}`, timeoutMs, received).finally(() => {
      if (waiter) this.waiters.delete(waiter);
    });
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** shutdown, then exit; resolves with the exit code once the process is gone. */
  async shutdown(timeoutMs = 5_000): Promise<number | null> {
    await this.untilExit('the shutdown response', timeoutMs, this.connection.sendRequest(ShutdownRequest.type));
    await this.connection.sendNotification(ExitNotification.type);
    await withDeadline('the server process to exit', timeoutMs, this.exited);
    this.connection.dispose();
    return this.exit?.code ?? null;
  }

  /** Last resort for `after` hooks: kills the process if a test left it running. */
  /** What the server wrote to its log and to stderr so far. */
  allOutput(): string {
    return [...this.logs, this.stderr].join('\n');
  }

  kill(): void {
    this.connection.dispose();
    if (!this.exit && this.child.pid !== undefined) this.child.kill('SIGKILL');
  }

  /** Races `promise` against the deadline and against the process dying. */
  private untilExit<T>(what: string, timeoutMs: number, promise: Promise<T>): Promise<T> {
    const died = this.exited.then(() => {
      throw new Error(`server exited (code ${this.exit?.code}) before ${what}${this.stderr ? `; stderr:\n${this.stderr}` : ''}`);
    });
    return withDeadline(what, timeoutMs, Promise.race([promise, died]));
  }
}
