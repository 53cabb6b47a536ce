/**
 * Typing into a code cell over a real JSON-RPC connection: a keystroke's findings on the cell
 * being typed wait until the typing settles (SETTLE_MS), in both diagnostic models. Pull: the
 * answer leaves the cell out and the server asks for a new pull once settled. Push: nothing is
 * published for the version until it settles, and then everything is.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticRequest,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import { ServerProcess, withDeadline } from '../support/serverProcess';

const CHARGES = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1', 'CLM1,PT1,2025-10-14,99213,,1,11,E11.9', 'CLM2,PT2,2025-10-14,,,1,11,E11.9', ''].join('\n');
/** Line 2's empty code cell, where the coder types "ar" to search. */
const AT = { line: 2, character: 'CLM2,PT2,2025-10-14,'.length };

function onCell(d: Diagnostic): boolean {
  return d.range.start.line === AT.line && d.range.start.character >= AT.character && d.range.end.character <= AT.character + 2;
}

for (const mode of ['pull', 'push'] as const) {
  describe(`typing words into a code cell (${mode} diagnostics)`, function () {
    this.timeout(30_000);
    let server: ServerProcess;
    let dir: string;
    let uri: string;
    let refreshes = 0;

    before(async function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-typing-'));
      uri = pathToFileURL(path.join(dir, 'typing.csv')).href;
      server = ServerProcess.start('stdio', { ...process.env, CPT_LENS_DATA_DIR: path.join(dir, 'user-data') });
      server.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
      server.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
      server.connection.onRequest('client/registerCapability', () => null);
      server.connection.onRequest('workspace/diagnostic/refresh', () => {
        refreshes++;
        return null;
      });
      for (const refresh of ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) server.connection.onRequest(refresh, () => null);
      await server.initialize(10_000, {
        rootUri: pathToFileURL(dir).href,
        capabilities: {
          workspace: { configuration: true, diagnostics: { refreshSupport: true } },
          textDocument: { publishDiagnostics: { versionSupport: true }, ...(mode === 'pull' ? { diagnostic: { dynamicRegistration: false } } : {}) },
        },
      });
    });
    after(function () {
      server.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const pull = async (): Promise<Diagnostic[]> => {
      const report = await withDeadline('diagnostics', 10_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
      return report.kind === 'full' ? report.items : [];
    };
    const type = (version: number, character: number, text: string) =>
      server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: AT.line, character }, end: { line: AT.line, character } }, text }],
      });

    it('holds the typed cell\'s findings until the typing settles, then shows them', async function () {
      const opened = mode === 'push' ? server.nextDiagnostics(uri, 10_000) : undefined;
      await server.open(uri, 'csv', CHARGES);
      const first = mode === 'push' ? (await opened!).diagnostics : await pull();
      assert.ok(first.some((d) => d.range.start.line === AT.line && d.code === 'code-shape'), 'the line without a code is a finding when the file opens');
      if (mode === 'pull') {
        await type(2, AT.character, 'a');
        const typed = Date.now();
        await type(3, AT.character + 1, 'r');
        const whileTyping = await pull();
        assert.deepEqual(whileTyping.filter(onCell).map((d) => String(d.message)), [], 'no finding flashes on the cell being typed');
        assert.ok(whileTyping.some((d) => d.code === 'ncci-ptp'), 'the other findings are still shown');
        await withDeadline('a refresh request', 10_000, (async () => { while (refreshes === 0) await new Promise((r) => setTimeout(r, 50)); })());
        assert.ok(Date.now() - typed >= 1000, `refreshed ${Date.now() - typed} ms after the keystrokes`);
        const settled = await pull();
        assert.ok(settled.some((d) => onCell(d) && /"ar"/.test(String(d.message))), settled.map((d) => `${d.code}: ${d.message}`).join(' | '));
      } else {
        const published = server.nextDiagnostics(uri, 10_000, (p) => p.version === 3);
        await type(2, AT.character, 'a');
        const typed = Date.now();
        await type(3, AT.character + 1, 'r');
        const { diagnostics } = await published;
        assert.ok(Date.now() - typed >= 1000, `published ${Date.now() - typed} ms after the keystrokes, before the typing settled`);
        assert.ok(diagnostics.some((d) => onCell(d) && /"ar"/.test(String(d.message))), diagnostics.map((d) => `${d.code}: ${d.message}`).join(' | '));
      }
    });

    it('diagnoses a pasted code at once', async function () {
      const start = Date.now();
      const published = mode === 'push' ? server.nextDiagnostics(uri, 10_000, (p) => p.version === 4) : undefined;
      // Replace "ar" with a whole code, as a paste or an accepted completion does.
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 4 },
        contentChanges: [{ range: { start: AT, end: { line: AT.line, character: AT.character + 2 } }, text: '4738' }],
      });
      const diagnostics = mode === 'push' ? (await published!).diagnostics : await pull();
      assert.ok(diagnostics.some((d) => d.range.start.line === AT.line && d.code === 'code-shape' && /4738/.test(String(d.message))), diagnostics.map((d) => String(d.message)).join(' | '));
      assert.ok(Date.now() - start < 1000, `${Date.now() - start} ms`);
    });
  });
}

describe('typing into a code cell, a pulling client that cannot be asked to pull again', function () {
  this.timeout(30_000);
  it('gets the typed cell\'s findings at once (nothing would show them later)', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-typing-norefresh-'));
    const uri = pathToFileURL(path.join(dir, 'typing.csv')).href;
    const server = ServerProcess.start('stdio', { ...process.env, CPT_LENS_DATA_DIR: path.join(dir, 'user-data') });
    try {
      server.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
      server.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
      server.connection.onRequest('client/registerCapability', () => null);
      await server.initialize(10_000, {
        rootUri: pathToFileURL(dir).href,
        capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
      });
      await server.open(uri, 'csv', CHARGES);
      const pull = async (): Promise<Diagnostic[]> => {
        const report = await withDeadline('diagnostics', 10_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
        return report.kind === 'full' ? report.items : [];
      };
      await pull();
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: AT, end: AT }, text: 'a' }],
      });
      const items = await pull();
      assert.ok(items.some((d) => onCell(d) && /"a"/.test(String(d.message))), items.map((d) => String(d.message)).join(' | '));
    } finally {
      server.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
