/**
 * Palette commands. They call the server's commands (`cptLens.server.*`) so the work
 * and the data stay in one place; this file only adds VS Code's pickers, progress
 * notifications and messages. Each returns its result so tests can check it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMAND, ColumnMapView, DataSources, HeaderColumn, ImportSummary, MapColumnsResult, SERVER_COMMAND, SearchHit } from '../../server/src/protocol';
import { DataStatus, fetchDataSources } from './status';

type ClientRef = () => LanguageClient | undefined;

/**
 * What the commands' pickers show now, one object per activation (no module state): the
 * extension's exports read it, so tests and screenshots can see a picker's items.
 */
export interface ShownState {
  /** The codes the Search codes quick pick shows now, in order ([] when closed). */
  searchCodes: string[];
  /** The code the Search codes quick pick has active in the workbench (reported back by it). */
  activeSearchCode: string;
  /** The items the Map columns pickers show now (column list or role list). */
  columnPick: string[];
  /** The mapping `Map columns…` last wrote. */
  lastColumnMapping: Record<string, string | null>;
  /** The labels the fix pick list shows now. */
  fixPick: string[];
  /** The text of the read-only "Show data sources" view. */
  dataSourcesText: string;
}

export function newShownState(): ShownState {
  return { searchCodes: [], activeSearchCode: '', columnPick: [], lastColumnMapping: {}, fixPick: [], dataSourcesText: '' };
}

function running(client: ClientRef): LanguageClient {
  const c = client();
  if (!c?.isRunning()) throw new Error('the CPT Lens server is not running (try "CPT Lens: Restart server")');
  return c;
}

async function search(client: ClientRef, query: string): Promise<SearchHit[]> {
  return running(client).sendRequest<SearchHit[]>('workspace/executeCommand', { command: SERVER_COMMAND.search, arguments: [{ query, kind: 'procedure', limit: 50 }] });
}

/** Quick pick over all codes by words or prefix; inserts the chosen code at the cursor. */
async function searchCodes(client: ClientRef, shown: ShownState, initial?: string): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { code: string }>();
  pick.placeholder = 'Search CPT/HCPCS codes by words or code ("cryo liver", "4738")';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let asked = 0;
  const update = async (value: string): Promise<void> => {
    const mine = ++asked;
    pick.busy = true;
    try {
      const hits = value.trim() === '' ? [] : await search(client, value);
      if (mine !== asked) return;
      // The server ranked them; keep its order (VS Code would re-sort by its own match score).
      pick.items = hits.map((h) => ({ label: h.code, description: h.description, detail: h.distinguishing, code: h.code, alwaysShow: true }));
      shown.searchCodes = hits.map((h) => h.code);
    } finally {
      if (mine === asked) pick.busy = false;
    }
  };
  pick.onDidChangeValue((value) => void update(value));
  pick.onDidChangeActive((items) => {
    shown.activeSearchCode = items[0]?.code ?? '';
  });
  const chosen = new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.code);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
  });
  pick.show();
  if (initial) {
    pick.value = initial;
    await update(initial);
  }
  const code = await chosen;
  shown.searchCodes = [];
  shown.activeSearchCode = '';
  pick.dispose();
  const editor = vscode.window.activeTextEditor;
  if (code && editor) await editor.edit((edit) => edit.replace(editor.selection, code));
  return code;
}

async function importNcci(client: ClientRef, status: DataStatus, paths?: string[]): Promise<ImportSummary | undefined> {
  let chosen = paths;
  if (!chosen) {
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: true,
      canSelectFiles: true,
      canSelectFolders: true,
      openLabel: 'Import',
      title: 'NCCI practitioner PTP (.txt), MUE and add-on code (.csv) files, their folder or the CMS .zip',
      filters: { 'NCCI tables': ['txt', 'csv', 'zip'], 'All files': ['*'] },
    });
    chosen = uris?.map((u) => u.fsPath);
  }
  if (!chosen || chosen.length === 0) return undefined;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'CPT Lens: importing NCCI tables', cancellable: true },
    (_progress, token) =>
      running(client).sendRequest<ImportSummary>('workspace/executeCommand', { command: SERVER_COMMAND.importNcci, arguments: [{ paths: chosen }] }, token),
  );
  await status.refresh();
  // One entry per table (not per file): "PTP (procedure-to-procedure edits) 6 rows".
  const tables = (summary.tables ?? []).map((t) => `${t.label} ${t.rows.toLocaleString('en-US')} rows`);
  const skipped = summary.files.filter((f) => f.skipped).length;
  const synthetic = summary.files.filter((f) => f.synthetic && f.rows > 0).length;
  if (summary.ok) {
    void vscode.window.showInformationMessage(
      `CPT Lens: imported ${tables.join(', ') || 'nothing'}${skipped ? `; ${skipped} file(s) skipped` : ''}${synthetic ? `; ${synthetic} file(s) declare themselves synthetic, not CMS data` : ''}. NCCI ${summary.ncci ?? 'not loaded'} is in use.`,
    );
  } else {
    void vscode.window.showErrorMessage(`CPT Lens: import failed: ${summary.errors.join('; ')}`);
  }
  return summary;
}


/** One QuickPick with an item made active first (showQuickPick cannot preselect a single item). */
async function pickOne<T extends vscode.QuickPickItem>(shown: ShownState, items: T[], options: { title: string; placeholder: string; active?: T }): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.items = items;
  pick.matchOnDescription = true;
  if (options.active) pick.activeItems = [options.active];
  shown.columnPick = items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => `${i.label}${i.description ? ` — ${i.description}` : ''}`);
  const chosen = await new Promise<T | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  shown.columnPick = [];
  pick.dispose();
  return chosen;
}

/**
 * *Map columns…*: the header of the active charge file with the role each column was read as;
 * pick a column, then its role (the current one is active), as often as needed, then write the
 * mapping to the nearest `.cptlens.json` (the server writes it and re-checks). With `preset`
 * (tests, keybindings), the pickers are skipped.
 */
async function mapColumns(client: ClientRef, shown: ShownState, preset?: { uri?: string; columns?: Record<string, string | null> }): Promise<MapColumnsResult | undefined> {
  const uri = preset?.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
  if (!uri) {
    void vscode.window.showWarningMessage('CPT Lens: open a charge file (CSV) to map its columns.');
    return undefined;
  }
  let columns = preset?.columns;
  if (!columns) {
    const view = await running(client).sendRequest<ColumnMapView | null>('workspace/executeCommand', { command: SERVER_COMMAND.columnReading, arguments: [{ uri }] });
    if (!view || view.columns.length === 0) {
      void vscode.window.showWarningMessage('CPT Lens: the active file is not a charge file with a header row.');
      return undefined;
    }
    columns = await chooseRoles(shown, view);
    if (!columns) return undefined;
  }
  const result = await running(client).sendRequest<MapColumnsResult>('workspace/executeCommand', { command: SERVER_COMMAND.mapColumns, arguments: [{ uri, columns }] });
  shown.lastColumnMapping = columns;
  if (result.file) void vscode.window.showInformationMessage(`CPT Lens: column mapping written to ${vscode.workspace.asRelativePath(result.file)}; the file is checked again.`);
  else void vscode.window.showErrorMessage(`CPT Lens: the mapping was not written: ${result.error ?? 'unknown error'}`);
  return result;
}

async function chooseRoles(shown: ShownState, view: ColumnMapView): Promise<Record<string, string | null> | undefined> {
  const changes: Record<string, string | null> = {};
  const labelOf = (role?: string): string => view.roles.find((r) => r.role === role)?.label ?? role ?? '';
  const roleNow = (c: HeaderColumn): string | undefined => (c.header in changes ? (changes[c.header] ?? undefined) : (c.mapping ?? c.role));
  const how = (c: HeaderColumn): string => {
    if (c.header in changes) return changes[c.header] === null ? 'reading decides (changed)' : `${labelOf(changes[c.header] ?? undefined)} (changed)`;
    if (c.mapping === 'ignore') return 'not used (your mapping)';
    if (!c.role) return c.unused ? `not used: ${c.unused}` : 'not used';
    const from = c.source === 'setting' ? 'your mapping' : c.source === 'content' ? `its values${c.evidence ? `: ${c.evidence}` : ''}` : 'header';
    return `${labelOf(c.role)} (${from})`;
  };
  type ColumnItem = vscode.QuickPickItem & { column?: HeaderColumn; done?: boolean };
  let last: HeaderColumn | undefined;
  for (;;) {
    const count = Object.keys(changes).length;
    const grouping = view.groupBy ? `lines grouped by ${labelOf(view.groupBy)}` : `no claim, account or patient column${view.groupCandidate ? `: "${view.groupCandidate}" looks like the account` : ''}`;
    const done: ColumnItem = { label: count ? `$(check) Write ${count} change${count === 1 ? '' : 's'} to .cptlens.json` : '$(close) Done (nothing changed)', done: true };
    const items: ColumnItem[] = [
      done,
      { label: 'columns', kind: vscode.QuickPickItemKind.Separator },
      ...view.columns.map((c) => ({ label: c.header || `column ${c.index + 1}`, description: how(c), column: c })),
    ];
    const chosen = await pickOne(shown, items, {
      title: `Map columns (${grouping})`,
      placeholder: 'Pick a column to give it a role',
      // After a change, "Write" is next; at first, the column the reading thinks is the account.
      active: last || view.groupBy ? done : items.find((i) => i.column?.header === view.groupCandidate),
    });
    if (!chosen) return undefined;
    if (chosen.done) return count ? changes : undefined;
    const column = chosen.column;
    if (!column) continue;
    last = column;
    type RoleItem = vscode.QuickPickItem & { role: string | null };
    const current = roleNow(column);
    const roles: RoleItem[] = [
      ...view.roles.map((r) => ({ label: r.label, description: r.role === current ? `${r.detail} (now)` : r.detail, role: r.role as string | null })),
      { label: 'let CPT Lens read it', description: 'drop this column from the mapping: its header and values decide', role: null },
    ];
    const suggested = current ?? (column.header === view.groupCandidate ? 'account' : undefined);
    const role = await pickOne(shown, roles, { title: `Role of "${chosen.label}"`, placeholder: 'What this column holds', active: roles.find((r) => r.role === suggested) });
    if (!role) continue;
    if (role.role === column.role && column.source !== 'setting' && role.role !== null) delete changes[column.header];
    else changes[column.header] = role.role;
  }
}


interface FixPick {
  title: string;
  items: { label: string; description?: string; detail?: string; edit: unknown }[];
}

/** A pick list of alternative judgment fixes (XS/XU/XE/XP/59 with what each means and needs); applies the one chosen. */
async function pickFix(client: ClientRef, shown: ShownState, pick?: FixPick): Promise<string | undefined> {
  if (!pick || !Array.isArray(pick.items) || pick.items.length === 0) return undefined;
  const items = pick.items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, edit: i.edit }));
  shown.fixPick = items.map((i) => i.label);
  const chosen = await pickOne(shown, items, { title: pick.title, placeholder: 'Only what the documentation supports; Escape adds nothing', active: items[0] });
  shown.fixPick = [];
  if (!chosen) return undefined;
  const edit = await running(client).protocol2CodeConverter.asWorkspaceEdit(chosen.edit as Parameters<LanguageClient['protocol2CodeConverter']['asWorkspaceEdit']>[0]);
  if (edit) await vscode.workspace.applyEdit(edit);
  return chosen.label;
}

/** After "Accept with reason": the cursor where the reason goes. */
async function placeCursor(uri?: string, line?: number, character?: number): Promise<void> {
  if (typeof uri !== 'string' || typeof line !== 'number' || typeof character !== 'number') return;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri) ?? (await vscode.window.showTextDocument(vscode.Uri.parse(uri)));
  const at = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

function dataSourcesMarkdown(s: DataSources): string {
  const lines = [
    '# CPT Lens data sources',
    '',
    `- **Fee schedule:** ${s.feeSchedule} (dates of service ${s.feeScheduleEffective.from} to ${s.feeScheduleEffective.to}), ${s.codeCount.toLocaleString('en-US')} codes`,
    `- **HCPCS Level II:** ${s.hcpcs ?? 'not loaded'}`,
    `- **ICD-10-CM:** ${s.icd10 ?? 'not loaded'}`,
    `- **Place of service:** ${s.pos ?? 'not loaded'}`,
    `- **NCCI:** ${s.ncci ?? 'not imported: run "CPT Lens: Import NCCI tables…" with the CMS practitioner files'}`,
    `- **CPT descriptors:** ${s.cptDescriptors ?? 'bundled CMS short descriptors (AMA copyright, see data/NOTICE)'}`,
    `- **Knowledge records:** ${s.knowledgeRecords}${s.knowledgeFolders.length ? ` (extra folders: ${s.knowledgeFolders.join(', ')})` : ''}`,
    `- **Data folder:** ${s.dataFolder}`,
    `- **Workspace trust:** ${s.trusted ? 'trusted' : 'untrusted: bundled data only, workspace-configured data files and knowledge folders are not read'}`,
    `- **Loaded in:** ${s.loadMs} ms`,
  ];
  if (s.problems.length > 0) lines.push('', '## Problems while loading', '', ...s.problems.map((p) => `- ${p}`));
  return lines.join('\n') + '\n';
}

async function showDataSources(client: ClientRef, status: DataStatus, shown: ShownState, dataSourcesChanged: vscode.EventEmitter<vscode.Uri>, open = true): Promise<DataSources | undefined> {
  const sources = await fetchDataSources(client());
  await status.refresh();
  if (!sources) {
    void vscode.window.showWarningMessage('CPT Lens: the server has not loaded its data; see "CPT Lens: Show output".');
    return undefined;
  }
  if (open) {
    // A read-only virtual document: closing it never asks to save.
    shown.dataSourcesText = dataSourcesMarkdown(sources);
    dataSourcesChanged.fire(DATA_SOURCES_URI);
    const document = await vscode.workspace.openTextDocument(DATA_SOURCES_URI);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true });
  }
  return sources;
}

/** The "Show data sources" view: a `cpt-lens-data:` document whose text the provider below serves. */
const DATA_SOURCES_URI = vscode.Uri.parse('cpt-lens-data:/Data%20sources.md');

export function registerCommands(client: ClientRef, status: DataStatus, shown: ShownState): vscode.Disposable[] {
  const dataSourcesChanged = new vscode.EventEmitter<vscode.Uri>();
  return [
    dataSourcesChanged,
    vscode.workspace.registerTextDocumentContentProvider('cpt-lens-data', { onDidChange: dataSourcesChanged.event, provideTextDocumentContent: () => shown.dataSourcesText }),
    vscode.commands.registerCommand(CLIENT_COMMAND.searchCodes, (initial?: string) => searchCodes(client, shown, initial)),
    vscode.commands.registerCommand(CLIENT_COMMAND.importNcci, (paths?: string[]) => importNcci(client, status, paths)),
    vscode.commands.registerCommand(CLIENT_COMMAND.showDataSources, (options?: { open?: boolean }) => showDataSources(client, status, shown, dataSourcesChanged, options?.open ?? true)),
    vscode.commands.registerCommand(CLIENT_COMMAND.pickFix, (pick?: FixPick) => pickFix(client, shown, pick)),
    vscode.commands.registerCommand(CLIENT_COMMAND.placeCursor, (uri?: string, line?: number, character?: number) => placeCursor(uri, line, character)),
    vscode.commands.registerCommand(CLIENT_COMMAND.mapColumns, (preset?: { uri?: string; columns?: Record<string, string | null> }) => mapColumns(client, shown, preset)),
    // A code lens click: the claim's summary and findings, one per line.
    vscode.commands.registerCommand(CLIENT_COMMAND.showClaim, (report?: string) => {
      if (typeof report !== 'string' || report === '') return;
      const [head, ...rest] = report.split('\n');
      void vscode.window.showInformationMessage(head, { modal: rest.length > 0, detail: rest.join('\n') });
    }),
  ];
}
