/**
 * The language server: a thin shell over the pure service. Each handler looks up
 * the document, calls the service, and runs inside `runSafe`, which turns an
 * exception into a logged error (never the document's text) and an empty answer.
 * Architecture invariant: this folder is the only one that imports vscode-languageserver.
 */
import {
  Connection,
  Hover,
  InitializeResult,
  MarkupKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DataLoadError, loadCodeSet } from '../codeset/load';
import { LanguageService, documentKindOf, getLanguageService } from '../service/languageService';
import { toDiagnostic } from './convert';

/** Delay between the last keystroke and re-checking, so typing stays smooth. */
const VALIDATE_DELAY_MS = 150;

export function startServer(version: string, connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const pending = new Map<string, NodeJS.Timeout>();
  let service: LanguageService | undefined;

  function runSafe<T>(what: string, fallback: T, work: () => T): T {
    try {
      return work();
    } catch (error) {
      // Log the error's message and stack only: never document text (patient data).
      connection.console.error(`${what} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  }

  function validate(document: TextDocument): void {
    if (!service) return;
    const ls = service;
    const diagnostics = runSafe('validation', [], () =>
      ls.validate(document.getText(), documentKindOf(document.uri, document.languageId)).map((f) => toDiagnostic(document, f)),
    );
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  function schedule(document: TextDocument, delay: number): void {
    clearTimeout(pending.get(document.uri));
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) validate(current);
      }, delay),
    );
  }

  connection.onInitialize((): InitializeResult => {
    const started = Date.now();
    try {
      const loaded = loadCodeSet();
      service = getLanguageService({ codeSet: loaded.codeSet });
      for (const problem of loaded.problems) connection.console.warn(`${problem.file}:${problem.line}: ${problem.message}`);
      connection.console.info(
        `CPT Lens ${version}: ${loaded.codeSet.release.codeCount} codes (${loaded.codeSet.release.feeSchedule}) loaded in ${Date.now() - started} ms.`,
      );
    } catch (error) {
      const message = error instanceof DataLoadError ? error.message : `loading data failed: ${(error as Error).stack}`;
      connection.console.error(message);
      void connection.window.showErrorMessage(`CPT Lens: ${message}`);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
      },
      serverInfo: { name: 'cpt-lens', version },
    };
  });

  // TextDocuments fires onDidChangeContent for an open too: check a new document at
  // once, and wait for a pause in typing only after edits.
  const checked = new Set<string>();
  documents.onDidChangeContent((event) => {
    const first = !checked.has(event.document.uri);
    checked.add(event.document.uri);
    schedule(event.document, first ? 0 : VALIDATE_DELAY_MS);
  });
  documents.onDidClose((event) => {
    checked.delete(event.document.uri);
    clearTimeout(pending.get(event.document.uri));
    pending.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onHover((params): Hover | null =>
    runSafe('hover', null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document || !service) return null;
      const result = service.hover(document.getText(), document.offsetAt(params.position));
      if (!result) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: result.contents },
        range: { start: document.positionAt(result.start), end: document.positionAt(result.end) },
      };
    }),
  );

  documents.listen(connection);
  connection.listen();
}
