/**
 * The server in Neovim: a second, independent LSP client (its own JSON-RPC, its own
 * didOpen/didChange, UTF-16 positions, vim.diagnostic), so the protocol suite cannot
 * pass merely because our test client shares the server's library.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadCodeSet } from '../../server/src/codeset/load';
import { getLanguageService } from '../../server/src/service/languageService';
import { ROOT } from '../support/serverProcess';
import { ProbeResult, neovimVersion, runProbe } from '../support/neovim';

const CHARGES = path.join(ROOT, 'examples', 'charges.csv');
const NOTE = path.join(ROOT, 'examples', 'operative-note-47383.md');
const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

const HOVER_47383 = '**47383** Perq abltj lvr cryoablation';
const ASSISTANT_LINE = 'Assistant at surgery (80/81/82/AS): not payable (statutory restriction) (1)';

const CHARGES_TEXT = fs.readFileSync(CHARGES, 'utf8');
const CHARGE_LINES = CHARGES_TEXT.split('\n');
/** Lines (0-based) the probe works on: the seed 47383 and the malformed 4738. */
const SEED_LINE = CHARGE_LINES.findIndex((l) => l.startsWith('CLM1001,PT-0001,2025-10-14,47383,'));
const BAD_LINE = CHARGE_LINES.findIndex((l) => l.includes(',4738,'));

/** The engine `cpt-lens check` runs, in-process: Neovim must receive exactly its findings. */
const engine = getLanguageService({ codeSet: loadCodeSet().codeSet });
/** [rule, startLine, startChar, endLine, endChar, severity] of every finding the engine makes in `text`. */
function expectedFor(text: string): (string | number)[][] {
  const document = TextDocument.create('file:///expected.csv', 'csv', 1, text);
  const severity = { error: 1, warning: 2, information: 3, hint: 4 } as const;
  return engine
    .validate(text, 'charges')
    .map((f) => {
      const [s, e] = [document.positionAt(f.start), document.positionAt(f.end)];
      return [f.ruleId, s.line, s.character, e.line, e.character, severity[f.severity]];
    })
    .sort(byPosition);
}
function byPosition(a: (string | number)[], b: (string | number)[]): number {
  return Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]) || String(a[0]).localeCompare(String(b[0]));
}
const EXPECTED = expectedFor(CHARGES_TEXT);

function compact(diagnostics: NonNullable<ProbeResult['diagnostics']>): (string | number)[][] {
  return diagnostics
    .map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity ?? 0])
    .sort(byPosition);
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
        // On the seed's `47383`, then on a claim id that is not a code.
        hovers: [
          [SEED_LINE, 29],
          [SEED_LINE, 2],
        ],
        // `4738` → `47383`, typed into the buffer.
        edit: { line: BAD_LINE, start_col: 27, end_col: 31, text: '47383' },
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
      assert.ok(EXPECTED.some((d) => d[0] === 'code-shape' && d[1] === BAD_LINE && d[2] === 27 && d[4] === 31 && d[5] === 1), 'the 4738 cell is an error');
    });

    it('shows the same findings in vim.diagnostic', function () {
      const shown = (probe.shown ?? []).map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.severity]).sort(byPosition);
      assert.deepEqual(shown, EXPECTED);
      assert.ok((probe.shown ?? []).every((d) => d.source === 'cpt-lens'));
    });

    it('hovers 47383 with the fee schedule facts, and nothing on a claim id', function () {
      const [onCode, onClaim] = probe.hovers ?? [];
      assert.equal(onCode.kind, 'markdown');
      assert.ok(onCode.markdown?.startsWith(HOVER_47383), String(onCode.markdown));
      assert.ok(onCode.markdown?.includes(ASSISTANT_LINE), String(onCode.markdown));
      assert.deepEqual(onCode.range, { start: { line: SEED_LINE, character: 27 }, end: { line: SEED_LINE, character: 32 } });
      assert.equal(onClaim.markdown, null);
    });

    it("clears the fixed cell's finding after Neovim's own didChange", function () {
      const fixed = CHARGE_LINES.map((l, i) => (i === BAD_LINE ? l.replace(',4738,', ',47383,') : l)).join('\n');
      assert.deepEqual(compact(probe.after_edit ?? []), expectedFor(fixed));
      assert.ok(!compact(probe.after_edit ?? []).some((d) => d[0] === 'code-shape' && d[1] === BAD_LINE));
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

    it('hovers the cited code on the code, and the modifier on its modifier', function () {
      const [onCode, onModifier, onProse] = probe.hovers ?? [];
      assert.ok(onCode.markdown?.startsWith(HOVER_47383), String(onCode.markdown));
      assert.ok(onCode.markdown?.includes(ASSISTANT_LINE));
      assert.deepEqual(onCode.range, { start: { line: 2, character: codeAt }, end: { line: 2, character: codeAt + 5 } });
      assert.match(String(onModifier.markdown), /^\*\*Modifier 22\*\*/);
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

  describe('the work-queue quick fixes in Neovim (no pick list: one action per choice)', function () {
    let dir: string;
    const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi';
    const probeOn = async (name: string, lines: string[], codeAction: { line: number; match: string }): Promise<ProbeResult> => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, lines.join('\n') + '\n');
      const probe = await runProbe({ file, codeAction });
      assert.ok(probe.ok, `${probe.stage}: ${probe.error}`);
      return probe;
    };
    before(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-nvim-queue-'));
    });
    after(function () {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('Accept with a reason inserts the disable comment above the line, the reason left to write', async function () {
      const probe = await probeOn('accept.csv', [HEADER, 'CLM1,PT1,2025-10-14,47383,5l,1,22,C22.0,1234567893'], { line: 1, match: 'Accept modifier-shape' });
      assert.match(probe.applied ?? '', /^Accept modifier-shape with a reason/);
      assert.equal(probe.line_after, '# cpt-lens-disable-next-line modifier-shape: ');
    });

    it('a coronary modifier on a knee arthroscopy: anatomic-modifier offers to remove it (not in fix-all)', async function () {
      const probe = await probeOn('anatomic.csv', [HEADER, 'CLM1,PT1,2025-10-14,29881,LC,1,22,M23.221,1234567893'], { line: 1, match: 'Remove modifier LC' });
      assert.ok(probe.code_actions?.some((t) => /^Accept anatomic-modifier with a reason/.test(t)), JSON.stringify(probe.code_actions));
      assert.ok(!probe.code_actions?.some((t) => /Fix all safe problems/.test(t)), 'removing an anatomic modifier is a judgment, not a safe fix');
      assert.equal(probe.line_after, 'CLM1,PT1,2025-10-14,29881,,1,22,M23.221,1234567893');
    });

    it('a duplicate procedure line offers each distinct-service modifier as its own action, with what it means', async function () {
      const line = 'CLM1,PT1,2025-10-14,20610,RT,1,11,M17.11,1234567893';
      const probe = await probeOn('duplicate.csv', [HEADER, line, line], { line: 2, match: 'XS' });
      for (const m of ['XS', 'XU', 'XE', 'XP', '59']) {
        assert.ok(probe.code_actions?.some((t) => t.startsWith(`Add ${m} to 20610 (only if the documentation supports a distinct service: `)), `${m}: ${JSON.stringify(probe.code_actions)}`);
      }
      assert.ok(!probe.code_actions?.some((t) => /Add a distinct-service modifier…/.test(t)), 'the pick list is for clients that have one');
      assert.equal(probe.line_after, 'CLM1,PT1,2025-10-14,20610,XS RT,1,11,M17.11,1234567893', 'XS goes before RT, in the payers\' order');
    });
  });
});
