/**
 * The server in Neovim: a second, independent LSP client (its own JSON-RPC, its own
 * didOpen/didChange, UTF-16 positions, vim.diagnostic), so the protocol suite cannot
 * pass merely because our test client shares the server's library.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/serverProcess';
import { ProbeResult, neovimVersion, runProbe } from '../support/neovim';

const CHARGES = path.join(ROOT, 'examples', 'charges.csv');
const NOTE = path.join(ROOT, 'examples', 'operative-note-47383.md');
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

const HOVER_47383 = '**47383** Perq abltj lvr cryoablation';
const ASSISTANT_LINE = 'Assistant at surgery (80/81/82/AS): not payable (statutory restriction) (1)';

/** [rule, startLine, startChar, endLine, endChar] of every finding in examples/charges.csv. */
const EXPECTED = [
  ['code-shape', 4, 27, 4, 31],
  ['code-shape', 5, 27, 5, 33],
  ['unknown-code', 6, 27, 6, 32],
];

function compact(diagnostics: NonNullable<ProbeResult['diagnostics']>): (string | number)[][] {
  return diagnostics
    .map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character])
    .sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]));
}

describe('Neovim (headless, built-in LSP client)', function () {
  before(function () {
    const line = neovimVersion();
    const m = /NVIM v(\d+)\.(\d+)/.exec(line);
    assert.ok(m && (Number(m[1]) > 0 || Number(m[2]) >= 7), `need Neovim >= 0.7, found "${line}"`);
  });

  describe('examples/charges.csv', function () {
    let probe: ProbeResult;
    before(async function () {
      const started = Date.now();
      probe = await runProbe({
        file: CHARGES,
        // On `47383` (line 1), then on a claim id that is not a code.
        hovers: [
          [1, 29],
          [1, 2],
        ],
        // `4738` → `47383`, typed into the buffer.
        edit: { line: 4, start_col: 27, end_col: 31, text: '47383' },
      });
      console.log(`        (nvim ${probe.nvim}: server ready ${probe.ready_ms} ms after start_client, diagnostics ${probe.diagnostics_ms} ms after didOpen, whole run ${Date.now() - started} ms)`);
    });

    it('starts the server and reads its serverInfo', function () {
      assert.deepEqual(probe.server_info, { name: 'cpt-lens', version });
      assert.equal(probe.hover_provider, true);
      assert.equal(probe.language_id, 'csv');
    });

    it('receives the findings with their rule ids and exact ranges', function () {
      assert.deepEqual(compact(probe.diagnostics ?? []), EXPECTED);
      for (const d of probe.diagnostics ?? []) assert.equal(d.severity, 1);
    });

    it('shows the same findings in vim.diagnostic', function () {
      const shown = (probe.shown ?? []).map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col]).sort((a, b) => Number(a[1]) - Number(b[1]));
      assert.deepEqual(shown, EXPECTED);
      assert.ok((probe.shown ?? []).every((d) => d.source === 'cpt-lens' && d.severity === 1));
    });

    it('hovers 47383 with the fee schedule facts, and nothing on a claim id', function () {
      const [onCode, onClaim] = probe.hovers ?? [];
      assert.equal(onCode.kind, 'markdown');
      assert.ok(onCode.markdown?.startsWith(HOVER_47383), String(onCode.markdown));
      assert.ok(onCode.markdown?.includes(ASSISTANT_LINE), String(onCode.markdown));
      assert.deepEqual(onCode.range, { start: { line: 1, character: 27 }, end: { line: 1, character: 32 } });
      assert.equal(onClaim.markdown, null);
    });

    it("clears the fixed cell's finding after Neovim's own didChange", function () {
      assert.deepEqual(compact(probe.after_edit ?? []), EXPECTED.slice(1));
    });

    it('shuts the server down cleanly when the client stops', function () {
      assert.deepEqual(probe.exit, { code: 0, signal: 0 });
    });
  });

  describe('examples/operative-note-47383.md', function () {
    let probe: ProbeResult;
    // `**Procedure code(s):** CPT 47383-22`: the code spans characters 27-32 of line 2.
    const line = fs.readFileSync(NOTE, 'utf8').split('\n')[2];
    const codeAt = line.indexOf('47383-22');

    before(async function () {
      assert.equal(codeAt, 27, `unexpected note layout: ${line}`);
      probe = await runProbe({
        file: NOTE,
        hovers: [
          [2, codeAt + 1], // on the code
          [2, codeAt + 7], // on the 22
          [0, 4], // on prose
        ],
      });
    });

    it('hovers the cited code, on the code and on its modifier', function () {
      const [onCode, onModifier, onProse] = probe.hovers ?? [];
      assert.ok(onCode.markdown?.startsWith(HOVER_47383), String(onCode.markdown));
      assert.ok(onCode.markdown?.includes(ASSISTANT_LINE));
      assert.deepEqual(onCode.range, { start: { line: 2, character: codeAt }, end: { line: 2, character: codeAt + 5 } });
      assert.ok(onModifier.markdown?.startsWith('**Modifier 22**'), String(onModifier.markdown));
      assert.deepEqual(onModifier.range, { start: { line: 2, character: codeAt + 6 }, end: { line: 2, character: codeAt + 8 } });
      assert.equal(onProse.markdown, null);
    });

    it("reports the note rules' findings and exits cleanly", function () {
      assert.equal(probe.language_id, 'markdown');
      const codes = (probe.diagnostics ?? []).map((d) => String(d.code)).sort();
      assert.deepEqual(codes, ['documentation-if-applicable', 'documentation-missing', 'modifier-not-allowed', 'unfilled-blank', 'unfilled-blank', 'unknown-marked-code']);
      assert.deepEqual(probe.exit, { code: 0, signal: 0 });
    });
  });
  describe('completion and a code action', function () {
    let probe: ProbeResult;
    let dir: string;
    const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi';
    const lines = [HEADER, 'CLM1,PT1,2025-10-14,47383,5l,1,22,C22.0,1234567893', 'CLM2,PT2,2025-10-15,cryo liv,,1,22,C22.0,1234567893'];

    before(async function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-nvim-'));
      const file = path.join(dir, 'features.csv');
      fs.writeFileSync(file, lines.join('\n') + '\n');
      probe = await runProbe({
        file,
        complete: [2, lines[2].indexOf('cryo liv') + 'cryo liv'.length],
        codeAction: { line: 1, match: '51' },
      });
    });
    after(function () {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('completes "cryo liv" with 47383 first or second', function () {
      assert.ok(probe.ok, `${probe.stage}: ${probe.error}`);
      assert.equal(probe.completion?.incomplete, true);
      assert.ok(probe.completion?.labels.slice(0, 2).includes('47383'), JSON.stringify(probe.completion));
    });

    it('applies the 5l -> 51 quick fix with vim.lsp.util.apply_workspace_edit', function () {
      assert.ok(probe.code_actions?.includes('Fix all safe problems in file'), JSON.stringify(probe.code_actions));
      assert.match(probe.applied ?? '', /51/);
      assert.equal(probe.line_after, 'CLM1,PT1,2025-10-14,47383,51,1,22,C22.0,1234567893');
    });
  });
});
