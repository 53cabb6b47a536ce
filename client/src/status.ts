/** The status bar item: fee-schedule release and NCCI status; a click opens "Show data sources". */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMAND, DataSources, SERVER_COMMAND } from '../../server/src/protocol';

export async function fetchDataSources(client: LanguageClient | undefined): Promise<DataSources | undefined> {
  if (!client?.isRunning()) return undefined;
  const sources = await client.sendRequest<DataSources | null>('workspace/executeCommand', { command: SERVER_COMMAND.dataSources, arguments: [] });
  return sources ?? undefined;
}

export class DataStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cptLens.data', vscode.StatusBarAlignment.Right, 100);
  /** The last text shown, for tests. */
  text = '';

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.item.name = 'CPT Lens data';
    this.item.command = CLIENT_COMMAND.showDataSources;
    this.item.text = '$(sync~spin) CPT Lens';
    this.item.show();
  }

  async refresh(): Promise<DataSources | undefined> {
    let sources: DataSources | undefined;
    try {
      sources = await fetchDataSources(this.client());
    } catch {
      sources = undefined;
    }
    if (!sources) {
      this.item.text = '$(warning) CPT Lens: no data';
      this.item.tooltip = 'The language server has not loaded its data. Click for details.';
    } else {
      const release = sources.feeSchedule.split(' ')[0];
      this.item.text = `$(book) ${release} · NCCI ${sources.ncci ? 'loaded' : 'not imported'}${sources.trusted ? '' : ' · restricted'}`;
      this.item.tooltip = `CPT Lens: ${sources.feeSchedule}, ${sources.codeCount} codes; NCCI ${sources.ncci ?? 'not imported (run "CPT Lens: Import NCCI tables…")'}; ${sources.knowledgeRecords} knowledge record(s)${sources.trusted ? '' : '; untrusted workspace: bundled data only'}.` +
        (sources.periods?.length ? `\nPeriods (dates of service outside one make its findings warnings):\n${sources.periods.map((p) => `  ${p.name}: ${p.to ? `${p.from} to ${p.to}` : `from ${p.from}`}`).join('\n')}` : '') +
        '\nClick for details.';
    }
    this.text = this.item.text;
    return sources;
  }

  dispose(): void {
    this.item.dispose();
  }
}
