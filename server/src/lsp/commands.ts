/**
 * Commands executed by the server (`workspace/executeCommand`), so every editor can
 * call them: search the codes, describe the loaded data, import NCCI tables. Long
 * work reports LSP work-done progress (the client's token, else one the server asks
 * the client to create) and honours cancellation between steps.
 */
import { ErrorCodes, ExecuteCommandParams, LSPErrorCodes, ResponseError, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { SearchKind } from '../codeset/types';
import { ColumnMapView, DataSources, ImportSummary, MapColumnsResult, SERVER_COMMAND, SearchHit } from '../protocol';
import { COLUMN_MAPPINGS, documentKindOf, MAX_MESSAGE_LENGTH, excerpt } from '../service';
import { writeMapping } from './columnMapping';
import { importNcci } from '../codeset/ncci/importNcci';
import { loadData } from './data';
import type { ServerState } from './state';

const KINDS: ReadonlySet<string> = new Set(['procedure', 'diagnosis', 'modifier', 'pos']);

export function registerCommands(state: ServerState): void {
  const { connection } = state;

  function dataSources(): DataSources | null {
    const data = state.data();
    if (!data) return null;
    const v = data.codeSet.version();
    const r = data.codeSet.release;
    return {
      ...v, feeScheduleEffective: r.feeScheduleEffective, codeCount: r.codeCount,
      trusted: data.trusted, dataFolder: data.dataFolder, knowledgeFolders: data.knowledgeFolders, cptDescriptorFile: data.cptDescriptorFile,
      loadMs: data.loadMs, problems: data.problems.map((p) => `${p.file}:${p.line}: ${excerpt(p.message, MAX_MESSAGE_LENGTH)}`),
    };
  }

  async function progressFor(params: ExecuteCommandParams, reporter: WorkDoneProgressReporter): Promise<WorkDoneProgressReporter> {
    // The client sent a token: `reporter` reports on it. Otherwise ask for one if the client can show it.
    if (params.workDoneToken !== undefined || !state.client().window?.workDoneProgress) return reporter;
    return connection.window.createWorkDoneProgress();
  }

  connection.onExecuteCommand((params, token, reporter) =>
    state.runSafeAsync(`command ${params.command}`, null, async (): Promise<unknown> => {
      await state.loaded();
      const arg = (params.arguments?.[0] ?? {}) as Record<string, unknown>;
      switch (params.command) {
        case SERVER_COMMAND.search: {
          const data = state.data();
          const query = typeof arg.query === 'string' ? arg.query : '';
          const kind = (typeof arg.kind === 'string' && KINDS.has(arg.kind) ? arg.kind : 'procedure') as SearchKind;
          const limit = typeof arg.limit === 'number' ? Math.min(Math.max(1, arg.limit), 500) : 50;
          if (!data || query.trim() === '') return [] as SearchHit[];
          return data.codeSet.search(query, kind, limit);
        }
        case SERVER_COMMAND.dataSources:
          return dataSources();
        case SERVER_COMMAND.importNcci: {
          const paths = Array.isArray(arg.paths) ? arg.paths.filter((p): p is string => typeof p === 'string') : [];
          if (paths.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, `${SERVER_COMMAND.importNcci} needs { paths: [...] }`);
          const current = state.data();
          const options = state.initOptions();
          const dataFolder = current?.dataFolder ?? '';
          const progress = await progressFor(params, reporter);
          progress.begin('CPT Lens: importing NCCI tables', 0, `${paths.length} path(s)`, true);
          try {
            await new Promise((resolve) => setImmediate(resolve));
            if (token.isCancellationRequested) {
              throw new ResponseError(LSPErrorCodes.RequestCancelled, 'import cancelled before it started');
            }
            const report = importNcci(paths, dataFolder);
            progress.report(70, 'reloading the code set');
            await new Promise((resolve) => setImmediate(resolve));
            const summary: ImportSummary = {
              ok: report.errors.length === 0,
              dataFolder,
              files: report.files.map((f) => ({ name: f.name, table: f.table, rows: f.rows, problems: f.problems.length, skipped: f.skipped, ...(f.synthetic ? { synthetic: f.synthetic } : {}) })),
              tables: report.tables.map((t) => ({ label: t.label, release: t.release, rows: t.rows, files: t.files.length })),
              errors: report.errors,
            };
            if (summary.ok) {
              state.setData(loadData({ ...options, dataFolder }, connection, 'reload', state.data()));
              state.refreshAll();
            }
            summary.ncci = state.data()?.codeSet.version().ncci;
            return summary;
          } finally {
            progress.done();
          }
        }
        case SERVER_COMMAND.columnReading: {
          const context = typeof arg.uri === 'string' ? await state.contextOf(arg.uri) : undefined;
          if (!context || documentKindOf(context.document.uri, context.document.languageId) !== 'charges') return null;
          return context.service.columnReading(context.document.getText(), context.document.uri) satisfies ColumnMapView;
        }
        case SERVER_COMMAND.mapColumns: {
          const uri = typeof arg.uri === 'string' ? arg.uri : '';
          const given = arg.columns && typeof arg.columns === 'object' && !Array.isArray(arg.columns) ? (arg.columns as Record<string, unknown>) : undefined;
          if (!uri || !given) throw new ResponseError(ErrorCodes.InvalidParams, `${SERVER_COMMAND.mapColumns} needs { uri, columns: { header: role } }`);
          const columns: Record<string, string | null> = {};
          for (const [header, role] of Object.entries(given)) {
            if (role !== null && !(COLUMN_MAPPINGS as readonly unknown[]).includes(role)) {
              throw new ResponseError(ErrorCodes.InvalidParams, `unknown column role "${excerpt(String(role), 30)}"`);
            }
            columns[header] = role as string | null;
          }
          let result: MapColumnsResult;
          try {
            const file = writeMapping(uri, columns);
            result = file ? { file } : { error: 'the document is not a file, or its .cptlens.json is not valid JSON' };
          } catch (error) {
            result = { error: `cannot write .cptlens.json (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
          }
          // The watcher would tell us too, but not every client watches: re-check now.
          if (result.file) state.settingsChanged();
          return result;
        }
        default:
          throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${params.command}`);
      }
    }),
  );
}
