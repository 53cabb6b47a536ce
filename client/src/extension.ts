/**
 * The VS Code client: starts the bundled language server over Node IPC for the files
 * named by `cptLens.files`, restarts it if it dies (vscode-languageclient's default
 * error handler restarts up to 5 times in 3 minutes), and shows its output channel.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

const DEFAULT_FILES = ['**/*.csv', '**/*.tsv', '**/*.txt', '**/*.md'];

function documentSelector(): LanguageClientOptions['documentSelector'] {
  const globs = vscode.workspace.getConfiguration('cptLens').get<string[]>('files', DEFAULT_FILES);
  return globs.flatMap((pattern) => [
    { scheme: 'file', pattern },
    { scheme: 'untitled', pattern },
    { scheme: 'vscode-remote', pattern },
  ]);
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args: ['serve'] },
    debug: { module: serverModule, transport: TransportKind.ipc, args: ['serve'], options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  output ??= vscode.window.createOutputChannel('CPT Lens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
  };
  client = new LanguageClient('cptLens', 'CPT Lens', serverOptions, clientOptions);
  await client.start();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  if (old) await old.stop();
  await startClient(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('cptLens.restartServer', () => restart(context)),
    vscode.commands.registerCommand('cptLens.showOutput', () => output?.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cptLens.files')) void restart(context);
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
