/**
 * The real server (`cpt-lens serve`) in a child process over a real JSON-RPC
 * connection: the contract every editor relies on, checked without an editor.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  Diagnostic,
  DidChangeTextDocumentNotification,
  Hover,
  HoverRequest,
  MarkupContent,
  Position,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadCodeSet } from '../../server/src/codeset/load';
import { getLanguageService } from '../../server/src/service/languageService';
import { ROOT, ServerProcess, Transport, exampleUri, withDeadline } from '../support/serverProcess';

const CHARGES = fs.readFileSync(path.join(ROOT, 'examples', 'charges.csv'), 'utf8');
const NOTE = fs.readFileSync(path.join(ROOT, 'examples', 'operative-note-47383.md'), 'utf8');
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** The engine `cpt-lens check` runs, in-process: the server must publish exactly its findings (editor and CI agree). */
const engine = getLanguageService({ codeSet: loadCodeSet().codeSet });

/** What the engine finds in `text`: rule, 0-based range, and the text under it, in the order `summarize` gives. */
function expectedFor(text: string): ReturnType<typeof summarize> {
  const document = TextDocument.create('file:///expected.csv', 'csv', 1, text);
  const findings = engine.validate(text, 'charges');
  return summarize(findings.map((f) => ({ code: f.ruleId, message: f.message, range: { start: document.positionAt(f.start), end: document.positionAt(f.end) } })), text);
}

const EXPECTED_CHARGE_DIAGNOSTICS = expectedFor(CHARGES);
/** The malformed code the didChange test repairs. */
const BAD_CELL = 'CLM1003,PT-0003,2025-10-16,4738,';

/** What examples/operative-note-47383.md must yield (the note rules, as `cpt-lens check` prints them): rule and text under the range. */
const EXPECTED_NOTE_DIAGNOSTICS = [
  'documentation-if-applicable 47383',
  'documentation-missing 47383',
  'modifier-not-allowed 80',
  'unfilled-blank ***',
  'unfilled-blank {{surgeon}}',
  'unknown-marked-code 76904',
];

/** Sorted, comparable summary of diagnostics plus the text each range covers. */
function summarize(diagnostics: Diagnostic[], text: string): { code: unknown; range: Diagnostic['range']; text: string }[] {
  const lines = text.split('\n');
  return diagnostics
    .map((d) => ({ code: d.code, range: d.range, text: lines[d.range.start.line].slice(d.range.start.character, d.range.end.character) }))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code)));
}

/** Position of the `nth` character of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, nth = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not in the example`);
  const before = text.slice(0, offset + nth).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function hover(server: ServerProcess, uri: string, position: Position): Promise<Hover | null> {
  return withDeadline('a hover response', 5_000, server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
}

function markdownOf(result: Hover | null): string {
  assert.ok(result, 'expected a hover');
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

function suite(transport: Transport, full: boolean): void {
  describe(`cpt-lens serve --${transport}`, function () {
    let server: ServerProcess;
    const chargesUri = exampleUri('charges.csv');
    const noteUri = exampleUri('operative-note-47383.md');

    before(function () {
      server = ServerProcess.start(transport);
    });
    after(function () {
      server.kill();
    });

    it('answers initialize with its capabilities and serverInfo', async function () {
      const result = await server.initialize();
      assert.deepEqual(result.serverInfo, { name: 'cpt-lens', version });
      assert.equal(result.capabilities.hoverProvider, true);
      // 2 = incremental: editors send only the edited range.
      assert.equal(result.capabilities.textDocumentSync, 2);
      console.log(`        (${transport}: initialize answered ${server.readyMs} ms after spawn)`);
    });

    it('publishes the charge file findings after didOpen, with exact ranges and rule ids', async function () {
      const published = server.nextDiagnostics(chargesUri);
      await server.open(chargesUri, 'csv', CHARGES);
      const { diagnostics, version: docVersion } = await published;
      assert.equal(docVersion, 1);
      assert.deepEqual(summarize(diagnostics, CHARGES), EXPECTED_CHARGE_DIAGNOSTICS);
      // Spot checks that do not depend on the engine: the malformed and the unknown code, on exactly their cells.
      const shape = diagnostics.find((d) => d.code === 'code-shape');
      assert.deepEqual(shape?.range, { start: positionOf(CHARGES, BAD_CELL, 27), end: positionOf(CHARGES, BAD_CELL, 31) });
      assert.equal(shape?.severity, 1);
      assert.ok(diagnostics.some((d) => d.code === 'unknown-code' && d.range.start.line === positionOf(CHARGES, ',99999,').line));
      for (const d of diagnostics) assert.equal(d.source, 'cpt-lens');
      // A claim-level finding names its claim and points to the line it pairs with.
      const global = diagnostics.find((d) => d.code === 'global-surgery');
      assert.match(String(global?.message ?? ''), /^Claim CLM\d+: /);
      const related = global?.relatedInformation?.[0];
      assert.equal(related?.location.uri, chargesUri);
      assert.match(related?.message ?? '', /the procedure whose global period the visit falls in/);
      assert.equal(CHARGES.split('\n')[related?.location.range.start.line ?? -1].slice(related?.location.range.start.character, related?.location.range.end.character), '27447');
    });

    it('hovers 47383 in the charge file with its fee schedule facts', async function () {
      const at = positionOf(CHARGES, '47383,', 2);
      const result = await hover(server, chargesUri, at);
      const text = markdownOf(result);
      assert.ok(text.startsWith('**47383** Perq abltj lvr cryoablation'), text);
      assert.ok(text.includes('Assistant at surgery (80/81/82/AS): not payable (statutory restriction) (1)'), text);
      assert.deepEqual(result?.range, { start: { line: at.line, character: 27 }, end: { line: at.line, character: 32 } });
    });

    it('explains a finding in the hover of its range: rule, message and the data it rests on', async function () {
      const result = await hover(server, chargesUri, positionOf(CHARGES, ',4738,', 2));
      const text = markdownOf(result);
      assert.match(text, /^\*\*code-shape\*\* \(error\): "4738" is not/, text);
      assert.match(text, /_Rests on:_ code 4738/, text);
    });

    it('gives no hover on a cell that is not a code; a header cell says the role its column got', async function () {
      assert.equal(await hover(server, chargesUri, positionOf(CHARGES, 'PT-0001', 3)), null);
      const header = (await hover(server, chargesUri, positionOf(CHARGES, 'claim_id', 1))) as { contents: { value: string } };
      assert.equal(header.contents.value, '**claim_id**: read as **claim** from its header.');
    });

    it('logs no document text: no patient, claim or provider id reaches the log', async function () {
      const output = server.allOutput();
      assert.ok(server.logs.some((line) => /loaded in \d+ ms/.test(line)), output);
      for (const id of ['PT-0001', 'CLM1001', '1234567893']) assert.ok(!output.includes(id), `the log mentions ${id}`);
    });

    if (!full) {
      it('shuts down and exits with code 0', async function () {
        assert.equal(await server.shutdown(), 0);
      });
      return;
    }

    it('hovers 47383-22 in a note: the code on the code, the modifier on the modifier', async function () {
      const noteOpened = server.nextDiagnostics(noteUri);
      await server.open(noteUri, 'markdown', NOTE);
      const noteDiagnostics = summarize((await noteOpened).diagnostics, NOTE).map((d) => `${String(d.code)} ${d.text}`);
      assert.deepEqual(noteDiagnostics.sort(), EXPECTED_NOTE_DIAGNOSTICS);
      const onCode = positionOf(NOTE, '47383-22', 1);
      const onModifier = positionOf(NOTE, '47383-22', 7);
      const onCodeHover = await hover(server, noteUri, onCode);
      assert.ok(markdownOf(onCodeHover).startsWith('**47383** Perq abltj lvr cryoablation'));
      assert.deepEqual(onCodeHover?.range, { start: { line: onCode.line, character: onCode.character - 1 }, end: { line: onCode.line, character: onCode.character + 4 } });
      assert.match(markdownOf(await hover(server, noteUri, onModifier)), /^\*\*Modifier 22\*\*/);
      assert.equal(await hover(server, noteUri, positionOf(NOTE, 'cryoablation', 2)), null);
    });

    it('clears the diagnostic of a cell once a didChange fixes it', async function () {
      const bad = { start: positionOf(CHARGES, BAD_CELL, 27), end: positionOf(CHARGES, BAD_CELL, 31) };
      // Incremental change, as the server asked for: replace `4738` with `47383`.
      const republished = server.nextDiagnostics(chargesUri, 5_000, (p) => p.version === 2);
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: chargesUri, version: 2 },
        contentChanges: [{ range: bad, text: '47383' }],
      });
      const fixed = CHARGES.replace(BAD_CELL, BAD_CELL.replace(',4738,', ',47383,'));
      assert.notEqual(fixed, CHARGES);
      const { diagnostics } = await republished;
      const after = summarize(diagnostics, fixed);
      assert.deepEqual(after, expectedFor(fixed));
      assert.ok(!after.some((d) => d.range.start.line === bad.start.line && d.code === 'code-shape'), 'the repaired cell has no code-shape finding');
    });

    it('shuts down and exits with code 0', async function () {
      assert.equal(await server.shutdown(), 0);
    });
  });
}

suite('stdio', true);
suite('node-ipc', false);
