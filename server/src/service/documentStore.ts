/**
 * The one state per open document: its text and version as last checked, its findings,
 * and for a charge file the model and findings per claim the next check starts from.
 * The language service owns the store; nothing else keeps a model or findings per
 * document. An entry is replaced whole by the next check, never changed: findings a
 * caller still holds keep their offsets, whatever is typed after.
 */
import type { ChargeState } from './checker';
import type { DocumentKind } from './types';
import type { FindingsView } from './findingsView';

export interface DocumentEntry {
  readonly text: string;
  /** The editor's version of `text`, when the caller gave one. */
  readonly version: number | undefined;
  readonly kind: DocumentKind;
  /**
   * How many checks of the document parsed it whole (or were of a note): between two equal
   * epochs only one-row edits happened, so every line kept its number and a finding moved
   * with its rows is at the same line and column (the server answers "unchanged" then).
   */
  readonly epoch: number;
  /** Its findings (read as needed: see findingsView.ts). */
  readonly view: FindingsView;
  /** Charge files: the model of `text` and the findings per claim (consumed by the next check). */
  readonly charges?: ChargeState;
}

export class DocumentStore {
  private readonly entries = new Map<string, DocumentEntry>();

  get(key: string): DocumentEntry | undefined {
    return this.entries.get(key);
  }

  /** The entry for exactly this text and kind, if the last check was of it. */
  current(key: string, text: string, kind?: DocumentKind): DocumentEntry | undefined {
    const entry = this.entries.get(key);
    return entry && entry.text === text && (kind === undefined || entry.kind === kind) ? entry : undefined;
  }

  set(key: string, entry: DocumentEntry): void {
    this.entries.set(key, entry);
  }

  /**
   * Takes the entry out for a check that will replace it: a charge state handed to the
   * checker is consumed, so no one may read it after (a failed check leaves no entry).
   */
  take(key: string): DocumentEntry | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
