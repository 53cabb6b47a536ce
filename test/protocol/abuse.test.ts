/**
 * The server under abuse (issue 15): malformed JSON-RPC, unknown methods, requests
 * before `initialize`, out-of-range incremental edits, 10,000 rapid edits with
 * cancellations, requests on closed documents, exit without shutdown. It answers with
 * LSP errors and never dies; its final diagnostics equal a fresh open of the final text;
 * its memory after 10,000 edits stays within 10% of before; it logs no patient
 * identifier and opens no network socket. `test/support/processProbe.js` is preloaded
 * into the server to see sockets and to measure memory after a full collection.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CompletionRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InlayHintRequest,
  PublishDiagnosticsParams,
  ResponseError,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT, ServerProcess, exampleUri, withDeadline } from '../support/serverProcess';

const CHARGES = fs.readFileSync(path.join(ROOT, 'examples', 'charges.csv'), 'utf8');
export const PROBE = path.join(ROOT, 'test', 'support', 'processProbe.js');

/** Patient identifiers planted in a charge file: none may reach a log, stderr or crash output. */
const MARKED = ['PATIENT-ZQX-4471', 'MRN-88812377', 'DOE^JANEWAY', '078-05-1120', 'CLAIM-SECRET-9'];
const MARKED_FILE = [
  'claim_id,patient_id,patient_name,ssn,dos,cpt,modifiers,units,pos,dx1,dx_pointer',
  `${MARKED[4]},${MARKED[0]},${MARKED[2]},${MARKED[3]},2025-10-14,47383,51 22,1,22,C22.0,A`,
  `${MARKED[4]},${MARKED[1]},${MARKED[2]},${MARKED[3]},2025-10-14,${MARKED[1]},${MARKED[0]},${MARKED[3]},${MARKED[2]},${MARKED[0]},${MARKED[1]}`,
  `"${MARKED[0]},"${MARKED[1]}",,${'9'.repeat(50_000)}`,
].join('\n');

function probeFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-probe-')), 'probe.jsonl');
}

function startProbed(probe: string): ServerProcess {
  return ServerProcess.start('stdio', {
    ...process.env,
    CPT_LENS_DATA_DIR: path.join(ROOT, 'test', 'fixtures', 'no-user-data'),
    CPT_LENS_PROBE_FILE: probe,
    NODE_OPTIONS: `--expose-gc --require ${JSON.stringify(PROBE)}`,
  });
}

function probeEntries(probe: string): { network?: string; memory?: NodeJS.MemoryUsage }[] {
  if (!fs.existsSync(probe)) return [];
  return fs.readFileSync(probe, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { network?: string; memory?: NodeJS.MemoryUsage });
}

/** The server's memory after a full garbage collection (the probe answers SIGUSR2). */
async function memoryOf(server: ServerProcess, probe: string): Promise<NodeJS.MemoryUsage> {
  const before = probeEntries(probe).filter((e) => e.memory).length;
  server.child.kill('SIGUSR2');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const all = probeEntries(probe).filter((e) => e.memory);
    if (all.length > before) return all[all.length - 1].memory!;
    if (Date.now() > deadline) throw new Error('no memory report from the server');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Writes raw bytes to the server's stdin as one framed message (or not framed at all). */
function writeRaw(server: ServerProcess, body: string, frame = true): void {
  server.child.stdin!.write(frame ? `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}` : body);
}

/** Diagnostics as comparable values: range, rule id, severity, message. */
const comparable = (diagnostics: Diagnostic[]): unknown => diagnostics.map((d) => ({ range: d.range, code: d.code, severity: d.severity, message: d.message }));

/** Opens `text` under a new URI and returns its first diagnostics: the fresh-open reference. */
async function freshDiagnostics(server: ServerProcess, text: string, name: string): Promise<Diagnostic[]> {
  const uri = exampleUri(name);
  const published = server.nextDiagnostics(uri, 30_000);
  await server.open(uri, 'csv', text);
  return (await published).diagnostics;
}

/** Error code of a rejected request (undefined when it was answered). */
async function errorCodeOf(request: Promise<unknown>): Promise<number | undefined> {
  try {
    await withDeadline('a response', 10_000, request);
    return undefined;
  } catch (error) {
    if (error instanceof ResponseError) return error.code;
    throw error;
  }
}

describe('the process probe', function () {
  it('sees a socket opened and a name resolved (so its silence below means something)', function () {
    const probe = probeFile();
    const script = "require('node:net').connect(9, '127.0.0.1').on('error', () => {}); require('node:dns').lookup('localhost', () => {});";
    const r = spawnSync(process.execPath, ['--require', PROBE, '-e', script], { env: { ...process.env, CPT_LENS_PROBE_FILE: probe }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const network = probeEntries(probe).map((e) => e.network);
    assert.ok(network.some((n) => n?.startsWith('net.')), network.join(', '));
    assert.ok(network.some((n) => n?.startsWith('dns.lookup')), network.join(', '));
  });
});

describe('the server under abuse', function () {
  this.timeout(120_000);
  const probe = probeFile();
  let server: ServerProcess;

  before(function () {
    server = startProbed(probe);
  });
  after(function () {
    server.kill();
  });

  it('answers a request before initialize with an error, and initializes afterwards', async function () {
    const code = await errorCodeOf(server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: exampleUri('charges.csv') }, position: { line: 0, character: 0 } }));
    assert.equal(code, -32002, 'ServerNotInitialized');
    await server.initialize();
  });

  it('answers unknown methods with MethodNotFound and ignores unknown notifications', async function () {
    assert.equal(await errorCodeOf(server.connection.sendRequest('cptLens/noSuchMethod', { x: 1 })), -32601);
    await server.connection.sendNotification('cptLens/noSuchNotification', { x: 1 });
    await server.connection.sendNotification('$/noSuchNotification', {});
    const uri = exampleUri('alive.csv');
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'csv', CHARGES);
    assert.ok((await published).diagnostics.length > 0, 'still checking documents');
  });

  it('survives malformed JSON-RPC: broken JSON, a wrong shape, a bad header, wrong params', async function () {
    writeRaw(server, '{"jsonrpc":"2.0","id":991,"method":"textDocument/hover","params":{');
    writeRaw(server, '{"jsonrpc":"2.0","id":992,"method":"textDocument/hover","params":null}');
    writeRaw(server, '[1,2,3]');
    writeRaw(server, '"just a string"');
    writeRaw(server, '{"jsonrpc":"1.0","method":42}');
    writeRaw(server, `{"jsonrpc":"2.0","id":993,"method":"textDocument/completion","params":{"textDocument":{"uri":42},"position":{"line":-5,"character":"x"}}}`);
    writeRaw(server, `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///never-opened.csv","version":2},"contentChanges":[{"text":"x"}]}}`);
    writeRaw(server, `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///half.csv"}}}`);
    // A header without Content-Length: the reader drops what it had buffered with it, so
    // the next message or two may be lost (a framing error cannot be recovered exactly),
    // but the server lives on and answers the ones after.
    writeRaw(server, 'Content-Type: nonsense\r\n\r\n', false);
    let uri = '';
    let published: PublishDiagnosticsParams | undefined;
    for (let attempt = 0; attempt < 3 && !published; attempt++) {
      uri = exampleUri(`after-garbage-${attempt}.csv`);
      const next = server.nextDiagnostics(uri, 3_000);
      await server.open(uri, 'csv', CHARGES);
      published = await next.catch(() => undefined);
    }
    assert.equal(server.exit, undefined, 'still running');
    assert.ok(published && published.diagnostics.length > 0, 'checks documents again');
    const hover = await withDeadline('a hover', 10_000, server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 30 } }));
    assert.ok(hover === null || typeof hover === 'object');
  });

  it('clamps out-of-range incremental edits like the client library, and its diagnostics equal a fresh open', async function () {
    const uri = exampleUri('out-of-range.csv');
    let opened = server.nextDiagnostics(uri);
    await server.open(uri, 'csv', CHARGES);
    await opened;
    let local = TextDocument.create(uri, 'csv', 1, CHARGES);
    const changes: TextDocumentContentChangeEvent[][] = [
      [{ range: { start: { line: 100_000, character: 0 }, end: { line: 100_000, character: 5 } }, text: '\nCLM9,PT9,2025-10-14,99213,,1,11,E11.9' }],
      [{ range: { start: { line: 2, character: 10_000 }, end: { line: 1, character: 0 } }, text: 'X' }],
      [{ range: { start: { line: 0, character: 0 }, end: { line: 99_999, character: 99_999 } }, text: CHARGES.replace('47383', '4738') }],
      [{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, text: '😀' }],
    ];
    let version = 1;
    for (const change of changes) {
      version++;
      opened = server.nextDiagnostics(uri, 30_000, (p) => p.version === version);
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: change });
      local = TextDocument.update(local, change, version);
      const got = await opened;
      const fresh = await freshDiagnostics(server, local.getText(), `fresh-oor-${version}.csv`);
      assert.deepEqual(comparable(got.diagnostics), comparable(fresh), `after change ${version - 1}`);
    }
  });

  it('takes 10,000 rapid edits with cancelled requests: final diagnostics equal a fresh open, memory within 10%', async function () {
    this.timeout(600_000);
    const uri = exampleUri('rapid.csv');
    const first = server.nextDiagnostics(uri, 30_000);
    await server.open(uri, 'csv', CHARGES);
    await first;
    let local = TextDocument.create(uri, 'csv', 1, CHARGES);
    let seed = 15;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = '0123456789ACLRTXS ,-\n"😀';
    let version = 1;
    const answers: Promise<string>[] = [];
    /** One keystroke: insert or delete a character (or a surrogate pair) at a random place. */
    const edit = async (): Promise<void> => {
      version++;
      const text = local.getText();
      let offset = random(text.length + 1);
      const code = text.charCodeAt(offset - 1);
      if (code >= 0xd800 && code <= 0xdbff) offset--;
      const start = local.positionAt(offset);
      let change: TextDocumentContentChangeEvent;
      if (random(3) === 0 && offset < text.length) {
        const width = text.charCodeAt(offset) >= 0xd800 && text.charCodeAt(offset) <= 0xdbff ? 2 : 1;
        change = { range: { start, end: local.positionAt(offset + width) }, text: '' };
      } else {
        const ch = [...alphabet][random([...alphabet].length)];
        change = { range: { start, end: start }, text: ch };
      }
      local = TextDocument.update(local, [change], version);
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      if (version % 10 === 0) {
        // A request the editor cancels at once, as typing does: answered, or cancelled, never a crash.
        const source = new CancellationTokenSource();
        const position = local.positionAt(random(local.getText().length + 1));
        const kind = version % 30 === 0 ? CompletionRequest.type : version % 20 === 0 ? InlayHintRequest.type : HoverRequest.type;
        const params = kind === InlayHintRequest.type ? { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: position } } : { textDocument: { uri }, position };
        const request = server.connection.sendRequest(kind as typeof HoverRequest.type, params as never, source.token);
        if (random(2) === 0) source.cancel();
        answers.push(request.then(() => 'answered', (error: unknown) => (error instanceof ResponseError ? `error ${error.code}` : `failed ${String(error)}`)));
      }
    };
    // Warm up (caches, JIT, the kept model), then measure.
    for (let i = 0; i < 1_000; i++) await edit();
    let settled = server.nextDiagnostics(uri, 60_000, (p) => p.version === version);
    await settled;
    const before = await memoryOf(server, probe);
    for (let i = 0; i < 10_000; i++) await edit();
    settled = server.nextDiagnostics(uri, 120_000, (p) => p.version === version);
    const final: PublishDiagnosticsParams = await settled;
    const outcomes = await withDeadline('the cancelled requests', 60_000, Promise.all(answers));
    const after = await memoryOf(server, probe);
    const unexpected = outcomes.filter((o) => o !== 'answered' && o !== 'error -32800' && o !== 'error -32801');
    assert.deepEqual(unexpected, [], 'only answers, RequestCancelled or ContentModified');
    const fresh = await freshDiagnostics(server, local.getText(), 'rapid-fresh.csv');
    assert.deepEqual(comparable(final.diagnostics), comparable(fresh), 'the incremental path equals a fresh open');
    const growth = (after.heapUsed - before.heapUsed) / before.heapUsed;
    console.log(
      `        (memory after a full GC: heapUsed ${(before.heapUsed / 1e6).toFixed(1)} MB before, ${(after.heapUsed / 1e6).toFixed(1)} MB after 10,000 edits` +
        ` (${(growth * 100).toFixed(1)}%); rss ${(before.rss / 1e6).toFixed(1)} → ${(after.rss / 1e6).toFixed(1)} MB;` +
        ` of ${outcomes.length} requests, ${outcomes.filter((o) => o === 'answered').length} answered, ${outcomes.filter((o) => o !== 'answered').length} cancelled or content-modified)`,
    );
    assert.ok(growth <= 0.1, `heap grew ${(growth * 100).toFixed(1)}% over 10,000 edits`);
  });

  it('answers requests on a closed document without an error or a crash', async function () {
    const uri = exampleUri('closed.csv');
    const opened = server.nextDiagnostics(uri);
    await server.open(uri, 'csv', CHARGES);
    await opened;
    const cleared = server.nextDiagnostics(uri, 5_000, (p) => p.diagnostics.length === 0);
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await cleared;
    const position = { line: 1, character: 30 };
    const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    assert.equal(await withDeadline('hover', 10_000, server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })), null);
    const completion = await withDeadline('completion', 10_000, server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
    assert.ok(completion === null || (Array.isArray(completion) ? completion.length === 0 : completion.items.length === 0));
    const hints = await withDeadline('inlay hints', 10_000, server.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range }));
    assert.ok(hints === null || hints.length === 0);
    const actions = await withDeadline('code actions', 10_000, server.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } }));
    assert.ok(actions === null || actions.length === 0);
    // A second close, and a change to the closed document, are ignored.
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 9 }, contentChanges: [{ text: 'x' }] });
    assert.equal(server.exit, undefined, 'still running');
  });

  it('checks a file of marked patient identifiers and never logs one (log, stderr)', async function () {
    const uri = exampleUri('marked.csv');
    const published = server.nextDiagnostics(uri, 30_000);
    await server.open(uri, 'csv', MARKED_FILE);
    await published;
    const position = { line: 2, character: 40 };
    await withDeadline('hover', 10_000, server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
    await withDeadline('completion', 10_000, server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
    const output = server.allOutput();
    for (const id of MARKED) assert.ok(!output.includes(id), `the server's output mentions ${id}`);
  });

  it('opened no network socket and resolved no name during the whole session', function () {
    const network = probeEntries(probe).filter((e) => e.network);
    assert.ok(probeEntries(probe).some((e) => e.memory), 'the probe was loaded');
    assert.deepEqual(network, []);
  });

  it('exits with code 1 on exit without shutdown, and logged no identifier on the way out', async function () {
    await server.connection.sendNotification(ExitNotification.type);
    const code = await withDeadline(
      'the process to exit',
      10_000,
      new Promise<number | null>((resolve) => (server.exit ? resolve(server.exit.code) : server.child.once('exit', (c) => resolve(c)))),
    );
    assert.equal(code, 1);
    for (const id of MARKED) assert.ok(!server.allOutput().includes(id), `the output mentions ${id}`);
  });
});

describe('a client that disappears', function () {
  this.timeout(30_000);
  it('the server exits when its input closes (the editor crashed), without a crash report', async function () {
    const server = startProbed(probeFile());
    try {
      await server.initialize();
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', (c) => resolve(c)));
      server.child.stdin!.end();
      const code = await withDeadline('the process to exit', 10_000, exited);
      assert.ok(code === 0 || code === 1, `exit ${code}`);
      assert.ok(!/\n\s+at .+:\d+:\d+/.test(server.allOutput()), server.allOutput());
    } finally {
      server.kill();
    }
  });
});
