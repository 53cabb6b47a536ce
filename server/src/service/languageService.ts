/**
 * The pure language service: text and a CodeSet in, findings and hovers out. No LSP,
 * no file system, no process: the server and the CLI both call this, so the editor
 * and CI never disagree.
 */
import { AcceptFix, acceptFinding } from './features/acceptFinding';
import { ColumnMapView, columnMapView } from './features/columnMap';
import type { CodeSet } from '../codeset/types';
import { createChargeChecker, runToEnd } from './checker';
import type { TextChange } from './documents/rowEdit';
import { DocumentStore } from './documentStore';
import { ChargeFile, parseChargeFile } from './documents/chargeFile';
import { ClaimSummary, claimOffsets, claimOffsetsOf, claimSummaryAt, doCodeLens } from './features/codeLens';
import { CompletionList, doComplete, resolveCompletion } from './features/completion';
import { HoverResult, doHover } from './features/hover';
import { describeFindings, findingsAt } from './features/hoverFindings';
import { InlayHintEntry, doInlayHints } from './features/inlayHints';
import { typedCell } from './features/typedCell';
import { claimFirstLinesAt, rowTextAt } from './features/chargeCell';
import { checkNote, isTemplateFileName } from './notes/checkNote';
import { RULE_IDS } from './registry';
import { ALL_RULES } from './rules';
import type { Rule } from './rules/rule';
import type { CheckSettings } from './settings';
import type { DocumentKind, Finding } from './types';
import { ChargeView, FindingsView, ListView } from './findingsView';

export interface LanguageServiceOptions {
  codeSet: CodeSet;
  /** Rules to run; all by default. */
  rules?: readonly Rule[];
  /** Severities, modifier order and column mapping (from `.cptlens.json` or editor settings). */
  settings?: CheckSettings;
  /** Treat every note as a template (blanks expected); template file names are always templates. */
  noteTemplateMode?: boolean;
}

/** What the editor knows about the check it asks for: the text's version and the edit that made it. */
export interface DocumentEdit {
  /** The editor's version of the text. */
  version?: number;
  /** The edit from version `fromVersion` to this text, as offsets into the `fromVersion` text (a row edit then re-parses one row). */
  change?: TextChange & {
    fromVersion: number;
    /**
     * The change is known to turn the `fromVersion` text into this one (an editor's document
     * applied it): the check then does not read the new text to confirm it, which on a text
     * an editor joined from pieces would copy it whole.
     */
    exact?: boolean;
  };
}

export interface LanguageService {
  /**
   * Findings for a whole document, sorted by position. With a `documentKey` (the URI)
   * the result is the document's state in the service's store: asking again for the
   * same text costs nothing, and the next check starts from it (a one-cell edit re-runs
   * the rules of one claim). Returned findings are never changed afterwards.
   */
  validate(text: string, kind: DocumentKind, documentKey?: string, edit?: DocumentEdit): readonly Finding[];
  /**
   * The same check as `validate`, as a view that makes findings only as they are read: an
   * editor shows at most a thousand of a big file's findings at each keystroke, and the
   * rest stay where their claims' rules put them (findingsView.ts).
   */
  check(text: string, kind: DocumentKind, documentKey?: string, edit?: DocumentEdit): FindingsView;
  /**
   * `check` in steps (a charge file with a `documentKey`; anything else in one): the server
   * runs a big file's first check a slice at a time between its answers. While it runs, a
   * hover or completion of that text reads the model it has parsed.
   */
  checkInSteps(text: string, kind: DocumentKind, documentKey?: string, edit?: DocumentEdit): Generator<void, FindingsView>;
  /**
   * A big charge file's first findings before its whole check: the line rules' findings of
   * its first `rows` data rows, exact for those rows (claim and file rules follow with the
   * check). Undefined for a note, a file no longer than that, or one whose rows cannot be cut
   * cleanly. Nothing is kept. With `enough` (the most findings the caller shows), fewer rows
   * when the first few hundred already hold that many findings other than hints.
   */
  preview(text: string, kind: DocumentKind, rows: number, enough?: number): FindingsView | undefined;
  /** How many checks of the document parsed it whole (see documentStore.ts): equal epochs mean every line kept its number. */
  checkEpoch(documentKey: string): number | undefined;
  /** The version of the text last checked for a document, if the caller gave one. */
  checkedVersion(documentKey: string): number | undefined;
  /** Forgets what `validate` kept for a document (call on close). */
  forget(documentKey: string): void;
  /** A charge file's hover reads the model of the document's last check when it is of this text (else parses it). */
  hover(text: string, offset: number, documentKey?: string, kind?: DocumentKind): HoverResult | undefined;
  /** Codes, modifiers, diagnoses or places of service for the cursor; at most 50, flagged incomplete. */
  complete(text: string, offset: number, kind: DocumentKind, documentKey?: string): CompletionList;
  /** Markdown documentation of a completion item (resolved lazily). */
  resolveCompletion(data: Parameters<typeof resolveCompletion>[0]): string | undefined;
  /** Descriptor hints after the code cells of the lines between two offsets (charge files). */
  inlayHints(text: string, start: number, end: number, documentKey?: string, maxLength?: number): InlayHintEntry[];
  /** One summary per claim (charge files); `findings` are the document's current findings (a list or its check's view). */
  codeLens(text: string, findings: readonly Finding[] | FindingsView, documentKey?: string): ClaimSummary[];
  /** Offsets of each claim's first line: where the lenses go, resolved later with `codeLensAt`; with `findings`, only claims that have some. */
  claimOffsets(text: string, documentKey?: string, findings?: readonly Finding[] | FindingsView): number[];
  /** The summary of the claim of the line at `offset`. */
  codeLensAt(text: string, offset: number, findings: readonly Finding[] | FindingsView, documentKey?: string): ClaimSummary | undefined;
  /** "Accept with reason" for a charge finding of `ruleId` at `offset` (undefined: not acceptable). */
  acceptFix(text: string, offset: number, ruleId: string, documentKey?: string): AcceptFix | undefined;
  /** How a charge file's columns were read, for the Map columns… command. */
  columnReading(text: string, documentKey?: string): ColumnMapView;
  /**
   * The cell (offsets in `text`) a one-keystroke `change` typed into, when completion works
   * on that cell: its findings wait until the typing settles (features/typedCell.ts).
   */
  typedCell(text: string, change: TextChange, documentKey?: string): { start: number; end: number } | undefined;
}

/** Which kind of document a file name is: delimited tables are charge files, the rest notes (`*.template.md`: templates). */
export function documentKindOf(fileName: string, languageId?: string): DocumentKind {
  if (languageId === 'csv' || languageId === 'tsv') return 'charges';
  if (/\.(csv|tsv|tab)$/i.test(fileName)) return 'charges';
  return isTemplateFileName(fileName) ? 'note-template' : 'note';
}

/**
 * Completion on a two-line document: the header row of `model` (unchanged when the
 * current text still starts with it) and the cursor's line; offsets mapped back.
 * Undefined when the header changed or the line is inside a quoted multi-line cell.
 */
function completeOnLine(text: string, offset: number, model: ChargeFile, codeSet: CodeSet, columns: CheckSettings['columns']): CompletionList | undefined {
  const header = model.table.rows[0];
  if (!header) return undefined;
  const headerText = model.text.slice(0, header.end);
  if (!text.startsWith(headerText) || (text[header.end] !== '\n' && text[header.end] !== '\r')) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (lineStart <= header.end) return undefined;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  if (line.includes('"')) return undefined;
  const mini = `${headerText}\n${line}\n`;
  const shift = lineStart - (headerText.length + 1);
  const file = parseChargeFile(mini, { columns });
  const list = doComplete(mini, offset - shift, 'charges', codeSet, file);
  for (const item of list.items) item.edit = { ...item.edit, start: item.edit.start + shift, end: item.edit.end + shift };
  return list;
}

/**
 * An offset a request may use: inside the text, and never between the halves of a
 * surrogate pair (a client counting columns its own way can send one; an edit there
 * would split an emoji), moved to the end of the pair.
 */
function snapOffset(text: string, offset: number, file?: ChargeFile): number {
  const at = Math.max(0, Math.min(text.length, Math.floor(offset) || 0));
  // A charge file's characters are read from the row's own text (see rowTextAt): reading
  // `text` would copy all of an editor's text joined from pieces. Outside a row they are
  // line breaks or the text's ends, never half a pair.
  const local = file ? rowTextAt(file, at) : undefined;
  const before = local ? local.text.charCodeAt(at - 1 - local.start) : text.charCodeAt(at - 1);
  const after = local ? local.text.charCodeAt(at - local.start) : text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff ? at + 1 : at;
}

/** Sorted start offsets of findings, computed once per findings array or view (lens resolves ask many times). */
const startsCache = new WeakMap<readonly Finding[], readonly number[]>();
function startsOf(findings: readonly Finding[] | FindingsView): readonly number[] {
  if (!Array.isArray(findings)) return (findings as FindingsView).starts();
  const list = findings as readonly Finding[];
  let starts = startsCache.get(list);
  if (!starts) startsCache.set(list, (starts = list.map((f) => f.start).sort((a, b) => a - b)));
  return starts;
}

export function getLanguageService(options: LanguageServiceOptions): LanguageService {
  const checker = createChargeChecker(options.codeSet, options.rules ?? ALL_RULES, options.settings ?? {});
  const ruleIds = RULE_IDS;
  const store = new DocumentStore();

  const check = (text: string, kind: DocumentKind, documentKey?: string, edit?: DocumentEdit): FindingsView => {
    if (kind !== 'charges') {
      const known = documentKey === undefined ? undefined : store.current(documentKey, text, kind);
      if (known) return known.view;
      // Notes: see notes/checkNote.ts. Line rules about codes and modifiers run on each citation.
      const templateMode = kind === 'note-template' || options.noteTemplateMode === true;
      const view = new ListView(checkNote(text, options.codeSet, { templateMode, chargeRules: options.rules ?? ALL_RULES, settings: options.settings }));
      // Kept so a hover on a finding can explain it without checking again.
      if (documentKey !== undefined) store.set(documentKey, { text, version: edit?.version, kind, view, epoch: (store.get(documentKey)?.epoch ?? 0) + 1 });
      return view;
    }
    if (documentKey === undefined) return new ListView(checker.check(text));
    // The same steps a server runs apart (checkInSteps), all at once.
    return runToEnd(checkInSteps(text, kind, documentKey, edit));
  };

  /** A stepped check under way per document: its text and, once parsed, its model (hovers read it meanwhile). */
  const stepping = new Map<string, { text: string; file?: ChargeFile }>();

  /**
   * `check` in steps, for a caller that answers other requests between them: yields after the
   * parse and after every few hundred claims, returns the view `check` would return, and
   * keeps it in the store as `check` does. Stopped early (`return()`), it keeps nothing: the
   * next check parses the whole text.
   */
  function* checkInSteps(text: string, kind: DocumentKind, documentKey?: string, edit?: DocumentEdit): Generator<void, FindingsView> {
    if (kind !== 'charges' || documentKey === undefined) return check(text, kind, documentKey, edit);
    const known = store.current(documentKey, text, kind);
    if (known) return known.view;
    const previous = store.take(documentKey);
    const state = previous?.kind === 'charges' ? previous.charges : undefined;
    const change = edit?.change && previous?.version === edit.change.fromVersion ? edit.change : undefined;
    const mine: { text: string; file?: ChargeFile } = { text };
    stepping.set(documentKey, mine);
    try {
      const steps = checker.updateInSteps(text, state, change);
      for (;;) {
        const next = steps.next();
        if (next.done) {
          const result = next.value;
          const epoch = (previous?.epoch ?? 0) + (checker.lastStats().mode === 'row' ? 0 : 1);
          store.set(documentKey, { text, version: edit?.version, kind, view: result.view, charges: result.state, epoch });
          return result.view;
        }
        if (next.value) mine.file = next.value;
        yield;
      }
    } finally {
      if (stepping.get(documentKey) === mine) stepping.delete(documentKey);
    }
  }

  /**
   * The model of this very text: the document's last check's when it is of this text, or the
   * one a stepped check of it has parsed, else a parse (kept nowhere).
   */
  const chargeModel = (text: string, documentKey?: string): ChargeFile => {
    if (documentKey !== undefined) {
      const file = store.current(documentKey, text, 'charges')?.charges?.file;
      if (file) return file;
      const running = stepping.get(documentKey);
      if (running?.file && running.text === text) return running.file;
    }
    return parseChargeFile(text, { columns: options.settings?.columns, ruleIds });
  };


  return {
    check,
    checkInSteps,
    validate: (text, kind, documentKey, edit) => check(text, kind, documentKey, edit).all(),
    preview(text, kind, rows, enough) {
      if (kind !== 'charges') return undefined;
      const findings = checker.preview(text, rows, enough);
      return findings && new ListView(findings);
    },
    checkedVersion: (documentKey) => store.get(documentKey)?.version,
    checkEpoch: (documentKey) => store.get(documentKey)?.epoch,
    forget: (documentKey) => store.delete(documentKey),
    complete(text, requested, kind, documentKey) {
      if (kind !== 'charges') return doComplete(text, snapOffset(text, requested), kind, options.codeSet);
      const last = documentKey === undefined ? undefined : store.get(documentKey)?.charges?.file;
      const offset = snapOffset(text, requested, last?.text === text ? last : undefined);
      if (last && last.text !== text) {
        // Typing in a big file: complete against the header and the cursor's line alone
        // (the claim's other lines do not change what a cell may hold), not a new model.
        const quick = completeOnLine(text, offset, last, options.codeSet, options.settings?.columns);
        if (quick) return quick;
      }
      return doComplete(text, offset, kind, options.codeSet, chargeModel(text, documentKey));
    },
    resolveCompletion: (data) => resolveCompletion(data, options.codeSet),
    inlayHints(text, start, end, documentKey, maxLength) {
      const file = chargeModel(text, documentKey);
      return doInlayHints(file, snapOffset(text, start, file), snapOffset(text, end, file), options.codeSet, maxLength);
    },
    codeLens(text, findings, documentKey) {
      return doCodeLens(chargeModel(text, documentKey), startsOf(findings), options.codeSet, options.settings?.locality);
    },
    claimOffsets(text, documentKey, findings) {
      const file = chargeModel(text, documentKey);
      // The document's own check (its view knows its claims with findings), else from the findings' starts.
      const view = findings instanceof ChargeView ? findings : undefined;
      const last = view && documentKey !== undefined ? store.current(documentKey, text, 'charges') : undefined;
      if (view && last && last.view === view && last.charges?.file === file) return claimOffsetsOf(file, view.claimsWithFindings());
      return claimOffsets(file, findings ? startsOf(findings) : undefined);
    },
    codeLensAt(text, offset, findings, documentKey) {
      const file = chargeModel(text, documentKey);
      // A view counts the findings starting on a row from its claims (see FindingStarts).
      const counts = Array.isArray(findings) ? startsOf(findings) : (rows: readonly (readonly [number, number])[]): number => (findings as FindingsView).startingOnRows(rows).length;
      return claimSummaryAt(file, snapOffset(text, offset, file), counts, options.codeSet, options.settings?.locality);
    },
    columnReading: (text, documentKey) => columnMapView(chargeModel(text, documentKey)),
    typedCell: (text, change, documentKey) => typedCell(chargeModel(text, documentKey), change),
    acceptFix(text, offset, ruleId, documentKey) {
      const file = chargeModel(text, documentKey);
      return acceptFinding(file, snapOffset(text, offset, file), ruleId);
    },
    hover(text, requested, documentKey, kind) {
      const file = kind === 'charges' ? chargeModel(text, documentKey) : undefined;
      const offset = snapOffset(text, requested, file);
      const result = doHover(text, offset, options.codeSet, file, options.settings?.locality);
      // The findings of the document's last check, when it is of this very text.
      const last = documentKey === undefined ? undefined : store.current(documentKey, text);
      // A charge file's view reads only the claims of the hovered line (see inRangeOfClaims).
      const view = last?.view;
      const near = view instanceof ChargeView && file ? view.inRangeOfClaims(offset, offset, claimFirstLinesAt(file, offset)) : view?.inRange(offset, offset);
      const here = near ? findingsAt(near, offset) : [];
      if (here.length === 0) return result;
      const why = describeFindings(here);
      // The code's facts stay first (editors show the diagnostic's own message on top of
      // a hover already); what a finding rests on follows them.
      if (result) return { ...result, contents: `${result.contents}\n\n---\n\n${why}` };
      return { contents: why, start: here[0].start, end: here[0].end };
    },
  };
}
