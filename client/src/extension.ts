/**
 * The VS Code client: starts the bundled language server over Node IPC for the files
 * named by `cptLens.files`, restarts it if it dies (vscode-languageclient's default
 * error handler restarts up to 5 times in 3 minutes), and adds what only VS Code has:
 * the palette commands, the status bar and workspace trust. Everything else (hover,
 * completion, fixes, hints, lenses, search, import) is the server's, so other editors
 * get it too.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { newShownState, registerCommands } from './commands';
import { DataStatus } from './status';
import { CLIENT_COMMAND } from '../../server/src/protocol';

// The extension's three handles: VS Code calls `deactivate()` without arguments, so the
// running client must be reachable from module scope (vscode-languageclient's own pattern).
// Everything else lives in objects made per activation.
let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let status: DataStatus | undefined;

const DEFAULT_FILES = ['**/*.csv', '**/*.tsv', '**/*.txt', '**/*.md'];

function documentSelector(): LanguageClientOptions['documentSelector'] {
  const globs = vscode.workspace.getConfiguration('cptLens').get<string[]>('files', DEFAULT_FILES);
  return globs.flatMap((pattern) => [
    { scheme: 'file', pattern },
    { scheme: 'untitled', pattern },
    { scheme: 'vscode-remote', pattern },
  ]);
}

/**
 * What the server needs before it loads data. In an untrusted workspace the data
 * settings are not sent at all (VS Code also hides their workspace values, see
 * `capabilities.untrustedWorkspaces.restrictedConfigurations`): bundled data only.
 */
function initializationOptions(): Record<string, unknown> {
  const trusted = vscode.workspace.isTrusted;
  // Code actions may then ask this client to place the cursor or show a pick list of fixes.
  const clientCommands = [CLIENT_COMMAND.placeCursor, CLIENT_COMMAND.pickFix];
  if (!trusted) return { trusted, clientCommands };
  const config = vscode.workspace.getConfiguration('cptLens');
  return {
    trusted,
    clientCommands,
    dataFolder: config.get<string>('dataFolder') || undefined,
    knowledgeFolders: config.get<string[]>('knowledgeFolders', []),
    cptDescriptorFile: config.get<string>('cptDescriptorFile') || undefined,
  };
}

async function startClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args: ['serve'] },
    debug: { module: serverModule, transport: TransportKind.ipc, args: ['serve'], options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  output ??= vscode.window.createOutputChannel('CPT Lens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    initializationOptions: initializationOptions(),
    // `.cptlens.json` wins over the settings: the server re-reads it when it changes.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.cptlens.json') },
  };
  const started = new LanguageClient('cptLens', 'CPT Lens', serverOptions, clientOptions);
  client = started;
  await started.start();
  void status?.refresh();
  return started;
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  if (old) await old.stop();
  await startClient(context);
}

const DATA_SETTINGS = ['cptLens.files', 'cptLens.dataFolder', 'cptLens.knowledgeFolders', 'cptLens.cptDescriptorFile'];

/** What the extension exports: for tests and for other extensions that want the running client. */
export interface CptLensApi {
  client: () => LanguageClient | undefined;
  /** The status bar text. */
  statusText: () => string;
  /** The codes the Search codes quick pick shows now. */
  searchCodesShown: () => string[];
  /** The item the Search codes quick pick has active, as the workbench reports it. */
  searchCodeActive: () => string;
  /** The items the Map columns pickers show now. */
  columnPickShown: () => string[];
  /** The mapping Map columns last wrote. */
  lastColumnMapping: () => Record<string, string | null>;
  /** The labels a fix pick list (distinct-service modifiers) shows now. */
  fixPickShown: () => string[];
}

export async function activate(context: vscode.ExtensionContext): Promise<CptLensApi> {
  status = new DataStatus(() => client);
  const shown = newShownState();
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand(CLIENT_COMMAND.restartServer, () => restart(context)),
    vscode.commands.registerCommand(CLIENT_COMMAND.showOutput, () => output?.show()),
    ...registerCommands(() => client, status, shown),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The document selector and the loaded data are fixed per server: restart for them.
      // Other settings are pulled per document by the server, which is told of the change.
      if (DATA_SETTINGS.some((s) => event.affectsConfiguration(s))) void restart(context);
    }),
    // Trust granted: the data settings may now be read.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart(context)),
  );
  await startClient(context);
  // Tests reach the running client through the extension's exports.
  return { client: () => client, statusText: () => status?.text ?? '', searchCodesShown: () => shown.searchCodes, searchCodeActive: () => shown.activeSearchCode,
    columnPickShown: () => shown.columnPick, lastColumnMapping: () => shown.lastColumnMapping, fixPickShown: () => shown.fixPick };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
