/**
 * Writing a column mapping into the nearest `.cptlens.json` (or a new one beside the file):
 * the quick fix of `claim-grouping` (one column, as a workspace edit the user applies and can
 * undo) and the *Map columns…* command (any columns, written at once so diagnostics refresh).
 * The file's other settings are kept; a file that is not valid JSON is left alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodeAction, CodeActionKind, Diagnostic, WorkspaceEdit } from 'vscode-languageserver/node';
import { PROJECT_FILE, findProjectFile } from '../projectFile';

/** Where a document's mapping goes and the settings already there; undefined for a non-file URI or a broken file. */
export interface MappingTarget {
  /** The `.cptlens.json` to write. */
  file: string;
  /** Whether it exists already. */
  exists: boolean;
  oldText: string;
  settings: Record<string, unknown>;
}

export function mappingTarget(documentUri: string): MappingTarget | undefined {
  if (!documentUri.startsWith('file:')) return undefined;
  const dir = path.dirname(fileURLToPath(documentUri));
  const existing = findProjectFile(dir);
  if (!existing) return { file: path.join(dir, PROJECT_FILE), exists: false, oldText: '', settings: {} };
  try {
    const oldText = fs.readFileSync(existing, 'utf8');
    const parsed: unknown = JSON.parse(oldText);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return { file: existing, exists: true, oldText, settings: parsed as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/**
 * The project file's text with `columns` merged into its `columns` (a role of `null` removes
 * the header's entry, so the reading decides again). Other keys and entries are kept.
 */
export function mappingText(target: MappingTarget, columns: Readonly<Record<string, string | null>>): string {
  const current = target.settings.columns && typeof target.settings.columns === 'object' && !Array.isArray(target.settings.columns)
    ? { ...(target.settings.columns as Record<string, unknown>) }
    : {};
  for (const [header, role] of Object.entries(columns)) {
    if (role === null) delete current[header];
    else current[header] = role;
  }
  return `${JSON.stringify({ ...target.settings, columns: current }, null, 2)}\n`;
}

/** The mapping as a workspace edit (creates the file when there is none). */
export function mappingEdit(target: MappingTarget, text: string): WorkspaceEdit {
  const uri = pathToFileURL(target.file).href;
  const lines = target.oldText.split('\n');
  return target.exists
    ? { changes: { [uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, newText: text }] } }
    : { documentChanges: [{ kind: 'create', uri, options: { ignoreIfExists: true } }, { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }] };
}

export function columnMappingAction(documentUri: string, header: string, role: string, diagnostic: Diagnostic): CodeAction | undefined {
  const target = mappingTarget(documentUri);
  if (!target) return undefined;
  return {
    title: `Group lines by "${header}" (${role}): write it to ${target.exists ? path.basename(path.dirname(target.file)) + '/' : ''}${PROJECT_FILE}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: mappingEdit(target, mappingText(target, { [header]: role })),
  };
}

/** Writes the mapping to disk at once (the *Map columns…* command); returns the file, or undefined when it could not. */
export function writeMapping(documentUri: string, columns: Readonly<Record<string, string | null>>): string | undefined {
  const target = mappingTarget(documentUri);
  if (!target) return undefined;
  fs.writeFileSync(target.file, mappingText(target, columns));
  return target.file;
}
