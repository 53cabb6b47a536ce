/**
 * What the handler modules share of one server (no globals): passed to
 * `registerFeatures` and `registerCommands` by `startServer`. In its own file so the
 * handler modules and the server do not import each other.
 */
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CptLensSettings, LanguageService, Finding, FindingsView } from '../service';
import type { DataState, InitOptions } from './data';

/** What a handler needs for one document: its text, settings and the service built for them. */
export interface DocumentContext {
  document: TextDocument;
  settings: CptLensSettings;
  service: LanguageService;
}

/** Shared state of one server, passed to the handler modules (no globals). */
export interface ServerState {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  data: () => DataState | undefined;
  setData: (data: DataState) => void;
  contextOf: (uri: string) => Promise<DocumentContext | undefined>;
  /**
   * All the document's findings for its current version and settings (not capped): the
   * service's state of the document brought to this version (a no-op when it is), which
   * hover, hints and lenses then read. The editor's last edit is passed along, so a
   * keystroke re-parses one row.
   */
  /** The document's check at its version, run now if it is not yet (findings are made as they are read). */
  checkOf: (context: DocumentContext) => FindingsView;
  /**
   * Before a hover or completion reads the document: its check at this version, or for a big
   * file's first check (to come or under way) only its parse; the rest runs in slices.
   */
  readyToRead: (context: DocumentContext) => void;
  /** Whether a lens or inlay-hint request should answer empty: a big file's first whole check is queued, and a refresh follows it. */
  awaitsFirstCheck: (context: DocumentContext, feature: 'codeLens' | 'inlayHint') => boolean;
  /** Every finding of the document at its version (`checkOf(context).all()`). */
  /** The findings with a safe fix (what fix-all reads): only those are made. */
  fixableOf: (context: DocumentContext) => readonly Finding[];
  /** Re-check every open document and ask the client to refresh hints and lenses. */
  refreshAll: () => void;
  /** Settings or a `.cptlens.json` changed: drop the cached settings and services, then refresh everything. */
  settingsChanged: () => void;
  runSafe: <T>(what: string, fallback: T, work: () => T) => T;
  runSafeAsync: <T>(what: string, fallback: T, work: () => Promise<T>) => Promise<T>;
  client: () => ClientCapabilities;
  /** Resolves once the code set has loaded (or failed to). */
  loaded: () => Promise<void>;
  initOptions: () => InitOptions;
}

