/**
 * Palette commands. They call the server's commands (`cptLens.server.*`) so the work
 * and the data stay in one place; this file only adds VS Code's pickers, progress
 * notifications and messages. Each returns its result so tests can check it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMAND, DataSources, ImportSummary, SERVER_COMMAND, SearchHit } from '../../server/src/protocol';
import { DataStatus, fetchDataSources } from './status';

type ClientRef = () => LanguageClient | undefined;

/** The codes the Search codes quick pick shows now, in order ([] when closed); tests read it through the exports. */
export let shownSearchCodes: string[] = [];
/** The code the Search codes quick pick has active in the workbench (reported back by it), for tests. */
export let activeSearchCode = '';

function running(client: ClientRef): LanguageClient {
  const c = client();
  if (!c?.isRunning()) throw new Error('the CPT Lens server is not running (try "CPT Lens: Restart server")');
  return c;
}

async function search(client: ClientRef, query: string): Promise<SearchHit[]> {
  return running(client).sendRequest<SearchHit[]>('workspace/executeCommand', { command: SERVER_COMMAND.search, arguments: [{ query, kind: 'procedure', limit: 50 }] });
}

/** Quick pick over all codes by words or prefix; inserts the chosen code at the cursor. */
async function searchCodes(client: ClientRef, initial?: string): Promise<string | undefined> {
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
      shownSearchCodes = hits.map((h) => h.code);
    } finally {
      if (mine === asked) pick.busy = false;
    }
  };
  pick.onDidChangeValue((value) => void update(value));
  pick.onDidChangeActive((items) => {
    activeSearchCode = items[0]?.code ?? '';
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
  shownSearchCodes = [];
  activeSearchCode = '';
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

async function showDataSources(client: ClientRef, status: DataStatus, open = true): Promise<DataSources | undefined> {
  const sources = await fetchDataSources(client());
  await status.refresh();
  if (!sources) {
    void vscode.window.showWarningMessage('CPT Lens: the server has not loaded its data; see "CPT Lens: Show output".');
    return undefined;
  }
  if (open) {
    // A read-only virtual document: closing it never asks to save.
    dataSourcesText = dataSourcesMarkdown(sources);
    dataSourcesChanged.fire(DATA_SOURCES_URI);
    const document = await vscode.workspace.openTextDocument(DATA_SOURCES_URI);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true });
  }
  return sources;
}

/** The "Show data sources" view: a `cpt-lens-data:` document whose text the provider below serves. */
const DATA_SOURCES_URI = vscode.Uri.parse('cpt-lens-data:/Data%20sources.md');
let dataSourcesText = '';
const dataSourcesChanged = new vscode.EventEmitter<vscode.Uri>();

export function registerCommands(client: ClientRef, status: DataStatus): vscode.Disposable[] {
  return [
    dataSourcesChanged,
    vscode.workspace.registerTextDocumentContentProvider('cpt-lens-data', { onDidChange: dataSourcesChanged.event, provideTextDocumentContent: () => dataSourcesText }),
    vscode.commands.registerCommand(CLIENT_COMMAND.searchCodes, (initial?: string) => searchCodes(client, initial)),
    vscode.commands.registerCommand(CLIENT_COMMAND.importNcci, (paths?: string[]) => importNcci(client, status, paths)),
    vscode.commands.registerCommand(CLIENT_COMMAND.showDataSources, (options?: { open?: boolean }) => showDataSources(client, status, options?.open ?? true)),
    // A code lens click: the claim's summary and findings, one per line.
    vscode.commands.registerCommand(CLIENT_COMMAND.showClaim, (report?: string) => {
      if (typeof report !== 'string' || report === '') return;
      const [head, ...rest] = report.split('\n');
      void vscode.window.showInformationMessage(head, { modal: rest.length > 0, detail: rest.join('\n') });
    }),
  ];
}
