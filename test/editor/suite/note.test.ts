/**
 * Operative notes in a real VS Code (code-server's extension host): a note citing
 * 47383 with two documentation elements missing gets one finding per element on the
 * code, and the quick fix inserts a labelled prompt line at the end of the procedure
 * section; the fixed element's finding goes, the other stays.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, openFresh, poll } from './support';

// test/fixtures/notes/golden/cryo-two-missing.md: no freeze-thaw cycles, no complications.
const NOTE = [
  '# Operative note: percutaneous cryoablation of liver tumor',
  '',
  'Procedure code(s): CPT 47383',
  '',
  '## Procedure in detail',
  'Pre-operative imaging: MRI of 2025-09-30 showed one 2.4 cm lesion in segment VI.',
  'Imaging guidance: ultrasound.',
  'Probe placement: two cryoprobes placed percutaneously into the lesion.',
  'Number of tumors treated: 1.',
  'Post-procedure imaging: CT showed complete coverage of the lesion.',
  'Pathology: no tissue obtained.',
  'Anesthesia: general anesthesia, see the anesthesia record.',
  '',
].join('\n');



suite('operative notes in VS Code', () => {
  let document: vscode.TextDocument;

  // Each test gets its own copy of the note: the quick-fix test's edit reaches no other test.
  setup(async () => {
    ({ document } = await openFresh('cryoablation-note.md', NOTE));
  });

  const missing = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(document.uri).filter((d) => diagnosticCode(d) === 'documentation-missing');

  test('two missing elements: one finding each, on the cited code', async () => {
    const found = await poll('two documentation-missing findings', () => (missing().length === 2 ? missing() : undefined));
    for (const d of found) {
      assert.equal(document.getText(d.range), '47383');
      assert.equal(d.range.start.line, 2);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    }
    assert.match(found.map((d) => d.message).join('\n'), /freeze-thaw/);
    assert.match(found.map((d) => d.message).join('\n'), /Complications/);
  });

  test('the quick fix inserts a prompt line at the end of the procedure section', async () => {
    const freezeThaw = await poll('the freeze-thaw finding', () => missing().find((d) => /freeze-thaw/.test(d.message)));
    // Polled: right after the diagnostics arrive the server may still be reading the
    // document's settings, and the workbench cancels a request when it asks for the
    // lightbulb's actions itself ("Canceled"): ask again until the deadline.
    const fix = await poll('the prompt-line quick fix', async () => {
      let actions: vscode.CodeAction[];
      try {
        actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, freezeThaw.range, vscode.CodeActionKind.QuickFix.value);
      } catch (error) {
        if ((error as Error).message === 'Canceled') return undefined;
        throw error;
      }
      return actions.find((a) => /Number of freeze-thaw cycles: \*\*\*/.test(a.title) && a.edit !== undefined);
    });
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(11).text, 'Anesthesia: general anesthesia, see the anesthesia record.');
    assert.equal(document.lineAt(12).text, 'Number of freeze-thaw cycles: ***');
    const left = await poll('the freeze-thaw finding to go', () => (missing().length === 1 ? missing() : undefined));
    assert.match(left[0].message, /Complications/);
    // The prompt is a blank now: reported as unfilled, since this is a finished note.
    await poll('the unfilled prompt', () => vscode.languages.getDiagnostics(document.uri).find((d) => diagnosticCode(d) === 'unfilled-blank' && d.range.start.line === 12));
  });
});
