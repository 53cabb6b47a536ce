/**
 * The editor features over a real JSON-RPC connection to `cpt-lens serve --stdio`,
 * with a client that supports pull diagnostics, workspace/configuration, inlay hints
 * and work-done progress (as VS Code does): completion, code actions (quick fix and
 * fix-all), inlay hints, code lens, settings per URI with `.cptlens.json` on top,
 * server commands, cancellation and workspace trust.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  ClientCapabilities,
  CodeAction,
  CodeActionRequest,
  CodeLens,
  CodeLensRequest,
  CodeLensResolveRequest,
  CompletionItem,
  CompletionList,
  CompletionRequest,
  CompletionResolveRequest,
  ConfigurationRequest,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  InlayHint,
  InlayHintRequest,
  MarkupContent,
  Position,
  TextEdit,
  WorkDoneProgressCreateRequest,
} from 'vscode-languageserver-protocol/node';
import { ROOT, ServerProcess, withDeadline } from '../support/serverProcess';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi';
const CHARGES = [
  HEADER,
  'CLM1,PT1,2025-10-14,99213,,1,11,C22.0,1234567893',
  'CLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893',
  'CLM2,PT2,2025-10-15,cryo liv,,1,22,C22.0,1234567893',
  'CLM3,PT3,2025-10-16,47383-,,1,22,C22.0,1234567893',
  'CLM4,PT4,2025-10-16,99999,,1,22,C22.0,1234567893',
  '',
].join('\n');

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } }, diagnostics: { refreshSupport: true }, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } },
  window: { workDoneProgress: true },
  textDocument: {
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true },
    diagnostic: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    inlayHint: {},
    codeLens: {},
  },
};

function at(text: string, needle: string, nth = needle.length): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + nth).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offsetOf = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start))
    .reduce((t, e) => t.slice(0, offsetOf(e.range.start)) + e.newText + t.slice(offsetOf(e.range.end)), text);
}

describe('editor features over JSON-RPC (pull diagnostics, settings, commands)', function () {
  let server: ServerProcess;
  let dir: string;
  let uri: string;
  /** What the client answers to workspace/configuration; tests change it. */
  let userSettings: Record<string, unknown> = {};
  const configurationAsks: string[] = [];
  const progress: unknown[] = [];

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-features-'));
    fs.writeFileSync(path.join(dir, 'charges.csv'), CHARGES);
    uri = pathToFileURL(path.join(dir, 'charges.csv')).href;
    server = ServerProcess.start('stdio', { ...process.env, CPT_LENS_DATA_DIR: path.join(dir, 'user-data') });
    server.connection.onRequest(ConfigurationRequest.type, (params) => {
      for (const item of params.items) configurationAsks.push(`${item.section}@${item.scopeUri}`);
      return params.items.map(() => userSettings);
    });
    server.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    server.connection.onRequest('client/registerCapability', () => null);
    for (const refresh of ['workspace/diagnostic/refresh', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) server.connection.onRequest(refresh, () => null);
    server.connection.onNotification('$/progress', (p) => {
      progress.push(p);
    });
    await server.initialize(10_000, { capabilities: CAPABILITIES, rootUri: pathToFileURL(dir).href });
    await server.open(uri, 'csv', CHARGES);
  });
  after(function () {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const request = <R>(what: string, promise: Promise<R>): Promise<R> => withDeadline(what, 10_000, promise);
  const diagnostics = async (previousResultId?: string): Promise<DocumentDiagnosticReport> =>
    request('diagnostics', server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }));
  const fullItems = async (): Promise<Diagnostic[]> => {
    const report = await diagnostics();
    assert.equal(report.kind, 'full');
    return report.kind === 'full' ? report.items : [];
  };

  it('advertises every feature, and pull diagnostics to a client that supports them', function () {
    const caps = server.initializeResult?.capabilities;
    assert.deepEqual(caps?.completionProvider, { triggerCharacters: ['-', ' ', '('], resolveProvider: true });
    assert.deepEqual((caps?.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'quickfix.cptLens.fixAll', 'source.fixAll.cptLens']);
    assert.ok(caps?.inlayHintProvider && caps.codeLensProvider && caps.diagnosticProvider);
    assert.deepEqual(caps?.executeCommandProvider?.commands, ['cptLens.server.search', 'cptLens.server.dataSources', 'cptLens.server.importNcci', 'cptLens.server.columnReading', 'cptLens.server.mapColumns']);
  });

  it('reports the first load of the code set as work-done progress', async function () {
    await fullItems();
    const titles = progress.map((p) => (p as { value: { kind: string; title?: string } }).value).filter((v) => v.kind === 'begin').map((v) => v.title);
    assert.ok(titles.includes('CPT Lens: loading the code set'), JSON.stringify(titles));
  });

  it('pulls diagnostics; an unchanged document answers "unchanged"; settings are pulled for the URI', async function () {
    const report = await diagnostics();
    assert.equal(report.kind, 'full');
    assert.ok(report.kind === 'full' && report.items.some((d) => d.code === 'unknown-code'));
    assert.ok(configurationAsks.includes(`cptLens@${uri}`), configurationAsks.join(' '));
    const again = await diagnostics(report.kind === 'full' ? report.resultId : undefined);
    assert.equal(again.kind, 'unchanged');
  });

  it('completes "cryo liv" with 47383 first or second, resolving its documentation', async function () {
    const list = (await request('completion', server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at(CHARGES, 'cryo liv') }))) as CompletionList;
    assert.equal(list.isIncomplete, true);
    assert.ok(list.items.length <= 50);
    const index = list.items.findIndex((i) => i.label === '47383');
    assert.ok(index === 0 || index === 1, list.items.slice(0, 5).map((i) => i.label).join(' '));
    const item = list.items[index];
    assert.deepEqual((item.textEdit as TextEdit).range, { start: at(CHARGES, 'cryo liv', 0), end: at(CHARGES, 'cryo liv') });
    const resolved = await request('resolve', server.connection.sendRequest(CompletionResolveRequest.type, item as CompletionItem));
    assert.match((resolved.documentation as MarkupContent).value, /^\*\*47383\*\*/);
  });

  it('after "47383-" offers the allowed modifiers only (no 50, 62, 80)', async function () {
    const list = (await request('completion', server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at(CHARGES, '47383-,') , context: { triggerKind: 2, triggerCharacter: '-' } }))) as CompletionList;
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('51') && labels.includes('59'), labels.join(' '));
    for (const never of ['50', '62', '80']) assert.ok(!labels.includes(never), never);
  });

  it('offers the 5l → 51 quick fix from the diagnostic alone, and fix-all without the judgment fixes', async function () {
    const items = await fullItems();
    const typo = items.find((d) => d.range.start.line === 2 && (d.data as { fixes?: { title: string }[] })?.fixes?.some((f) => /51/.test(f.title)));
    assert.ok(typo, JSON.stringify(items.map((d) => [d.code, d.range.start])));
    const actions = (await request('code actions', server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: typo.range, context: { diagnostics: [typo], only: ['quickfix'] },
    }))) as CodeAction[];
    const fix = actions.find((a) => /51/.test(a.title));
    assert.ok(fix?.edit?.changes, JSON.stringify(actions));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.ok(applyEdits(CHARGES, fix.edit.changes[uri]).includes('47383,51,'));

    const all = (await request('fix all', server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    }))) as CodeAction[];
    assert.deepEqual(all.map((a) => [a.title, a.kind]), [['Fix all safe problems in file', 'source.fixAll.cptLens']]);
    const fixed = applyEdits(CHARGES, all[0].edit?.changes?.[uri] ?? []);
    assert.ok(fixed.includes('47383,51,'), fixed);
    assert.ok(!fixed.includes('99213,25') && !fixed.includes('99213-25'), 'adding 25 needs clinical judgment');
  });

  it('Ctrl+. on a fixable finding also offers "Fix all safe problems (N)" as one previewed change per fix', async function () {
    // A second safe problem (a lower-case modifier) so fix-all does more than the quick fix.
    const text = CHARGES.replace('47383-,', '47383,lt');
    const twoUri = pathToFileURL(path.join(dir, 'two-fixes.csv')).href;
    await server.open(twoUri, 'csv', text);
    const report = await request('diagnostics', server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: twoUri } }));
    const items = report.kind === 'full' ? report.items : [];
    const typo = items.find((d) => d.range.start.line === 2 && (d.data as { fixes?: { safe: boolean }[] })?.fixes?.some((f) => f.safe));
    assert.ok(typo);
    const actions = (await request('code actions', server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: twoUri }, range: typo.range, context: { diagnostics: [typo], only: ['quickfix'] },
    }))) as CodeAction[];
    const fixAll = actions.find((a) => /^Fix all safe problems \(\d+\)$/.test(a.title));
    assert.ok(fixAll, actions.map((a) => a.title).join(' | '));
    assert.equal(fixAll.kind, 'quickfix.cptLens.fixAll');
    const change = fixAll.edit?.documentChanges?.[0] as { textDocument: { uri: string; version: number }; edits: (TextEdit & { annotationId: string })[] };
    const annotations = fixAll.edit?.changeAnnotations ?? {};
    assert.equal(change.textDocument.uri, twoUri);
    // One annotation per rule, every change under one, each confirmed in the preview.
    for (const e of change.edits) assert.equal(annotations[e.annotationId]?.needsConfirmation, true, 'each change is confirmed in the preview');
    const fixesIn = (label: string): number => Number(/: (\d+) fix/.exec(label)?.[1]);
    assert.equal(Number(/\((\d+)\)/.exec(fixAll.title)?.[1]), Object.values(annotations).reduce((n, a) => n + fixesIn(a.label), 0), 'N counts the fixes');
    assert.ok(Object.values(annotations).some((a) => /^modifier-shape: 2 fixes$/.test(a.label) && /51/.test(a.description ?? '') && /lines 3, 5/.test(a.description ?? '')), JSON.stringify(annotations));
    const fixed = applyEdits(text, change.edits);
    assert.ok(fixed.includes('47383,51,') && fixed.includes('47383,LT,'), fixed);
    assert.ok(!/99213,25|99213-25/.test(fixed), 'the judgment fix (25) is never in fix-all');
  });

  it('gives descriptor inlay hints for the requested range only', async function () {
    const hints = (await request('inlay hints', server.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 2, character: 10 } },
    }))) as InlayHint[];
    assert.deepEqual(hints.map((h) => h.position.line), [1, 2]);
    assert.equal(hints[1].label, 'Perq abltj lvr cryoablation');
    assert.deepEqual(hints[1].position, at(CHARGES, '2025-10-14,47383'));
  });

  it('places a code lens on each claim with findings (codeLens.mode "findings"), resolved to lines, RVUs, payment and findings; "all" and "off" too', async function () {
    const lensLines = async (): Promise<number[]> =>
      ((await request('code lens', server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))) as CodeLens[]).map((l) => l.range.start.line);
    const lenses = (await request('code lens', server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }))) as CodeLens[];
    assert.deepEqual(lenses.map((l) => l.range.start.line), [1, 3, 5], 'the clean claim on line 4 gets no lens');
    assert.equal(lenses[0].command, undefined, 'numbers come on resolve, for the lenses on screen');
    // As vscode-languageclient sends a lens back: its data only when truthy (a key of 0 was lost).
    assert.ok(lenses.every((l) => Boolean(l.data)), JSON.stringify(lenses.map((l) => l.data)));
    const asSent: CodeLens = { range: lenses[0].range, ...(lenses[0].data ? { data: lenses[0].data as unknown } : {}) };
    const resolved = await request('resolve', server.connection.sendRequest(CodeLensResolveRequest.type, asSent));
    assert.match(resolved.command?.title ?? '', /^2 lines · \d+\.\d\d RVUs · \$[\d,]+\.\d\d national est\. · \d+ findings?$/);
    assert.equal(resolved.command?.command, 'cptLens.showClaim', 'a click shows the claim summary');
    assert.match(String(resolved.command?.arguments?.[0]), /^.*2 lines.*\nline 2 \w+ [a-z-]+: /);
    userSettings = { codeLens: { mode: 'all' } };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await lensLines(), [1, 3, 4, 5]);
    userSettings = { codeLens: { mode: 'off' } };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await lensLines(), []);
    userSettings = {};
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('claim-grouping offers to write the likely key column into a new .cptlens.json, as an edit to apply', async function () {
    const sub = path.join(dir, 'no-key');
    fs.mkdirSync(sub);
    const noKeyUri = pathToFileURL(path.join(sub, 'export.csv')).href;
    const text = 'Ref,Date,Code,Units,Dx\nR100,2025-10-14,99213,1,E11.9\nR100,2025-10-14,93000,1,E11.9\nR101,2025-10-14,99213,1,I10\nR101,2025-10-14,71046,1,I10\nR102,2025-10-14,99213,1,J06.9\n';
    fs.writeFileSync(path.join(sub, 'export.csv'), text);
    await server.open(noKeyUri, 'csv', text);
    const report = await request('diagnostics', server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: noKeyUri } }));
    const warning = report.kind === 'full' ? report.items.find((d) => d.code === 'claim-grouping') : undefined;
    assert.ok(warning, 'the warning is published');
    const actions = (await request('code actions', server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: noKeyUri }, range: warning.range, context: { diagnostics: [warning], only: ['quickfix'] },
    }))) as CodeAction[];
    const mapping = actions.find((a) => /^Group lines by "Ref"/.test(a.title));
    assert.ok(mapping, `${JSON.stringify(warning.data)} / ${actions.map((a) => a.title).join('; ')}`);
    const changes = mapping.edit?.documentChanges ?? [];
    assert.deepEqual(changes[0], { kind: 'create', uri: pathToFileURL(path.join(sub, '.cptlens.json')).href, options: { ignoreIfExists: true } });
    const written = (changes[1] as { edits: { newText: string }[] }).edits[0].newText;
    assert.deepEqual(JSON.parse(written), { columns: { Ref: 'account' } });
    assert.ok(!fs.existsSync(path.join(sub, '.cptlens.json')), 'nothing is written until the user applies the edit');
  });

  it('a finding on a line offers "Accept … with a reason"; distinct-service fixes stay one entry each for a client without a pick list', async function () {
    const text = `${HEADER}\nCLM9,PT9,2025-10-14,20610,RT,1,11,M25.561,1234567893\nCLM9,PT9,2025-10-14,20610,RT,1,11,M25.561,1234567893\n`;
    const dupUri = pathToFileURL(path.join(dir, 'duplicate.csv')).href;
    await server.open(dupUri, 'csv', text);
    const report = await request('diagnostics', server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: dupUri } }));
    const duplicate = report.kind === 'full' ? report.items.find((d) => d.code === 'duplicate-line') : undefined;
    assert.ok(duplicate);
    const actions = (await request('code actions', server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: dupUri }, range: duplicate.range, context: { diagnostics: [duplicate], only: ['quickfix'] },
    }))) as CodeAction[];
    assert.deepEqual(actions.filter((a) => /^Add (XS|XU|XE|XP|59) to 20610/.test(a.title)).length, 5, actions.map((a) => a.title).join(' | '));
    const accept = actions.find((a) => a.title === 'Accept duplicate-line with a reason (disable comment)');
    assert.ok(accept?.edit?.changes, actions.map((a) => a.title).join(' | '));
    assert.equal(accept.command, undefined, 'no client command for a client that did not list it');
    assert.equal(applyEdits(text, accept.edit.changes[dupUri]).split('\n')[2], '# cpt-lens-disable-next-line duplicate-line: ');
  });

  it('Map columns: the server reads the header with its roles, writes the mapping into .cptlens.json and re-checks', async function () {
    const sub = path.join(dir, 'map-columns');
    fs.mkdirSync(sub);
    // A project file with other settings: they are kept.
    fs.writeFileSync(path.join(sub, '.cptlens.json'), JSON.stringify({ rules: { mue: 'off' } }));
    const mapUri = pathToFileURL(path.join(sub, 'export.csv')).href;
    const text = 'Ref,Date,Code,Units,Dx\nR100,2025-10-14,99213,1,E11.9\nR100,2025-10-14,93000,1,E11.9\nR101,2025-10-14,99213,1,I10\nR101,2025-10-14,71046,1,I10\nR102,2025-10-14,99213,1,J06.9\n';
    fs.writeFileSync(path.join(sub, 'export.csv'), text);
    await server.open(mapUri, 'csv', text);
    const pull = async (): Promise<Diagnostic[]> => {
      const report = await request('diagnostics', server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: mapUri } }));
      return report.kind === 'full' ? report.items : [];
    };
    assert.ok((await pull()).some((d) => d.code === 'claim-grouping'));
    const view = (await request('column reading', server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cptLens.server.columnReading', arguments: [{ uri: mapUri }] }))) as {
      columns: { header: string; role?: string; source?: string }[]; roles: { role: string; label: string }[]; groupBy?: string; groupCandidate?: string;
    };
    assert.deepEqual(view.columns.map((c) => [c.header, c.role ?? null]), [['Ref', null], ['Date', 'date'], ['Code', 'code'], ['Units', 'units'], ['Dx', 'diagnosis']]);
    assert.equal(view.groupBy, undefined);
    assert.equal(view.groupCandidate, 'Ref');
    assert.ok(view.roles.some((r) => r.role === 'account'), 'the roles come with the view, in words');

    await assert.rejects(request('bad role', server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cptLens.server.mapColumns', arguments: [{ uri: mapUri, columns: { Ref: 'ssn' } }] })));
    const result = (await request('map columns', server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cptLens.server.mapColumns', arguments: [{ uri: mapUri, columns: { Ref: 'account' } }] }))) as { file?: string };
    assert.equal(result.file, path.join(sub, '.cptlens.json'));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(sub, '.cptlens.json'), 'utf8')), { rules: { mue: 'off' }, columns: { Ref: 'account' } });
    assert.ok(!(await pull()).some((d) => d.code === 'claim-grouping'), 'the lines are grouped by Ref now');
    const after = (await request('column reading', server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cptLens.server.columnReading', arguments: [{ uri: mapUri }] }))) as { columns: { role?: string; source?: string }[]; groupBy?: string };
    assert.deepEqual([after.columns[0].role, after.columns[0].source, after.groupBy], ['account', 'setting', 'account']);
    // null takes a header out of the mapping again.
    await request('unmap', server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cptLens.server.mapColumns', arguments: [{ uri: mapUri, columns: { Ref: null } }] }));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(sub, '.cptlens.json'), 'utf8')), { rules: { mue: 'off' }, columns: {} });
    assert.ok((await pull()).some((d) => d.code === 'claim-grouping'));
  });

  it('.cptlens.json turns a note rule off as it does a charge rule, with no settings problem (one registry for both)', async function () {
    const sub = path.join(dir, 'rules-off');
    fs.mkdirSync(sub);
    const noteUri = pathToFileURL(path.join(sub, 'note.md')).href;
    const chargeUri = pathToFileURL(path.join(sub, 'charges.csv')).href;
    const note = '# Operative note\n\nProcedure: CPT 47383, percutaneous cryoablation of a liver tumor.\n';
    const charges = 'Claim,Date,Code,Units\nC1,2025-10-14,99999,1\n';
    const pull = async (uri: string): Promise<Diagnostic[]> => {
      const report = await request('diagnostics', server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
      return report.kind === 'full' ? report.items : [];
    };
    await server.open(noteUri, 'markdown', note);
    await server.open(chargeUri, 'csv', charges);
    assert.ok((await pull(noteUri)).some((d) => d.code === 'documentation-missing'), 'the note rule is on by default');
    assert.ok((await pull(chargeUri)).some((d) => d.code === 'unknown-code'), 'the charge rule is on by default');
    fs.writeFileSync(path.join(sub, '.cptlens.json'), JSON.stringify({ rules: { 'documentation-missing': 'off', 'unknown-code': 'off' } }));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(sub, '.cptlens.json')).href, type: 1 }] });
    const noteAfter = await pull(noteUri);
    const chargesAfter = await pull(chargeUri);
    assert.ok(!noteAfter.some((d) => d.code === 'documentation-missing'), noteAfter.map((d) => d.code).join(' '));
    assert.ok(!chargesAfter.some((d) => d.code === 'unknown-code'), chargesAfter.map((d) => d.code).join(' '));
    assert.ok(![...noteAfter, ...chargesAfter].some((d) => /unknown rule/i.test(String(d.message))), 'both ids are known to the one registry');
  });

  it('re-reads settings on change: user settings, then .cptlens.json winning over them', async function () {
    userSettings = { rules: { 'unknown-code': 'off' }, inlayHints: { enabled: false } };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const noUnknown = await fullItems();
    assert.ok(!noUnknown.some((d) => d.code === 'unknown-code'), 'turned off by the user setting');
    const hints = (await request('inlay hints', server.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } },
    }))) as InlayHint[];
    assert.deepEqual(hints, []);

    fs.writeFileSync(path.join(dir, '.cptlens.json'), JSON.stringify({ rules: { 'unknown-code': 'warning' } }));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.cptlens.json')).href, type: 1 }] });
    const unknown = (await fullItems()).find((d) => d.code === 'unknown-code');
    assert.equal(unknown?.severity, 2, 'the project file wins: a warning');
    fs.rmSync(path.join(dir, '.cptlens.json'));
    userSettings = {};
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  it('cancels a diagnostic pull that is cancelled before it runs', async function () {
    const source = new CancellationTokenSource();
    const pending = server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(request('cancelled pull', pending), (error: { code?: number }) => error.code === -32802 || error.code === -32800);
  });

  it('runs the server commands: search, data sources, NCCI import with progress', async function () {
    const hits = (await request('search', server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cptLens.server.search', arguments: [{ query: 'cryo liver' }] }))) as { code: string }[];
    assert.ok(hits.slice(0, 2).some((h) => h.code === '47383'), JSON.stringify(hits.slice(0, 3)));
    const before = (await request('sources', server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cptLens.server.dataSources', arguments: [] }))) as { ncci?: string; trusted: boolean; feeSchedule: string };
    assert.equal(before.ncci, undefined);
    assert.equal(before.trusted, true);
    assert.match(before.feeSchedule, /^RVU25D/);
    const summary = (await request('import', server.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'cptLens.server.importNcci', arguments: [{ paths: [path.join(ROOT, 'test', 'fixtures', 'ncci')] }],
    }))) as { ok: boolean; ncci?: string; files: { table?: string; rows: number }[] };
    assert.equal(summary.ok, true, JSON.stringify(summary));
    assert.ok(summary.ncci, 'NCCI now loaded');
    assert.ok(summary.files.some((f) => f.table === 'ptp' && f.rows > 0));
    assert.ok(fs.existsSync(path.join(dir, 'user-data')), 'written to the data folder, not the workspace');
    const kinds = progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.ok(kinds.includes('begin') && kinds.includes('end'), JSON.stringify(progress));
    // The PTP rule now checks pairs: the "not loaded" note is gone.
    assert.ok(!(await fullItems()).some((d) => d.code === 'ncci-ptp' && /not loaded/.test(String(d.message))));
  });

  it('shuts down cleanly', async function () {
    assert.equal(await server.shutdown(), 0);
  });
});

describe('an untrusted workspace', function () {
  it('loads bundled data only, ignoring workspace-configured knowledge folders', async function () {
    const server = ServerProcess.start('stdio', { ...process.env, CPT_LENS_DATA_DIR: path.join(os.tmpdir(), 'cpt-lens-no-such-dir') });
    try {
      await server.initialize(10_000, {
        capabilities: CAPABILITIES,
        initializationOptions: { trusted: false, knowledgeFolders: [path.join(ROOT, 'test', 'fixtures', 'knowledge')], dataFolder: '/tmp/elsewhere' },
      });
      const sources = (await withDeadline('sources', 10_000, server.connection.sendRequest(ExecuteCommandRequest.type, { command: 'cptLens.server.dataSources', arguments: [] }))) as {
        trusted: boolean; knowledgeFolders: string[]; dataFolder: string;
      };
      assert.equal(sources.trusted, false);
      assert.deepEqual(sources.knowledgeFolders, []);
      assert.notEqual(sources.dataFolder, '/tmp/elsewhere');
    } finally {
      server.kill();
    }
  });
});
