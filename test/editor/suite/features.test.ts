/**
 * The editor features in a real VS Code (code-server's extension host), through the
 * `vscode` API a coder's editor uses: completion by descriptor words and for
 * modifiers after `-`, the 5l → 51 quick fix applied with `workspace.applyEdit`,
 * fix-all leaving clinical-judgment findings alone, inlay hints, code lens and the
 * palette commands.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticCode, openFresh, poll } from './support';

const CONTENT = [
  'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi',
  'CLM1,PT1,2025-10-14,99213,,1,11,C22.0,1234567893',
  'CLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893',
  'CLM2,PT2,2025-10-15,cryo liv,,1,22,C22.0,1234567893',
  'CLM3,PT3,2025-10-16,47383,,1,22,C22.0,1234567893',
  '',
].join('\n');


function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The items in the order the suggest widget ranks equal matches: by sortText. */
function ranked(list: vscode.CompletionList): string[] {
  return [...list.items].sort((a, b) => (a.sortText ?? label(a)).localeCompare(b.sortText ?? label(b))).map(label);
}


suite('editor features in VS Code', () => {
  let document: vscode.TextDocument;
  let editor: vscode.TextEditor;
  const endOf = (line: number, cell: string): vscode.Position => {
    const at = document.lineAt(line).text.indexOf(cell);
    assert.ok(at >= 0, `line ${line + 1} has ${cell}`);
    return new vscode.Position(line, at + cell.length);
  };

  // Each test gets its own copy of CONTENT: none depends on another's edits.
  setup(async () => {
    ({ document, editor } = await openFresh('features.csv', CONTENT));
    await poll('the server to check the file', () => (vscode.languages.getDiagnostics(document.uri).length > 0 ? true : undefined));
  });

  test('completion by words: "cryo liv" in a code cell offers 47383 first or second', async () => {
    const position = endOf(3, 'cryo liv');
    const list = await poll('completion items with 47383', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      return l.items.some((i) => label(i) === '47383') ? l : undefined;
    });
    const order = ranked(list).filter((l) => /^[0-9A-Z]{5}$/.test(l));
    assert.ok(order.indexOf('47383') <= 1, order.slice(0, 5).join(' '));
    assert.equal(list.isIncomplete, true);
    const item = list.items.find((i) => label(i) === '47383');
    const range = item?.range instanceof vscode.Range ? item.range : (item?.range as { replacing: vscode.Range } | undefined)?.replacing;
    assert.equal(range && document.getText(range), 'cryo liv', 'accepting replaces the typed words');
  });

  test('typing "-" after 47383 offers no 50, 62 or 80', async () => {
    const after = endOf(4, '47383');
    assert.ok(await editor.edit((e) => e.insert(after, '-')));
    const position = after.translate(0, 1);
    const list = await poll('modifier completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, '-');
      return l.items.some((i) => label(i) === '51') ? l : undefined;
    });
    const labels = list.items.map(label);
    for (const never of ['50', '62', '80']) assert.ok(!labels.includes(never), `${never} offered: ${labels.join(' ')}`);
    assert.ok(labels.includes('59'));
    assert.ok(await editor.edit((e) => e.delete(new vscode.Range(after, position))));
  });

  test('typing "-" after a knee arthroscopy code offers LT and RT first, and no coronary, finger or toe modifier', async () => {
    const after = endOf(3, 'cryo liv');
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(after.translate(0, -'cryo liv'.length), after), '29881-')));
    const position = after.translate(0, '29881-'.length - 'cryo liv'.length);
    const list = await poll('modifier completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, '-');
      return l.items.some((i) => label(i) === 'LT') ? l : undefined;
    });
    assert.deepEqual(ranked(list).slice(0, 2), ['LT', 'RT'], ranked(list).slice(0, 6).join(' '));
    for (const never of ['LC', 'RC', 'F1', 'T1', 'E1']) assert.ok(!list.items.some((i) => label(i) === never), `${never} offered`);
  });

  test('typing words into a code cell: no finding on the cell until the typing settles, then one', async () => {
    const typing = await openFresh('typing.csv', 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi\nCLM1,PT1,2025-10-14,,,1,11,E11.9,1234567893\n');
    const onLine = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(typing.document.uri).filter((d) => d.range.start.line === 1 && diagnosticCode(d) === 'code-shape');
    await poll('the line without a code', () => (onLine().length > 0 ? true : undefined));
    let at = new vscode.Position(1, 'CLM1,PT1,2025-10-14,'.length);
    for (const letter of 'arth') {
      assert.ok(await typing.editor.edit((e) => e.insert(at, letter)));
      at = at.translate(0, 1);
    }
    const typed = Date.now();
    const flashed: string[] = [];
    while (Date.now() - typed < 700) {
      for (const d of onLine()) if (/"a/.test(d.message)) flashed.push(d.message);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(flashed, [], 'no "not a code" while typing');
    const settled = await poll('the finding once the typing settles', () => onLine().find((d) => d.message.includes('"arth"')));
    assert.equal(typing.document.getText(settled.range), 'arth');
  });

  test('in a Markdown note, typing the space after "CPT " offers the code of the procedure the line names', async () => {
    const note = await openFresh('completion-note.md', '# Operative note\n\nProcedure: Percutaneous cryoablation of liver tumor (CPT\n');
    const end = new vscode.Position(2, note.document.lineAt(2).text.length);
    assert.ok(await note.editor.edit((e) => e.insert(end, ' ')));
    const position = end.translate(0, 1);
    const list = await poll('note completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', note.document.uri, position, ' ');
      return l.items.length > 0 ? l : undefined;
    });
    assert.equal(label(list.items[0]), '47383', list.items.slice(0, 5).map(label).join(' '));
    assert.deepEqual(vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).get('quickSuggestions'), { other: 'on', comments: 'off', strings: 'off' });
  });

  test('in a Markdown note, "HCPCS " and a "(" after a procedure name offer codes too, each a trigger character', async () => {
    const note = await openFresh('completion-note-triggers.md', '# Procedure note\n\nInjection of dexamethasone sodium phosphate (HCPCS\nProcedure: laparoscopic cholecystectomy\n');
    const cases: [number, string, string][] = [
      [2, ' ', 'J1100'],
      [3, ' (', '47562'],
    ];
    for (const [line, typed, first] of cases) {
      const end = new vscode.Position(line, note.document.lineAt(line).text.length);
      assert.ok(await note.editor.edit((e) => e.insert(end, typed)));
      const position = end.translate(0, typed.length);
      const list = await poll(`completions after "${typed.trim() || 'HCPCS '}"`, async () => {
        const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', note.document.uri, position, typed.slice(-1));
        return l.items.length > 0 ? l : undefined;
      });
      assert.equal(ranked(list)[0], first, ranked(list).slice(0, 5).join(' '));
    }
  });

  test('a "5l" modifier gets a quick fix to 51, applied with workspace.applyEdit', async () => {
    const typo = await poll('the 5l diagnostic', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.range.start.line === 2 && document.getText(d.range) === '5l'),
    );
    // Asked until it answers: once in a full-suite run (2026-11-29) the first request came back
    // with no actions at all, cause not found; the fix itself is what this test is about.
    const fix = await poll('the 51 quick fix', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, typo.range, vscode.CodeActionKind.QuickFix.value);
      return actions.find((a) => /51/.test(a.title) && a.edit);
    });
    assert.ok(fix.edit);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(2).text, 'CLM1,PT1,2025-10-14,47383,51,1,11,C22.0,1234567893');
    await poll('the 5l diagnostic to go', () => (vscode.languages.getDiagnostics(document.uri).some((d) => d.range.start.line === 2 && diagnosticCode(d) === 'modifier-shape') ? undefined : true));
  });

  test('fix-all applies safe fixes and leaves clinical-judgment findings untouched', async () => {
    // A second safe problem (besides 5l on line 3): a lower-case typo on another line.
    assert.ok(await editor.edit((e) => e.insert(endOf(4, '47383,'), 'lt')));
    await poll('the lt diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.range.start.line === 4 && document.getText(d.range) === 'lt'));
    const judgment = await poll('the global-surgery finding', () => vscode.languages.getDiagnostics(document.uri).find((d) => diagnosticCode(d) === 'global-surgery'));
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, 'source.fixAll');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.cptLens');
    assert.ok(fixAll?.edit, actions.map((a) => `${a.kind?.value} ${a.title}`).join(' | '));
    assert.equal(fixAll.title, 'Fix all safe problems in file');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.ok(document.lineAt(4).text.startsWith('CLM3,PT3,2025-10-16,47383,LT,'), document.lineAt(4).text);
    assert.equal(document.lineAt(2).text, 'CLM1,PT1,2025-10-14,47383,51,1,11,C22.0,1234567893', '5l fixed too');
    assert.equal(document.lineAt(1).text, 'CLM1,PT1,2025-10-14,99213,,1,11,C22.0,1234567893', 'no 25 added');
    await poll('re-checked diagnostics', () => (vscode.languages.getDiagnostics(document.uri).some((d) => document.getText(d.range) === 'lt') ? undefined : true));
    assert.ok(vscode.languages.getDiagnostics(document.uri).some((d) => diagnosticCode(d) === 'global-surgery' && d.range.isEqual(judgment.range)), 'the judgment finding stays');
  });

  test('inlay hints show the descriptor after each code cell', async () => {
    const hints = await poll('inlay hints', async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0));
      return h.length > 0 ? h : undefined;
    });
    const text = (h: vscode.InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const on47383 = hints.find((h) => h.position.line === 2);
    assert.equal(on47383 && text(on47383), 'Perq abltj lvr cryoablation');
    assert.ok(on47383?.position.isEqual(endOf(2, '47383')));
  });

  test('code lens on the claims with findings (default), on every claim with codeLens.mode "all"', async () => {
    const lensesOf = async (want: (l: vscode.CodeLens[]) => boolean): Promise<vscode.CodeLens[]> =>
      poll('code lenses', async () => {
        // Resolve the first 40, as the editor does for the lenses on screen.
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 40);
        return l.length > 0 && want(l) ? l : undefined;
      });
    const claims = new Set(document.getText().split('\n').filter((l) => /^CLM\d+,/.test(l)).map((l) => l.split(',')[0])).size;
    const withFindings = await lensesOf(() => true);
    assert.ok(withFindings.length < claims, `${withFindings.length} lenses for ${claims} claims`);
    for (const lens of withFindings.filter((l) => l.command?.title)) {
      assert.match(lens.command?.title ?? '', /^\d+ lines? · \d+\.\d\d RVUs · \$[\d,]+\.\d\d national est\. · \d+ findings?/);
      assert.equal(lens.command?.command, 'cptLens.showClaim');
    }
    const config = vscode.workspace.getConfiguration('cptLens');
    await config.update('codeLens.mode', 'all', vscode.ConfigurationTarget.Global);
    try {
      const all = await lensesOf((l) => l.length === claims);
      assert.equal(all.length, claims);
      assert.ok(all.some((l) => l.command?.title && !/finding/.test(l.command.title)), 'a clean claim shows no "0 findings"');
    } finally {
      await config.update('codeLens.mode', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Search codes: the quick pick ranks 47383 first or second for "cryo liver" and inserts the chosen code', async () => {
    const api = vscode.extensions.getExtension<{ searchCodesShown: () => string[]; searchCodeActive: () => string }>('cpt-lens.cpt-lens')?.exports;
    assert.ok(api);
    const scratch = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
    await vscode.window.showTextDocument(scratch);
    const chosen = vscode.commands.executeCommand<string | undefined>('cptLens.searchCodes', 'cryo liver');
    const shown = await poll('the quick pick items', () => (api.searchCodesShown().length > 0 ? api.searchCodesShown() : undefined));
    assert.ok(shown.slice(0, 2).includes('47383'), shown.slice(0, 5).join(' '));
    // Move to 47383 and accept it, as a coder would with the arrow keys and Enter. The
    // workbench renders the items a moment after the extension sets them (and may reset
    // the active item then), so step until the workbench itself reports 47383 active.
    await poll('47383 to be the active item', async () => {
      if (api.searchCodeActive() === '47383') return true;
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      return undefined;
    });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await chosen, '47383');
    assert.equal(scratch.getText(), '47383');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the status bar shows the data release and the NCCI status', async () => {
    const api = vscode.extensions.getExtension<{ statusText: () => string }>('cpt-lens.cpt-lens')?.exports;
    const text = await poll('the status bar text', () => (api?.statusText().includes('RVU25D') ? api.statusText() : undefined));
    assert.match(text, /RVU25D · NCCI not imported/);
  });

  test('commands: Show data sources answers with the loaded release, Search codes runs on the server', async () => {
    const sources = await vscode.commands.executeCommand<{ feeSchedule: string; trusted: boolean; ncci?: string }>('cptLens.showDataSources', { open: false });
    assert.match(sources.feeSchedule, /^RVU25D/);
    assert.equal(sources.ncci, undefined);
    const hits = await vscode.commands.executeCommand<{ code: string }[]>('cptLens.server.search', { query: 'cryo liver' });
    assert.ok(hits.slice(0, 2).some((h) => h.code === '47383'), JSON.stringify(hits.slice(0, 3)));
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['cptLens.searchCodes', 'cptLens.importNcci', 'cptLens.showDataSources', 'cptLens.restartServer']) assert.ok(commands.includes(c), c);
  });

  test('Show data sources opens a read-only view that never asks to be saved', async () => {
    await vscode.commands.executeCommand('cptLens.showDataSources');
    const view = await poll('the data sources view', async () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'cpt-lens-data' && /RVU25D/.test(d.getText()) ? d : undefined;
    });
    assert.equal(view.isUntitled, false, 'not an untitled buffer (those ask to be saved)');
    assert.equal(view.isDirty, false);
    assert.equal(view.languageId, 'markdown');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Import NCCI tables… imports into the configured data folder, reloads, and the status bar shows NCCI', async () => {
    const extension = vscode.extensions.getExtension<{ statusText: () => string }>('cpt-lens.cpt-lens');
    assert.ok(extension);
    const dataFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-editor-data-'));
    const config = vscode.workspace.getConfiguration('cptLens');
    try {
      // A data setting restarts the server with it (the user's ~/.cptlens is never touched).
      await config.update('dataFolder', dataFolder, vscode.ConfigurationTarget.Global);
      await poll('the server to restart with the data folder', async () => {
        const sources = await vscode.commands.executeCommand<{ dataFolder: string } | undefined>('cptLens.showDataSources', { open: false }).then(
          (s) => s,
          () => undefined,
        );
        return sources?.dataFolder === dataFolder ? true : undefined;
      });
      const summary = await vscode.commands.executeCommand<{ ok: boolean; ncci?: string; files: { table?: string; rows: number }[] }>(
        'cptLens.importNcci',
        [path.join(extension.extensionPath, 'test', 'fixtures', 'ncci')],
      );
      assert.equal(summary?.ok, true, JSON.stringify(summary));
      assert.ok(summary.ncci, 'an NCCI release is loaded');
      assert.ok(summary.files.some((f) => f.table === 'ptp' && f.rows > 0));
      assert.ok(fs.existsSync(path.join(dataFolder, 'manifest.json')) || fs.readdirSync(dataFolder).length > 0, 'written to the data folder');
      assert.match(extension.exports.statusText(), /NCCI loaded/);
    } finally {
      await config.update('dataFolder', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(dataFolder, { recursive: true, force: true });
    }
  });
});
