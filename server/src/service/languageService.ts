/**
 * The pure language service: text and a CodeSet in, findings and hovers out. No LSP,
 * no file system, no process: the server and the CLI both call this, so the editor
 * and CI never disagree.
 */
import { AcceptFix, acceptFinding } from './features/acceptFinding';
import type { CodeSet } from '../codeset/types';
import { createChargeChecker } from './checker';
import { ChargeFile, parseChargeFile } from './documents/chargeFile';
import { ClaimSummary, claimOffsets, claimSummaryAt, doCodeLens } from './features/codeLens';
import { CompletionList, doComplete, resolveCompletion } from './features/completion';
import { HoverResult, doHover } from './features/hover';
import { describeFindings, findingsAt } from './features/hoverFindings';
import { InlayHintEntry, doInlayHints } from './features/inlayHints';
import { checkNote, isTemplateFileName } from './notes/checkNote';
import { RULE_IDS } from './registry';
import { ALL_RULES } from './rules';
import type { Rule } from './rules/rule';
import type { CheckSettings } from './settings';
import type { DocumentKind, Finding } from './types';

export interface LanguageServiceOptions {
  codeSet: CodeSet;
  /** Rules to run; all by default. */
  rules?: readonly Rule[];
  /** Severities, modifier order and column mapping (from `.cptlens.json` or editor settings). */
  settings?: CheckSettings;
  /** Treat every note as a template (blanks expected); template file names are always templates. */
  noteTemplateMode?: boolean;
}

export interface LanguageService {
  /**
   * Findings for a whole document, sorted by position. With a `documentKey` (the URI),
   * claims unchanged since the last call for that key reuse their findings, so a
   * one-cell edit re-runs the rules of one claim only. Findings returned for a key may be
   * moved by the next call for that key: convert or copy them before calling again.
   */
  validate(text: string, kind: DocumentKind, documentKey?: string): Finding[];
  /** Forgets what `validate` kept for a document (call on close). */
  forget(documentKey: string): void;
  /** With the document's key and kind, a charge file's hover reuses the kept model instead of parsing. */
  hover(text: string, offset: number, documentKey?: string, kind?: DocumentKind): HoverResult | undefined;
  /** Codes, modifiers, diagnoses or places of service for the cursor; at most 50, flagged incomplete. */
  complete(text: string, offset: number, kind: DocumentKind, documentKey?: string): CompletionList;
  /** Markdown documentation of a completion item (resolved lazily). */
  resolveCompletion(data: Parameters<typeof resolveCompletion>[0]): string | undefined;
  /** Descriptor hints after the code cells of the lines between two offsets (charge files). */
  inlayHints(text: string, start: number, end: number, documentKey?: string, maxLength?: number): InlayHintEntry[];
  /** One summary per claim (charge files); `findings` are the document's current findings. */
  codeLens(text: string, findings: readonly Finding[], documentKey?: string): ClaimSummary[];
  /** Offsets of each claim's first line: where the lenses go, resolved later with `codeLensAt`; with `findings`, only claims that have some. */
  claimOffsets(text: string, documentKey?: string, findings?: readonly Finding[]): number[];
  /** The summary of the claim of the line at `offset`. */
  codeLensAt(text: string, offset: number, findings: readonly Finding[], documentKey?: string): ClaimSummary | undefined;
  /**
   * The parsed charge file, reused while the text is unchanged: the last model per
   * `documentKey` is kept (validation leaves its parse there), so hints, lenses and
   * completion do not parse a 100k-line file again per request.
   */
  chargeModel(text: string, documentKey?: string): ChargeFile;
  /** "Accept with reason" for a charge finding of `ruleId` at `offset` (undefined: not acceptable). */
  acceptFix(text: string, offset: number, ruleId: string, documentKey?: string): AcceptFix | undefined;
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
function snapOffset(text: string, offset: number): number {
  const at = Math.max(0, Math.min(text.length, Math.floor(offset) || 0));
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff ? at + 1 : at;
}

/** Sorted start offsets of findings, computed once per findings array (lens resolves ask many times). */
const startsCache = new WeakMap<readonly Finding[], number[]>();
function startsOf(findings: readonly Finding[]): number[] {
  let starts = startsCache.get(findings);
  if (!starts) startsCache.set(findings, (starts = findings.map((f) => f.start).sort((a, b) => a - b)));
  return starts;
}

export function getLanguageService(options: LanguageServiceOptions): LanguageService {
  const checker = createChargeChecker(options.codeSet, options.rules ?? ALL_RULES, options.settings ?? {});
  const ruleIds = RULE_IDS;
  const models = new Map<string, ChargeFile>();
  /** The findings of the last check per document, so asking again for the same text costs nothing. */
  const checked = new Map<string, { text: string; findings: Finding[] }>();
  const check = (text: string, documentKey: string): Finding[] => {
    const last = checked.get(documentKey);
    if (last && last.text === text) return last.findings;
    const findings = checker.check(text, documentKey);
    checked.set(documentKey, { text, findings });
    const parsed = checker.model(documentKey);
    if (parsed && parsed.text === text) models.set(documentKey, parsed);
    return findings;
  };
  const chargeModel = (text: string, documentKey?: string): ChargeFile => {
    const cached = documentKey === undefined ? undefined : models.get(documentKey);
    if (cached && cached.text === text) return cached;
    // A document the checker already holds: let it update the edited rows (a one-cell
    // edit re-parses one row), instead of parsing the whole file again.
    if (documentKey !== undefined && checker.model(documentKey)) {
      check(text, documentKey);
      const updated = checker.model(documentKey);
      if (updated && updated.text === text) {
        models.set(documentKey, updated);
        return updated;
      }
    }
    const file = parseChargeFile(text, { columns: options.settings?.columns, ruleIds });
    if (documentKey !== undefined) models.set(documentKey, file);
    return file;
  };
  return {
    validate(text, kind, documentKey) {
      if (kind !== 'charges') {
        // Notes: see notes/checkNote.ts. Line rules about codes and modifiers run on each citation.
        const templateMode = kind === 'note-template' || options.noteTemplateMode === true;
        const findings = checkNote(text, options.codeSet, { templateMode, chargeRules: options.rules ?? ALL_RULES, settings: options.settings });
        // Kept so a hover on a finding can explain it without checking again.
        if (documentKey !== undefined) checked.set(documentKey, { text, findings });
        return findings;
      }
      return documentKey === undefined ? checker.check(text) : check(text, documentKey);
    },
    forget(documentKey) {
      checker.forget(documentKey);
      models.delete(documentKey);
      checked.delete(documentKey);
    },
    complete(text, requested, kind, documentKey) {
      const offset = snapOffset(text, requested);
      if (kind !== 'charges') return doComplete(text, offset, kind, options.codeSet);
      const cached = documentKey === undefined ? undefined : models.get(documentKey);
      if (cached && cached.text !== text) {
        // Typing in a big file: complete against the header and the cursor's line alone
        // (the claim's other lines do not change what a cell may hold), not a new model.
        const quick = completeOnLine(text, offset, cached, options.codeSet, options.settings?.columns);
        if (quick) return quick;
      }
      return doComplete(text, offset, kind, options.codeSet, chargeModel(text, documentKey));
    },
    resolveCompletion: (data) => resolveCompletion(data, options.codeSet),
    inlayHints(text, start, end, documentKey, maxLength) {
      return doInlayHints(chargeModel(text, documentKey), snapOffset(text, start), snapOffset(text, end), options.codeSet, maxLength);
    },
    codeLens(text, findings, documentKey) {
      return doCodeLens(chargeModel(text, documentKey), startsOf(findings), options.codeSet, options.settings?.locality);
    },
    claimOffsets: (text, documentKey, findings) => claimOffsets(chargeModel(text, documentKey), findings ? startsOf(findings) : undefined),
    codeLensAt(text, offset, findings, documentKey) {
      return claimSummaryAt(chargeModel(text, documentKey), snapOffset(text, offset), startsOf(findings), options.codeSet, options.settings?.locality);
    },
    chargeModel,
    acceptFix: (text, offset, ruleId, documentKey) => acceptFinding(chargeModel(text, documentKey), snapOffset(text, offset), ruleId),
    hover(text, requested, documentKey, kind) {
      const offset = snapOffset(text, requested);
      const result = doHover(text, offset, options.codeSet, kind === 'charges' ? chargeModel(text, documentKey) : undefined, options.settings?.locality);
      // The findings of the last check of this very text, when the document has been checked.
      const last = documentKey === undefined ? undefined : checked.get(documentKey);
      const here = last && last.text === text ? findingsAt(last.findings, offset) : [];
      if (here.length === 0) return result;
      const why = describeFindings(here);
      // The code's facts stay first (editors show the diagnostic's own message on top of
      // a hover already); what a finding rests on follows them.
      if (result) return { ...result, contents: `${result.contents}\n\n---\n\n${why}` };
      return { contents: why, start: here[0].start, end: here[0].end };
    },
  };
}
