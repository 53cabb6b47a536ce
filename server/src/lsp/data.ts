/**
 * Which data the server loads, and loading it. The bundled data always; the user's
 * data folder (imported NCCI index, newer CMS tables), extra knowledge folders and a
 * licensed descriptor file only when the workspace is trusted, because in an
 * untrusted workspace those paths may come from the workspace's own settings.
 */
import * as fs from 'node:fs';
import type { Connection } from 'vscode-languageserver/node';
import type { DataProblem } from '../codeset/compiled';
import { loadCodeSet } from '../codeset/load';
import type { CodeSet } from '../codeset/types';
import { defaultUserDataDir } from '../codeset/userData';
import { MAX_MESSAGE_LENGTH, excerpt } from '../service';

/** `initializationOptions` the VS Code client sends; other editors may send none. */
export interface InitOptions {
  /** False in an untrusted workspace: bundled data only. Absent means trusted (a CLI-like editor). */
  trusted?: boolean;
  /** The user's data folder; default `$CPT_LENS_DATA_DIR`, else `~/.cptlens`. */
  dataFolder?: string;
  knowledgeFolders?: string[];
  cptDescriptorFile?: string;
  /** Client-side commands the editor runs (`CLIENT_COMMAND.placeCursor`, `.pickFix`); code actions use them only when listed. */
  clientCommands?: string[];
}

export interface DataState {
  codeSet: CodeSet;
  problems: DataProblem[];
  /** Bumped on every (re)load, so cached results of older data are known stale. */
  generation: number;
  trusted: boolean;
  /** The folder imports write to and the index is read from. */
  dataFolder: string;
  /** What was actually read besides the bundled data. */
  knowledgeFolders: string[];
  cptDescriptorFile?: string;
  loadMs: number;
}

export function dataFolderOf(options: InitOptions): string {
  return (options.trusted !== false && options.dataFolder) || process.env.CPT_LENS_DATA_DIR || defaultUserDataDir();
}

/** Loads the code set; `previous` is the data it replaces (its generation is bumped, so results of older data are known stale). */
export function loadData(options: InitOptions, connection: Connection, version: string, previous?: DataState): DataState {
  const started = Date.now();
  const trusted = options.trusted !== false;
  const dataFolder = dataFolderOf(options);
  const knowledgeFolders = trusted ? (options.knowledgeFolders ?? []).filter((d) => d.trim() !== '') : [];
  const cptDescriptorFile = trusted && options.cptDescriptorFile ? options.cptDescriptorFile : undefined;
  const loaded = loadCodeSet({
    userDataDir: fs.existsSync(dataFolder) ? dataFolder : undefined,
    knowledgeDirs: knowledgeFolders,
    cptDescriptorFile,
  });
  // File names and messages only: data files hold no patient data, but keep it short.
  for (const problem of loaded.problems) connection.console.warn(`${problem.file}:${problem.line}: ${excerpt(problem.message, MAX_MESSAGE_LENGTH)}`);
  const loadMs = Date.now() - started;
  const v = loaded.codeSet.version();
  connection.console.info(
    `CPT Lens ${version}: ${loaded.codeSet.release.codeCount} codes (${loaded.codeSet.release.feeSchedule}), NCCI ${v.ncci ?? 'not imported'}, ` +
      `therapy list ${loaded.codeSet.modifierList?.('therapy')?.release ?? 'not imported'}, single-dose drug list ${loaded.codeSet.modifierList?.('jz')?.release ?? 'not imported'}, ` +
      `"code first" notes ${loaded.codeSet.tabularNotes?.()?.release ?? 'not imported'}, ` +
      `${v.knowledgeRecords} knowledge record(s) loaded in ${loadMs} ms${trusted ? '' : ' (untrusted workspace: bundled data only)'}.`,
  );
  return { codeSet: loaded.codeSet, problems: loaded.problems, generation: (previous?.generation ?? 0) + 1, trusted, dataFolder, knowledgeFolders, cptDescriptorFile, loadMs };
}
