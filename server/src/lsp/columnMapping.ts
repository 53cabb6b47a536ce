/**
 * The quick fix of `claim-grouping`: writes the column that looks like the account key into
 * the nearest `.cptlens.json` (or a new one beside the file), as a workspace edit the user
 * applies and can undo. The file's other settings are kept; a file that is not valid JSON is
 * left alone (no action).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodeAction, CodeActionKind, Diagnostic, WorkspaceEdit } from 'vscode-languageserver/node';
import { findProjectFile } from '../projectFile';

export function columnMappingAction(documentUri: string, header: string, role: string, diagnostic: Diagnostic): CodeAction | undefined {
  if (!documentUri.startsWith('file:')) return undefined;
  const dir = path.dirname(fileURLToPath(documentUri));
  const existing = findProjectFile(dir);
  const file = existing ?? path.join(dir, '.cptlens.json');
  let settings: Record<string, unknown> = {};
  let oldText = '';
  if (existing) {
    try {
      oldText = fs.readFileSync(existing, 'utf8');
      const parsed: unknown = JSON.parse(oldText);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      settings = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const columns = settings.columns && typeof settings.columns === 'object' ? (settings.columns as Record<string, unknown>) : {};
  const text = `${JSON.stringify({ ...settings, columns: { ...columns, [header]: role } }, null, 2)}\n`;
  const uri = pathToFileURL(file).href;
  const lines = oldText.split('\n');
  const edit: WorkspaceEdit = existing
    ? { changes: { [uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, newText: text }] } }
    : { documentChanges: [{ kind: 'create', uri, options: { ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }] };
  return {
    title: `Group lines by "${header}" (${role}): write it to ${existing ? path.basename(path.dirname(file)) + '/' : ''}.cptlens.json`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit,
  };
}
