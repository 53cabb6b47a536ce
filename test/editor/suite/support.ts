/** Helpers shared by the extension-host suites. Poll with a deadline, never sleep blindly. */
import * as vscode from 'vscode';

/** The language server loads its data on start; waits below poll up to this long. */
export const DEADLINE_MS = 20000;

/** Calls `probe` every 100 ms until it returns something other than undefined, or fails at the deadline. */
export async function poll<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${DEADLINE_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A diagnostic's rule id. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

let opened = 0;

/**
 * A new file with `content` in the test workspace, opened in an editor: each test gets its
 * own document, so no test depends on another's edits or on the order they run in.
 */
export async function openFresh(name: string, content: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the editor suites need a workspace folder');
  const dot = name.lastIndexOf('.');
  const uri = vscode.Uri.joinPath(folder.uri, `${name.slice(0, dot)}-${++opened}${name.slice(dot)}`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  return { document, editor };
}
