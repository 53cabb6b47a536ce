/**
 * The language server: a thin shell over the pure service. Each handler looks up
 * the document and its settings, calls the service, and runs inside `runSafe`,
 * which turns an exception into a logged error (never the document's text) and an
 * empty answer.
 *
 * Architecture invariant: this folder is the only one that imports vscode-languageserver.
 */
import {
  ClientCapabilities,
  CodeLensRefreshRequest,
  Connection,
  Diagnostic,
  DiagnosticRefreshRequest,
  ErrorCodes,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  InitializeResult,
  InlayHintRefreshRequest,
  LSPErrorCodes,
  ProposedFeatures,
  Range,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditedDocument } from './editedDocument';
import { DataLoadError } from '../codeset/load';
import { DEFAULT_SETTINGS, LanguageService, documentKindOf, getLanguageService, isInCell, type CptLensSettings, type Finding, type FindingsView, type TextChange, madeOf, sameMade } from '../service';
import { SERVER_COMMANDS } from '../protocol';
import { registerCommands } from './commands';
import { toDiagnostic } from './convert';
import { DataState, InitOptions, loadData } from './data';
import type { DocumentContext, ServerState } from './state';
import { registerFeatures } from './features';
import { SettingsCache } from './settingsCache';

/** Delay between the last keystroke and re-checking (push diagnostics), so typing stays smooth. */
const VALIDATE_DELAY_MS = 150;

/**
 * How long after the last keystroke in a code, modifier, diagnosis or POS cell that cell's
 * findings wait (service/features/typedCell.ts): a coder typing words to search, or a code
 * digit by digit, sees no "not a code" flash at every letter.
 */
export const SETTLE_MS = 1200;

/**
 * Whether two lists hold the same findings in the same order: the very objects, the same ones
 * moved with their rows, or equal in every field (the file rules' notes are made anew at
 * each check).
 */
function sameList(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameMade(a[i], b[i]) && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

/**
 * A charge file at least this long (about 15,000 lines) gets its first diagnostics from its
 * first PREVIEW_ROWS rows' line rules at once, and the whole check right after: a coder
 * opening a monthly export sees findings in a fraction of a second, not after the whole file.
 * The first few hundred rows are checked first, and are the answer when they hold as many
 * errors as it shows (service `preview`).
 */
const PREVIEW_MIN_CHARS = 1_000_000;
const PREVIEW_ROWS = 5000;
const PREVIEW_FLUSH_MS = 25;
/** How long a slice of a big file's first check runs before the requests that came meanwhile are answered. */
const SLICE_MS = 10;
/**
 * At most this many findings in the preview (errors first): an answer that fits the pipe's buffer (64 KB)
 * leaves at once, where a longer one would wait for the client to read the rest while the
 * whole check holds the event loop.
 */
const PREVIEW_MAX_FINDINGS = 50;
/** How long after the code set loads (and between steps) the warm-up waits for requests to come first. */
const WARM_UP_DELAY_MS = 200;

/** Whether a finding has a fix fix-all may apply. */
function hasSafeFix(finding: Finding): boolean {
  return finding.fixes?.some((f) => f.safe) ?? false;
}

export function startServer(version: string, connection: Connection = createConnection(ProposedFeatures.all)): void {
  /**
   * The editor's last edit per document, as offsets into the version before it: passed
   * to the check, so a keystroke re-parses one row without comparing 6 MB of text.
   */
  const lastEdits = new Map<string, { fromVersion: number; toVersion: number; change?: TextChange; at: number }>();
  // Documents whose edits do not copy the whole text (editedDocument.ts).
  const documents = new TextDocuments<TextDocument>({
    create: EditedDocument.create,
    update(document, changes, version) {
      const only = changes.length === 1 ? (changes[0] as { range?: Range; text: string }) : undefined;
      const change = only?.range ? { start: document.offsetAt(only.range.start), end: document.offsetAt(only.range.end), text: only.text } : undefined;
      const fromVersion = document.version;
      let updated: TextDocument;
      if (document instanceof EditedDocument) {
        document.update(changes, version);
        updated = document;
      } else updated = TextDocument.update(document, changes, version);
      lastEdits.set(document.uri, { fromVersion, toVersion: version, change, at: Date.now() });
      return updated;
    },
  });
  const pending = new Map<string, NodeJS.Timeout>();
  let data: DataState | undefined;
  let clientCapabilities: ClientCapabilities = {};
  let initOptions: InitOptions = {};
  let pullDiagnostics = false;
  /** Services by the check settings they were built with; dropped when the data changes. */
  let services = new Map<string, LanguageService>();
  const settings = new SettingsCache(connection, () => clientCapabilities.workspace?.configuration === true);

  function runSafe<T>(what: string, fallback: T, work: () => T): T {
    try {
      return work();
    } catch (error) {
      // Log the error's message and stack only: never document text (patient data).
      connection.console.error(`${what} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  }

  async function runSafeAsync<T>(what: string, fallback: T, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`${what} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  }

  function serviceFor(s: CptLensSettings): LanguageService | undefined {
    if (!data) return undefined;
    const key = JSON.stringify([s.rules ?? {}, s.modifierOrder ?? null, s.columns ?? {}, s.locality ?? '']);
    let service = services.get(key);
    if (!service) {
      service = getLanguageService({ codeSet: data.codeSet, settings: { rules: s.rules, modifierOrder: s.modifierOrder, columns: s.columns, locality: s.locality } });
      services.set(key, service);
    }
    return service;
  }

  /** Set by `initialize`: a request before it is answered ServerNotInitialized (LSP), instead of waiting forever for the data. */
  let initializeReceived = false;

  async function contextOf(uri: string): Promise<DocumentContext | undefined> {
    if (!initializeReceived) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'CPT Lens: the server is not initialized yet (send initialize first)');
    await loaded;
    const document = documents.get(uri);
    if (!document || !data) return undefined;
    const s = (await settings.get(uri)).settings;
    const service = serviceFor(s);
    // The document may have closed while the settings were read.
    const current = documents.get(uri);
    return service && current ? { document: current, settings: s, service } : undefined;
  }

  /** Big charge files whose first whole check is running in slices (runInSlices), with the version it checks. */
  const slicing = new Map<string, { version: number; steps: Generator<void, FindingsView> }>();

  /** Whether the document's check at its version is running in slices (a hover then reads the model without waiting for it). */
  const checking = (document: TextDocument): boolean => slicing.get(document.uri)?.version === document.version;

  /** The document's check at its version (run now if it is not yet): findings are made as they are read. */
  function checkOf(context: DocumentContext): FindingsView {
    const { document, service } = context;
    const running = slicing.get(document.uri);
    if (running) {
      // Asked for findings while the check runs in slices: its rest runs now. Of an older
      // version, it is finished too: the check below then starts from it (a row edit, when
      // the edits since were inside one row) instead of parsing the whole text again.
      slicing.delete(document.uri);
      while (!running.steps.next().done);
    }
    const last = lastEdits.get(document.uri);
    // The change is the one the document applied (same offsets), so the check need not read the new text to trust it.
    const change = last && last.toVersion === document.version && last.change ? { ...last.change, fromVersion: last.fromVersion, exact: true } : undefined;
    return service.check(document.getText(), documentKindOf(document.uri, document.languageId), document.uri, { version: document.version, change });
  }

  const fixableOf = (context: DocumentContext): readonly Finding[] => checkOf(context).where(hasSafeFix);

  /**
   * The diagnostics shown: at most `maxFindingsPerFile` (errors first), without the findings
   * of a cell still being typed (`held`); fix-all and lenses still see every finding.
   */
  function diagnosticsOf(context: DocumentContext, held?: Held): Diagnostic[] {
    const epoch = context.service.checkEpoch(context.document.uri);
    return shownOf(context, held).map((f) => diagnosticOf(context.document, f, epoch));
  }

  function shownOf(context: DocumentContext, held?: Held): readonly Finding[] {
    const max = context.settings.maxFindingsPerFile ?? DEFAULT_SETTINGS.maxFindingsPerFile;
    return checkOf(context).shown(max, held ? (f) => isInCell(f, held.cell) : undefined);
  }

  /**
   * The findings each document's last pull answer showed, by URI. A keystroke in row 50,000
   * leaves the findings shown the same: the very objects above the edit, the same findings
   * moved with their rows below it (`sameMade`); then the answer is "unchanged" and 300 KB of
   * diagnostics are neither made nor sent. Only when no check in between parsed the file
   * whole (the same `checkEpoch`: one-row edits keep every line's number; a sort of the rows
   * would not) and the line count is the same.
   */
  /**
   * The diagnostic made for a finding (by the finding its rules made: a moved copy has the
   * same one), kept while no check parses the document whole: then every line kept its
   * number, so a finding that only moved with its rows is at the same line and column. A
   * keystroke whose answer must go out in full makes only the diagnostics of what changed.
   */
  const madeDiagnostics = new WeakMap<Finding, { uri: string; epoch: number | undefined; lines: number; diagnostic: Diagnostic }>();
  function diagnosticOf(document: TextDocument, finding: Finding, epoch: number | undefined): Diagnostic {
    const made = madeOf(finding);
    const known = madeDiagnostics.get(made);
    if (known && known.uri === document.uri && known.epoch === epoch && known.lines === document.lineCount) return known.diagnostic;
    const diagnostic = toDiagnostic(document, finding);
    madeDiagnostics.set(made, { uri: document.uri, epoch, lines: document.lineCount, diagnostic });
    return diagnostic;
  }

  const lastShown = new Map<string, { resultId: string; findings: readonly Finding[]; lines: number; epoch: number | undefined }>();

  /** A cell being typed: its findings wait `wait` ms more. */
  interface Held {
    cell: { start: number; end: number };
    wait: number;
  }
  const settleTimers = new Map<string, NodeJS.Timeout>();

  /** The cell the document's last edit typed into, while the typing has not settled and the cell has findings to hold. */
  function heldCell(context: DocumentContext): Held | undefined {
    const { document, service } = context;
    const last = lastEdits.get(document.uri);
    if (!last?.change || last.toVersion !== document.version || documentKindOf(document.uri, document.languageId) !== 'charges') return undefined;
    const wait = last.at + SETTLE_MS - Date.now();
    if (wait <= 0) return undefined;
    // A pulling client that cannot be asked to pull again would not see the held findings
    // until its next edit: it gets them at once.
    if (pullDiagnostics && !clientCapabilities.workspace?.diagnostics?.refreshSupport) return undefined;
    const view = checkOf(context);
    const cell = service.typedCell(document.getText(), last.change, document.uri);
    if (!cell || !view.inRange(cell.start, cell.end).some((f) => isInCell(f, cell))) return undefined;
    return { cell, wait };
  }

  /** Once the typing has settled: push the held findings, or ask a pulling client to pull again. */
  function afterSettling(document: TextDocument, wait: number): void {
    clearTimeout(settleTimers.get(document.uri));
    settleTimers.set(
      document.uri,
      setTimeout(() => {
        settleTimers.delete(document.uri);
        if (!pullDiagnostics) schedule(document, 0);
        else if (clientCapabilities.workspace?.diagnostics?.refreshSupport) void connection.sendRequest(DiagnosticRefreshRequest.type);
      }, wait + 10),
    );
  }

  /** Big charge files whose preview went out, with it: asked again before the whole check is done, the answer is the same. */
  const previewed = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  /** Big charge files whose first whole check is queued (after a preview, or a lens or inlay request that came first). */
  const queued = new Set<string>();

  function bigAndUnchecked(context: DocumentContext): boolean {
    const { document, service } = context;
    return service.checkedVersion(document.uri) === undefined && document.getText().length >= PREVIEW_MIN_CHARS && documentKindOf(document.uri, document.languageId) === 'charges';
  }

  /**
   * Queues a big file's first whole check (once), to run after the answers now going out
   * have left: the connection writes an answer from a setImmediate queued when its handler
   * returns, so the check goes two setImmediates after a short timer (a check started before
   * the write would hold the answer back for the whole check). Once it is done, diagnostics
   * (a refresh, or a publish), lenses and inlay hints are asked for again.
   */
  function queueFirstCheck(uri: string): void {
    if (queued.has(uri)) return;
    queued.add(uri);
    setTimeout(() => setImmediate(() => setImmediate(() => {
      void runSafeAsync('validation', undefined, async () => {
        const current = await contextOf(uri);
        if (current) await runInSlices(current);
        queued.delete(uri);
        previewed.delete(uri);
        if (!current) return;
        const workspace = clientCapabilities.workspace;
        if (!pullDiagnostics) schedule(current.document, 0);
        else if (workspace?.diagnostics?.refreshSupport) void connection.sendRequest(DiagnosticRefreshRequest.type);
        if (workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type);
        if (workspace?.inlayHint?.refreshSupport) void connection.sendRequest(InlayHintRefreshRequest.type);
      });
    })), PREVIEW_FLUSH_MS);
  }

  /**
   * A big file's first whole check, a slice of about SLICE_MS at a time with the requests that
   * came meanwhile answered between slices (a hover or completion reads the model the check
   * has parsed; a request that needs findings runs the rest at once). An edit meanwhile does
   * not stop it: the next check starts from it (a row edit when the edits were in one row).
   */
  function runInSlices(context: DocumentContext): Promise<void> {
    const { document } = context;
    const uri = document.uri;
    // Steps already begun (by a hover that came first, maybe of an earlier version) are driven on.
    const steps = slicing.get(uri)?.steps ?? beginSlices(context);
    return new Promise((resolve) => {
      const slice = (): void => {
        // Finished by a request that needed findings, or the document closed.
        if (slicing.get(uri)?.steps !== steps) return resolve();
        if (!documents.get(uri)) {
          slicing.delete(uri);
          steps.return(undefined as unknown as FindingsView);
          return resolve();
        }
        const until = performance.now() + SLICE_MS;
        const done = runSafe('validation', true, () => {
          for (;;) {
            if (steps.next().done) return true;
            if (performance.now() >= until) return false;
          }
        });
        if (done) {
          slicing.delete(uri);
          return resolve();
        }
        setImmediate(slice);
      };
      slice();
    });
  }

  /** The steps of a document's check at its version, begun and kept in `slicing` (runInSlices drives them). */
  function beginSlices(context: DocumentContext): Generator<void, FindingsView> {
    const { document, service } = context;
    slicing.get(document.uri)?.steps.return(undefined as unknown as FindingsView);
    const steps = service.checkInSteps(document.getText(), documentKindOf(document.uri, document.languageId), document.uri, { version: document.version });
    slicing.set(document.uri, { version: document.version, steps });
    return steps;
  }

  /**
   * Before a hover or completion reads the document: its check at this version, except for a
   * big file whose first check is to come or under way. That check is begun (its first step,
   * the parse, now) and left to run in slices: the request reads the model it parsed.
   */
  function readyToRead(context: DocumentContext): void {
    const { document } = context;
    if (checking(document)) return;
    if (slicing.has(document.uri) || !bigAndUnchecked(context)) {
      checkOf(context);
      return;
    }
    queueFirstCheck(document.uri);
    const steps = beginSlices(context);
    runSafe('validation', undefined, () => void steps.next());
  }

  /**
   * A big charge file's first diagnostics, never checked before: its first rows' line
   * findings, with the whole check queued. Undefined when the file is small or the preview
   * is not possible; then the caller checks it whole, as for any other file.
   */
  function preview(context: DocumentContext): Diagnostic[] | undefined {
    const { document, service } = context;
    const uri = document.uri;
    if (!bigAndUnchecked(context)) return undefined;
    // VS Code pulls again at once (the editor became visible): the same answer, not the whole check now.
    const known = previewed.get(uri);
    if (known?.version === document.version) return known.diagnostics;
    const max = context.settings.maxFindingsPerFile ?? DEFAULT_SETTINGS.maxFindingsPerFile;
    const shown = max > 0 ? Math.min(max, PREVIEW_MAX_FINDINGS) : PREVIEW_MAX_FINDINGS;
    const view = runSafe('validation', undefined, () => service.preview(document.getText(), documentKindOf(uri, document.languageId), PREVIEW_ROWS, shown));
    if (!view) return undefined;
    const diagnostics = view.shown(shown).map((f) => toDiagnostic(document, f));
    previewed.set(uri, { version: document.version, diagnostics });
    queueFirstCheck(uri);
    return diagnostics;
  }

  /**
   * Whether a lens or inlay-hint request should wait for a big file's first whole check: the
   * editor asks for them on opening, often before its first pull of diagnostics, and answering
   * would check the whole file before the preview could go out. The answer is then empty and
   * a refresh follows the check; a client that cannot be asked again gets its answer now.
   */
  function awaitsFirstCheck(context: DocumentContext, feature: 'codeLens' | 'inlayHint'): boolean {
    if (!clientCapabilities.workspace?.[feature]?.refreshSupport || !bigAndUnchecked(context)) return false;
    queueFirstCheck(context.document.uri);
    return true;
  }

  async function publish(uri: string): Promise<void> {
    // A document opened before initialize (a client error) is checked once initialized.
    if (!initializeReceived) return;
    const context = await contextOf(uri);
    if (!context) return;
    const { document } = context;
    const first = preview(context);
    if (first) {
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics: first });
      return;
    }
    // Typing in a cell: nothing is published until it settles, so no finding flashes and
    // the first diagnostics of this version are complete.
    const held = runSafe('validation', undefined, () => heldCell(context));
    if (held) {
      afterSettling(document, held.wait);
      return;
    }
    const diagnostics = runSafe('validation', [], () => diagnosticsOf(context));
    // A newer version is already scheduled: its own run publishes.
    if (documents.get(uri)?.version !== document.version) return;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(pending.get(document.uri));
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        void runSafeAsync('validation', undefined, () => publish(document.uri));
      }, delay),
    );
  }

  /** Settings or data changed: services built for the old ones go, with the document states they hold. */
  function refreshAll(): void {
    services = new Map();
    if (pullDiagnostics) {
      if (clientCapabilities.workspace?.diagnostics?.refreshSupport) void connection.sendRequest(DiagnosticRefreshRequest.type);
    } else {
      for (const document of documents.all()) schedule(document, 0);
    }
    if (clientCapabilities.workspace?.inlayHint?.refreshSupport) void connection.sendRequest(InlayHintRefreshRequest.type);
    if (clientCapabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type);
  }

  const state: ServerState = {
    connection,
    documents,
    data: () => data,
    setData: (next) => {
      data = next;
      services = new Map();
    },
    contextOf,
    checkOf,
    readyToRead,
    fixableOf,
    awaitsFirstCheck,
    refreshAll,
    settingsChanged: () => {
      settings.clear();
      refreshAll();
    },
    runSafe,
    runSafeAsync,
    client: () => clientCapabilities,
    loaded: () => loaded,
    initOptions: () => initOptions,
  };

  /** Resolves once the code set is loaded (or failed to load); handlers wait for it. */
  let markLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));

  function load(): void {
    try {
      data = loadData(initOptions, connection, version, data);
    } catch (error) {
      const message = error instanceof DataLoadError ? error.message : `loading data failed: ${(error as Error).stack}`;
      connection.console.error(message);
      void connection.window.showErrorMessage(`CPT Lens: ${message}`);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    initializeReceived = true;
    clientCapabilities = params.capabilities;
    initOptions = (params.initializationOptions ?? {}) as InitOptions;
    pullDiagnostics = clientCapabilities.textDocument?.diagnostic !== undefined;
    // The code set loads after `initialized`, under a work-done progress the client shows.
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        // '-' for a modifier after a code; ' ' and '(' open code completion after "CPT " or a procedure's name in a note.
        completionProvider: { triggerCharacters: ['-', ' ', '('], resolveProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix', 'quickfix.cptLens.fixAll', 'source.fixAll.cptLens'], resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: true },
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'cpt-lens', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'cpt-lens', version },
    };
  });

  connection.onInitialized(() => {
    if (clientCapabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cptLens' });
    }
    void (async () => {
      if (clientCapabilities.window?.workDoneProgress) {
        const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
        progress?.begin('CPT Lens: loading the code set', undefined, 'fee schedule, HCPCS, modifiers, knowledge records', false);
        // Let the begin notification leave before the synchronous load.
        await new Promise((resolve) => setImmediate(resolve));
        load();
        progress?.done();
      } else {
        load();
      }
      markLoaded();
      warmUpWhenIdle();
    })();
  });

  /**
   * Reads the ICD-10-CM table (11 MB, about 60 ms) and builds the procedure search index
   * (about 180 ms) while the coder reads, not on the first check or keystroke that needs
   * them. Not before the requests already waiting: VS Code starts the server because a file
   * was opened, and that file's first diagnostics come first; nor while a big file's first
   * whole check is queued. Each in its own turn.
   */
  function warmUpWhenIdle(): void {
    setTimeout(() => {
      if (queued.size > 0) return warmUpWhenIdle();
      runSafe('warm-up', undefined, () => void data?.codeSet.diagnosis('A00'));
      setTimeout(() => runSafe('warm-up', undefined, () => void data?.codeSet.search('warm', 'procedure', 1)), WARM_UP_DELAY_MS);
    }, WARM_UP_DELAY_MS);
  }

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    refreshAll();
  });
  // `.cptlens.json` created, changed or deleted (the VS Code client watches it).
  connection.onDidChangeWatchedFiles(() => {
    settings.clear();
    refreshAll();
  });

  // TextDocuments fires onDidChangeContent for an open too: check a new document at
  // once, and wait for a pause in typing only after edits (push mode; in pull mode the
  // client asks when it wants).
  const checked = new Set<string>();
  documents.onDidChangeContent((event) => {
    if (pullDiagnostics) return;
    const first = !checked.has(event.document.uri);
    checked.add(event.document.uri);
    schedule(event.document, first ? 0 : VALIDATE_DELAY_MS);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    checked.delete(uri);
    clearTimeout(pending.get(uri));
    pending.delete(uri);
    clearTimeout(settleTimers.get(uri));
    settleTimers.delete(uri);
    lastEdits.delete(uri);
    previewed.delete(uri);
    queued.delete(uri);
    lastShown.delete(uri);
    settings.forget(uri);
    for (const service of services.values()) service.forget(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    // Yield once so a cancellation that arrived with the next keystroke is seen.
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
    const context = await contextOf(uri);
    if (!context) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    // A pulling client asks at every keystroke: answer without the findings of the cell being
    // typed, and ask for a new pull once the typing settles (the result id tells the two apart).
    const generation = `${context.document.version}:${settings.generation}:${data?.generation ?? 0}`;
    // A big file never checked: its first rows at once, then a new pull once the whole check is done.
    if (clientCapabilities.workspace?.diagnostics?.refreshSupport) {
      const first = preview(context);
      const previewId = `${generation}:preview`;
      if (first && params.previousResultId === previewId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: previewId };
      if (first) return { kind: DocumentDiagnosticReportKind.Full, resultId: previewId, items: first };
    }
    const held = runSafe('validation', undefined, () => heldCell(context));
    const resultId = `${generation}${held ? ':typing' : ''}`;
    if (params.previousResultId === resultId && context.service.checkedVersion(uri) === context.document.version) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    }
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
    if (held) afterSettling(context.document, held.wait);
    const shown = runSafe('validation', [], () => shownOf(context, held));
    const last = lastShown.get(uri);
    const epoch = context.service.checkEpoch(uri);
    if (last && params.previousResultId === last.resultId && last.epoch === epoch && last.lines === context.document.lineCount && sameList(last.findings, shown)) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    lastShown.set(uri, { resultId, findings: shown, lines: context.document.lineCount, epoch });
    const items = runSafe('validation', [], () => shown.map((f) => diagnosticOf(context.document, f, epoch)));
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  registerFeatures(state);
  registerCommands(state);

  documents.listen(connection);
  connection.listen();
}
