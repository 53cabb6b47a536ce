/**
 * Opening a big charge file (over 1 MB) over a real JSON-RPC connection: the first
 * diagnostics are the first rows' line findings, answered before the whole file is checked,
 * and the whole check follows (pull: the server asks for a new pull; push: a second publish).
 * Every finding of the first answer is one of the complete answer's: a preview never shows
 * a finding the whole check would not.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationRequest, Diagnostic, DocumentDiagnosticRequest, WorkDoneProgressCreateRequest } from 'vscode-languageserver-protocol/node';
import { RULES } from '../../server/src/service';
import { ServerProcess, withDeadline } from '../support/serverProcess';

const LINE_RULES = new Set(RULES.filter((r) => r.scope === 'line').map((r) => r.id));

/** SYNTHETIC: 30,000 lines (about 1.7 MB); every 7th has a malformed modifier, and each claim's visit lacks 25 beside a procedure. */
function bigFile(): string {
  const rows = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1'];
  const codes = ['99213', '20610', '71046'];
  for (let i = 0; i < 30_000; i++) {
    const claim = Math.floor(i / 3);
    rows.push(`CLM${claim},PT${claim},2025-10-14,${codes[i % 3]},${i % 7 === 0 ? '5l' : ''},1,11,M25.561`);
  }
  return rows.join('\n') + '\n';
}

/** A server over stdio in a scratch folder, answering configuration with `settings` (initialize is the test's). */
function startServer(prefix: string, settings: Record<string, unknown> = {}): { dir: string; uri: string; server: ServerProcess } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const server = ServerProcess.start('stdio', { ...process.env, CPT_LENS_DATA_DIR: path.join(dir, 'user-data') });
  server.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
  server.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  server.connection.onRequest('client/registerCapability', () => null);
  return { dir, uri: pathToFileURL(path.join(dir, 'export.csv')).href, server };
}

function stop(server: ServerProcess, dir: string): void {
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** `startServer`, initialized as a client that pulls diagnostics, hovers, and is asked to pull again (`onRefresh`). */
async function pullingServer(prefix: string, onRefresh: () => void): Promise<{ dir: string; uri: string; server: ServerProcess }> {
  const started = startServer(prefix);
  started.server.connection.onRequest('workspace/diagnostic/refresh', () => {
    onRefresh();
    return null;
  });
  await started.server.initialize(10_000, {
    rootUri: pathToFileURL(started.dir).href,
    capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: { dynamicRegistration: false }, hover: {} } },
  });
  return started;
}

const key = (d: Diagnostic): string => `${d.range.start.line}:${d.range.start.character}:${d.code}:${d.message}`;

for (const mode of ['pull', 'push'] as const) {
  describe(`opening a big charge file (${mode} diagnostics)`, function () {
    this.timeout(60_000);
    it('answers with the first rows\' findings first, then the whole file\'s', async function () {
      const { dir, uri, server } = startServer('cpt-lens-big-');
      let refreshes = 0;
      try {
        server.connection.onRequest('workspace/diagnostic/refresh', () => {
          refreshes++;
          return null;
        });
        await server.initialize(10_000, {
          rootUri: pathToFileURL(dir).href,
          capabilities: {
            workspace: { configuration: true, diagnostics: { refreshSupport: true } },
            textDocument: { publishDiagnostics: { versionSupport: true }, ...(mode === 'pull' ? { diagnostic: { dynamicRegistration: false } } : {}) },
          },
        });
        let first: Diagnostic[];
        let complete: Diagnostic[];
        if (mode === 'pull') {
          await server.open(uri, 'csv', bigFile());
          const report = await withDeadline('the first pull', 20_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
          assert.equal(report.kind, 'full');
          assert.match(String(report.resultId), /:preview$/);
          first = report.kind === 'full' ? report.items : [];
          await withDeadline('a refresh request', 20_000, (async () => { while (refreshes === 0) await new Promise((r) => setTimeout(r, 20)); })());
          const again = await withDeadline('the pull after the refresh', 20_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
          assert.doesNotMatch(String(again.resultId), /:preview$/);
          complete = again.kind === 'full' ? again.items : [];
        } else {
          const published: Diagnostic[][] = [];
          const firstTwo = withDeadline('two publishes', 20_000, new Promise<void>((resolve) => {
            server.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
              if (p.uri === uri) published.push(p.diagnostics);
              if (published.length === 2) resolve();
            });
          }));
          await server.open(uri, 'csv', bigFile());
          await firstTwo;
          [first, complete] = published;
        }
        assert.ok(first.length > 0 && first.length <= 50, `a short first answer (${first.length})`);
        assert.ok(first.every((d) => d.range.start.line <= 5001), 'from the first rows');
        assert.deepEqual(first.filter((d) => !LINE_RULES.has(String(d.code))).map((d) => d.code), [], 'line rules\' findings only');
        assert.ok(first.some((d) => d.code === 'modifier-shape'), 'the malformed modifiers of the first rows');
        assert.ok(complete.length > first.length, `the whole file's findings follow (${complete.length})`);
        assert.ok(complete.some((d) => !LINE_RULES.has(String(d.code))), 'claim and file findings');
        const all = new Set(complete.map(key));
        // The complete answer is limited too (errors first): compare with the first rows' errors only.
        for (const d of first.filter((f) => f.severity === 1 && f.range.start.line < 200)) assert.ok(all.has(key(d)), `the preview's ${key(d)} is in the complete answer`);
      } finally {
        stop(server, dir);
      }
    });
  });
}

describe('pulling diagnostics after an edit far from the ones shown', function () {
  this.timeout(30_000);
  it('answers "unchanged" when the shown findings are the same, and in full when one of them changed', async function () {
    // At most 5 diagnostics: the first rows' errors; the edits below are far after them, then on one of them.
    const { dir, uri, server } = startServer('cpt-lens-unchanged-', { maxFindingsPerFile: 5 });
    try {
      await server.initialize(10_000, { rootUri: pathToFileURL(dir).href, capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } } });
      const rows = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1'];
      for (let i = 0; i < 300; i++) rows.push(`CLM${i},PT${i},2025-10-14,99213,${i % 2 === 0 ? '5l' : ''},1,11,M25.561`);
      await server.open(uri, 'csv', rows.join('\n') + '\n');
      const pull = (previousResultId?: string) => withDeadline('a pull', 10_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }));
      const first = await pull();
      assert.equal(first.kind, 'full');
      const firstItems = first.kind === 'full' ? first.items : [];
      assert.equal(firstItems.length, 5);
      // Units of row 250 (far below the five shown), typed over: the shown findings stay the same objects.
      const unitsAt = (line: number): number => rows[line].split(',').slice(0, 5).join(',').length + 1;
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 250, character: unitsAt(250) }, end: { line: 250, character: unitsAt(250) + 1 } }, text: '2' }] });
      const second = await pull(first.resultId);
      assert.equal(second.kind, 'unchanged');
      assert.equal(second.resultId, first.resultId);
      // Row 1's malformed modifier fixed: a shown finding goes, the answer is full.
      const modAt = rows[1].indexOf('5l');
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 1, character: modAt }, end: { line: 1, character: modAt + 2 } }, text: '' }] });
      const third = await pull(second.resultId);
      assert.equal(third.kind, 'full');
      const thirdItems = third.kind === 'full' ? third.items : [];
      assert.ok(!thirdItems.some((d) => d.range.start.line === 1 && d.code === 'modifier-shape'), 'the fixed line has no modifier finding');
    } finally {
      stop(server, dir);
    }
  });
});

describe('a big charge file whose lenses are asked for before its first pull (as VS Code does)', function () {
  this.timeout(60_000);
  it('answers the lenses empty, the pull with the preview (twice: the same answer), then refreshes both after the whole check', async function () {
    const { dir, uri, server } = startServer('cpt-lens-big-lens-');
    const refreshed = new Set<string>();
    try {
      for (const method of ['workspace/diagnostic/refresh', 'workspace/codeLens/refresh', 'workspace/inlayHint/refresh']) {
        server.connection.onRequest(method, () => {
          refreshed.add(method);
          return null;
        });
      }
      await server.initialize(10_000, {
        rootUri: pathToFileURL(dir).href,
        capabilities: {
          workspace: { configuration: true, diagnostics: { refreshSupport: true }, codeLens: { refreshSupport: true }, inlayHint: { refreshSupport: true } },
          textDocument: { diagnostic: { dynamicRegistration: false }, codeLens: {}, inlayHint: {} },
        },
      });
      await server.open(uri, 'csv', bigFile());
      const lenses = await withDeadline('lenses', 20_000, server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as unknown[];
      assert.deepEqual(lenses, [], 'no lenses before the whole check');
      const pull = () => withDeadline('a pull', 20_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
      const [first, second] = await Promise.all([pull(), pull()]);
      assert.match(String(first.resultId), /:preview$/);
      assert.equal(second.resultId, first.resultId, 'a second pull before the check gets the same preview');
      await withDeadline('the refreshes', 20_000, (async () => { while (refreshed.size < 3) await new Promise((r) => setTimeout(r, 20)); })());
      const after = await withDeadline('lenses', 20_000, server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as unknown[];
      assert.ok(after.length > 1000, `lenses after the check (${after.length})`);
    } finally {
      stop(server, dir);
    }
  });
});

describe('pulling diagnostics after an edit above the ones shown', function () {
  this.timeout(30_000);
  it('answers "unchanged" when the findings only moved with their rows, and in full after rows were reordered', async function () {
    const { dir, uri, server } = startServer('cpt-lens-moved-');
    try {
      await server.initialize(10_000, { rootUri: pathToFileURL(dir).href, capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } } });
      const rows = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1'];
      for (let i = 0; i < 40; i++) rows.push(`CLM${i},PT${i},2025-10-14,99213,${i % 2 === 0 ? '5l' : ''},1,11,M25.561`);
      await server.open(uri, 'csv', rows.join('\n') + '\n');
      const pull = (previousResultId?: string) => withDeadline('a pull', 10_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }));
      const first = await pull();
      assert.equal(first.kind, 'full');
      // Line 2 (a clean line near the top): units 1 → 11, so every finding below moves one character.
      const unitsAt = rows[2].split(',').slice(0, 5).join(',').length + 1;
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: unitsAt }, end: { line: 2, character: unitsAt } }, text: '1' }] });
      const second = await pull(first.resultId);
      assert.equal(second.kind, 'unchanged', 'the findings below only moved with their rows');
      // Line 1's "5l" deleted: a shown finding goes, so the answer is full; the ones below keep
      // the diagnostics made before (same line and column), equal to a fresh check's.
      const modAt = rows[1].indexOf('5l');
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 1, character: modAt }, end: { line: 1, character: modAt + 2 } }, text: '' }] });
      const afterFix = await pull(second.resultId);
      assert.equal(afterFix.kind, 'full');
      const freshUri = uri.replace('export.csv', 'fresh.csv');
      const edited = [rows[0], rows[1].replace('5l', ''), rows[2].replace(',1,11,', ',11,11,'), ...rows.slice(3)].join('\n') + '\n';
      await server.open(freshUri, 'csv', edited);
      const fresh = await withDeadline('a fresh pull', 10_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: freshUri } }));
      const ranges = (r: typeof fresh) => (r.kind === 'full' ? r.items.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${JSON.stringify((d.data as { fixes?: unknown })?.fixes ?? null)}`) : []);
      assert.deepEqual(ranges(afterFix), ranges(fresh));
      // (Later edits go on from version 3.)
      // Lines 3 and 4 swapped in one edit: the same line count, but findings changed lines.
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 4 },
        contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } }, text: `${rows[4]}\n${rows[3]}\n` }],
      });
      const third = await pull(afterFix.resultId);
      assert.equal(third.kind, 'full', 'rows reordered: the answer is made again');
      const items = third.kind === 'full' ? third.items : [];
      assert.ok(items.some((d) => d.code === 'modifier-shape' && d.range.start.line === 4), 'the 5l of CLM2 is now on line index 4');
      assert.ok(!items.some((d) => d.code === 'modifier-shape' && d.range.start.line === 3), 'and no longer on line index 3');
    } finally {
      stop(server, dir);
    }
  });
});

describe('a hover while a big charge file\'s first whole check runs', function () {
  this.timeout(60_000);
  it('is answered between the check\'s slices, before the check is done', async function () {
    const events: string[] = [];
    const { dir, uri, server } = await pullingServer('cpt-lens-big-hover-', () => events.push('refresh'));
    try {
      const text = bigFile();
      await server.open(uri, 'csv', text);
      const first = await withDeadline('the first pull', 20_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
      assert.match(String(first.resultId), /:preview$/);
      // Hovers on a code deep in the file, every few milliseconds until the whole check is done.
      const line = 20_000;
      const hovers: Promise<void>[] = [];
      while (!events.includes('refresh') && hovers.length < 400) {
        hovers.push(
          server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 'CLM6666,PT6666,2025-10-14,'.length + 2 } }).then((hover) => {
            const contents = (hover as { contents?: { value?: string } } | null)?.contents?.value ?? '';
            events.push(/\*\*20610\*\*/.test(contents) ? 'hover' : `hover without the code's facts: ${contents.slice(0, 80)}`);
          }),
        );
        await new Promise((r) => setTimeout(r, 5));
      }
      await withDeadline('the hovers', 20_000, Promise.all(hovers));
      assert.ok(events.includes('refresh'), 'the whole check finished');
      assert.deepEqual(events.filter((e) => e !== 'hover' && e !== 'refresh'), [], 'every hover has the code');
      const before = events.indexOf('refresh');
      // Run whole, the check holds back every hover sent after it started: one or none is answered before it.
      assert.ok(before >= 5, `hovers answered while the whole check ran (${before} of ${hovers.length} before it was done)`);
    } finally {
      stop(server, dir);
    }
  });
});

describe('an edit while a big charge file\'s first whole check runs', function () {
  this.timeout(60_000);
  it('lets the check finish and shows the edit in the complete answer', async function () {
    let refreshes = 0;
    const { dir, uri, server } = await pullingServer('cpt-lens-big-edit-', () => refreshes++);
    try {
      await server.open(uri, 'csv', bigFile());
      const pull = () => withDeadline('a pull', 20_000, server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
      assert.match(String((await pull()).resultId), /:preview$/);
      // A hover begins the check; then a code on line 3 (the third row, 71046) becomes one no data has.
      await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 'CLM0,PT0,2025-10-14,'.length + 1 } });
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 3, character: 'CLM0,PT0,2025-10-14,'.length }, end: { line: 3, character: 'CLM0,PT0,2025-10-14,71046'.length } }, text: '7104Q' }],
      });
      await withDeadline('a refresh request', 20_000, (async () => { while (refreshes === 0) await new Promise((r) => setTimeout(r, 20)); })());
      let report = await pull();
      while (String(report.resultId).endsWith(':preview')) report = await pull();
      assert.equal(report.kind, 'full');
      const items = report.kind === 'full' ? report.items : [];
      assert.ok(items.some((d) => d.range.start.line === 3 && /7104Q/.test(String(d.message))), `the edited code is reported: ${items.filter((d) => d.range.start.line === 3).map((d) => String(d.message)).join(' | ')}`);
      assert.ok(!items.some((d) => d.range.start.line === 3 && /71046/.test(String(d.message))), 'nothing of the code before the edit');
    } finally {
      stop(server, dir);
    }
  });
});
