/**
 * A coder's work queue in a real VS Code: *Map columns…* writing `.cptlens.json` and the
 * file re-checked, *Fix all safe problems (N)* going through the refactor preview, *Accept
 * with a reason* leaving the cursor where the reason goes, and the distinct-service modifier
 * pick list.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, openFresh, poll } from './support';

interface Api {
  fixPickShown: () => string[];
}

const api = (): Api => {
  const exports = vscode.extensions.getExtension<Api>('cpt-lens.cpt-lens')?.exports;
  assert.ok(exports, 'the extension is active');
  return exports;
};

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi';

suite('work queue in VS Code', () => {
  test('Map columns… writes the mapping to .cptlens.json beside the file and the claim-grouping warning goes', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'map-columns', 'export.csv');
    const text = 'Ref,Date,Code,Units,Dx\nR100,2025-10-14,99213,1,E11.9\nR100,2025-10-14,93000,1,E11.9\nR101,2025-10-14,99213,1,I10\nR101,2025-10-14,71046,1,I10\nR102,2025-10-14,99213,1,J06.9\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await poll('the claim-grouping warning', () => vscode.languages.getDiagnostics(uri).find((d) => diagnosticCode(d) === 'claim-grouping'));
    const result = await vscode.commands.executeCommand<{ file?: string }>('cptLens.mapColumns', { columns: { Ref: 'account' } });
    assert.equal(result?.file, vscode.Uri.joinPath(folder.uri, 'map-columns', '.cptlens.json').fsPath);
    const written = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'map-columns', '.cptlens.json'))).toString('utf8'));
    assert.deepEqual(written, { columns: { Ref: 'account' } });
    await poll('the warning to go', () => (vscode.languages.getDiagnostics(uri).some((d) => diagnosticCode(d) === 'claim-grouping') ? undefined : true));
    const read = vscode.languages.getDiagnostics(uri).find((d) => diagnosticCode(d) === 'columns-read');
    assert.ok(read && /Ref/.test(read.message), read?.message);
  });

  test('Map columns… "not used" on a column read as the account: .cptlens.json says "ignore" and the lines are no longer grouped by it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'map-columns-ignore', 'export.csv');
    const text = 'Acct No,Date,Code,Units,Dx\nB7,2025-10-14,99213,1,E11.9\nB7,2025-10-14,99213,1,I10\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await poll('the duplicate-line warning of the batch read as one account', () => vscode.languages.getDiagnostics(uri).find((d) => diagnosticCode(d) === 'duplicate-line'));
    const result = await vscode.commands.executeCommand<{ file?: string }>('cptLens.mapColumns', { columns: { 'Acct No': 'ignore' } });
    assert.ok(result?.file, JSON.stringify(result));
    const written = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'map-columns-ignore', '.cptlens.json'))).toString('utf8'));
    assert.deepEqual(written, { columns: { 'Acct No': 'ignore' } });
    await poll('the claim-grouping warning instead', () => {
      const codes = vscode.languages.getDiagnostics(uri).map(diagnosticCode);
      return codes.includes('claim-grouping') && !codes.includes('duplicate-line') ? true : undefined;
    });
  });

  test('Map columns… pickers: the likely account column first, "account" suggested, then Write', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'map-columns-pick', 'export.csv');
    const text = 'Ref,Date,Code,Units,Dx\nR100,2025-10-14,99213,1,E11.9\nR100,2025-10-14,93000,1,E11.9\nR101,2025-10-14,99213,1,I10\nR101,2025-10-14,71046,1,I10\nR102,2025-10-14,99213,1,J06.9\n';
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await poll('the claim-grouping warning', () => vscode.languages.getDiagnostics(uri).find((d) => diagnosticCode(d) === 'claim-grouping'));
    const shown = (): string[] => vscode.extensions.getExtension<{ columnPickShown: () => string[] }>('cpt-lens.cpt-lens')?.exports.columnPickShown() ?? [];
    const running = vscode.commands.executeCommand<{ file?: string }>('cptLens.mapColumns');
    const columns = await poll('the column list', () => (shown().some((l) => l.startsWith('Ref')) ? shown() : undefined));
    assert.ok(columns.includes('Date — date of service (header)'), JSON.stringify(columns));
    assert.ok(columns.includes('Ref — not used'), JSON.stringify(columns));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await poll('the role list', () => (shown().some((l) => l.startsWith('account / encounter')) ? true : undefined));
    assert.ok(shown().some((l) => l.startsWith('not used — ')), JSON.stringify(shown()));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await poll('the column list again', () => (shown().some((l) => l.includes('Write 1 change')) ? true : undefined));
    assert.ok(shown().includes('Ref — account / encounter (changed)'), JSON.stringify(shown()));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await running;
    assert.equal(result?.file, vscode.Uri.joinPath(folder.uri, 'map-columns-pick', '.cptlens.json').fsPath);
    await poll('the warning to go', () => (vscode.languages.getDiagnostics(uri).some((d) => diagnosticCode(d) === 'claim-grouping') ? undefined : true));
  });

  test('Fix all safe problems (N) in Ctrl+. opens the refactor preview; nothing changes unless the coder ticks and applies', async () => {
    const content = [HEADER, 'CLM1,PT1,2025-10-14,99213,,1,11,C22.0,1234567893', 'CLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893', 'CLM2,PT2,2025-10-16,47383,lt,1,22,C22.0,1234567893', ''].join('\n');
    const { document, editor } = await openFresh('fix-all-preview.csv', content);
    const typo = await poll('the 5l diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => document.getText(d.range) === '5l'));
    await poll('the lt diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => document.getText(d.range) === 'lt'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, typo.range, vscode.CodeActionKind.QuickFix.value);
    const fixAll = actions.find((a) => /^Fix all safe problems \(\d+\)$/.test(a.title));
    assert.ok(fixAll?.edit, actions.map((a) => a.title).join(' | '));
    assert.equal(fixAll.kind?.value, 'quickfix.cptLens.fixAll', 'a quick fix: it is listed in the Ctrl+. menu');
    // Run it as the Ctrl+. menu does (the workbench's own code-action path keeps the change
    // annotations, which the API's copy of an action drops): the refactor preview opens.
    editor.selection = new vscode.Selection(typo.range.start, typo.range.start);
    let settled = false;
    const applying = Promise.resolve(vscode.commands.executeCommand('editor.action.codeAction', { kind: 'quickfix.cptLens.fixAll', apply: 'first' })).finally(() => (settled = true));
    // A bounded look for a change that must not happen: the preview waits for the coder.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(document.lineAt(2).text, 'CLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893', 'not applied before confirmation');
    // Nothing is pre-ticked: discarding the preview changes nothing.
    await poll('the refactor preview to close', async () => {
      await vscode.commands.executeCommand('refactorPreview.discard');
      return settled ? true : undefined;
    });
    await applying;
    assert.equal(document.lineAt(2).text, 'CLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893');
    assert.equal(document.lineAt(3).text, 'CLM2,PT2,2025-10-16,47383,lt,1,22,C22.0,1234567893');
    // The same action's edits (as the API hands them over, without their annotations) fix both lines and add no 25.
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.equal(document.lineAt(2).text, 'CLM1,PT1,2025-10-14,47383,51,1,11,C22.0,1234567893');
    assert.equal(document.lineAt(3).text, 'CLM2,PT2,2025-10-16,47383,LT,1,22,C22.0,1234567893');
    assert.equal(document.lineAt(1).text, 'CLM1,PT1,2025-10-14,99213,,1,11,C22.0,1234567893', 'no 25 added (judgment)');
  });

  test('Accept with a reason inserts the disable comment and puts the cursor where the reason goes', async () => {
    const content = [HEADER, 'CLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,1234567893', 'CLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,1234567893', ''].join('\n');
    const { document, editor } = await openFresh('accept.csv', content);
    const duplicate = await poll('the duplicate-line warning', () => vscode.languages.getDiagnostics(document.uri).find((d) => diagnosticCode(d) === 'duplicate-line'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, duplicate.range, vscode.CodeActionKind.QuickFix.value);
    const accept = actions.find((a) => a.title === 'Accept duplicate-line with a reason (disable comment)');
    assert.ok(accept?.edit && accept.command, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(accept.edit));
    await vscode.commands.executeCommand(accept.command.command, ...(accept.command.arguments ?? []));
    assert.equal(document.lineAt(2).text, '# cpt-lens-disable-next-line duplicate-line: ');
    assert.ok(editor.selection.active.isEqual(new vscode.Position(2, document.lineAt(2).text.length)), JSON.stringify(editor.selection.active));
    assert.ok(await editor.edit((e) => e.insert(editor.selection.active, 'left and right knee')));
    await poll('the warning to go', () => (vscode.languages.getDiagnostics(document.uri).some((d) => diagnosticCode(d) === 'duplicate-line' || diagnosticCode(d) === 'suppression') ? undefined : true));
  });

  test('Add a distinct-service modifier… is one entry whose pick list offers XS, XU, XE, XP, 59 and applies the one chosen', async () => {
    const content = [HEADER, 'CLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,1234567893', 'CLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,1234567893', ''].join('\n');
    const { document } = await openFresh('distinct.csv', content);
    const duplicate = await poll('the duplicate-line warning', () => vscode.languages.getDiagnostics(document.uri).find((d) => diagnosticCode(d) === 'duplicate-line'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, duplicate.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!actions.some((a) => /^Add XS to/.test(a.title)), 'no five one-click entries');
    const pick = actions.find((a) => a.title === 'Add a distinct-service modifier… — needs clinical judgment');
    assert.ok(pick?.command, actions.map((a) => a.title).join(' | '));
    assert.ok(!pick.isPreferred);
    const chosen = vscode.commands.executeCommand<string | undefined>(pick.command.command, ...(pick.command.arguments ?? []));
    const shown = await poll('the pick list', () => (api().fixPickShown().length > 0 ? api().fixPickShown() : undefined));
    assert.deepEqual(shown, ['XS', 'XU', 'XE', 'XP', '59']);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await chosen, 'XS');
    assert.equal(document.lineAt(2).text, 'CLM1,PT1,2025-10-14,20610,XS RT,1,11,M25.561,1234567893');
  });
});
