/**
 * The extension in a real VS Code: examples/charges.csv (the runner opens a copy of
 * examples/ as the workspace) gets the server's diagnostics and hovers through the
 * `vscode` API, exactly as a coder's editor would.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticCode, poll } from './support';

const EXTENSION_ID = 'cpt-lens.cpt-lens';



function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
}

/** The range of `cell` on `line`, found in the document rather than hard-coded offsets. */
function cellRange(document: vscode.TextDocument, line: number, cell: string): vscode.Range {
  const text = document.lineAt(line).text;
  const start = `,${text},`.indexOf(`,${cell},`);
  assert.ok(start >= 0, `line ${line + 1} has no cell ${cell}: ${text}`);
  return new vscode.Range(line, start, line, start + cell.length);
}

/** Polls the hover providers at `position` until one answers with text containing `marker`. */
function hoverAt(document: vscode.TextDocument, position: vscode.Position, marker: string): Promise<vscode.Hover> {
  return poll(`a hover containing ${marker} at ${position.line + 1}:${position.character + 1}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    return hovers.find((hover) => hoverText(hover).includes(marker));
  });
}

suite('charges.csv in VS Code', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the runner opens examples/ as the workspace');
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'charges.csv'));
    await vscode.window.showTextDocument(document);
  });

  test('the extension activates on a CSV charge file', async () => {
    assert.equal(document.languageId, 'csv');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await poll('the extension to activate', () => (extension.isActive ? true : undefined));
  });

  /** The 0-based line of the first line containing `needle` (the example's layout may change). */
  const lineOf = (needle: string): number => {
    for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.includes(needle)) return i;
    throw new Error(`no line contains ${needle}`);
  };

  test('code-shape error on the 4-digit code 4738, with the exact cell range', async () => {
    const line = lineOf(',4738,');
    const expected = cellRange(document, line, '4738');
    assert.deepEqual([expected.start.character, expected.end.character], [27, 31]);
    const diagnostic = await poll('the code-shape diagnostic', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => diagnosticCode(d) === 'code-shape' && d.range.start.line === line),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostic.range.isEqual(expected), `range ${JSON.stringify(diagnostic.range)} is the cell 4738`);
  });

  test('unknown-code error on 99999', async () => {
    const expected = cellRange(document, lineOf(',99999,'), '99999');
    const diagnostic = await poll('the unknown-code diagnostic', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => diagnosticCode(d) === 'unknown-code'),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostic.range.isEqual(expected), `range ${JSON.stringify(diagnostic.range)} is the cell 99999`);
  });

  test('hover on 47383 shows the descriptor and the assistant-at-surgery indicator', async () => {
    const cell = cellRange(document, lineOf('CLM1001,PT-0001,2025-10-14,47383,'), '47383');
    const hover = await hoverAt(document, cell.start.translate(0, 2), '**47383**');
    const text = hoverText(hover);
    assert.ok(text.startsWith('**47383** Perq abltj lvr cryoablation'), text.slice(0, 80));
    assert.ok(text.includes('Assistant at surgery (80/81/82/AS): not payable (statutory restriction) (1)'), text);
    assert.ok(hover.range?.isEqual(cell), 'the hover covers the code');
  });

  test('hover on the 26 of 76940 (modifiers column) describes the modifier for the date of service', async () => {
    const line = lineOf('CLM1001,PT-0001,2025-10-14,76940,26,');
    const cell = new vscode.Range(line, 33, line, 35);
    assert.equal(document.getText(cell), '26');
    const hover = await hoverAt(document, cell.start.translate(0, 1), '**Modifier 26**');
    assert.ok(hoverText(hover).includes('Professional component'), hoverText(hover));
  });
});
