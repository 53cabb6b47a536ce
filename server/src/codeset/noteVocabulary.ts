/**
 * The note vocabulary: what the note matcher (service/notes/matcher.ts) knows of
 * clinical language, and the operative-report elements every surgical note is
 * checked for. Both are data (`data/note-language.json`, `data/operative-report.json`,
 * documented in docs/notes.md); this file validates their parsed JSON. Pure: a bad
 * entry is reported with its file and line and skipped.
 */
import type { DataProblem } from './compiled';
import type { DocumentationElement } from './types';
import { JsonValue, parseJsonWithLines } from './knowledge/jsonLines';

/** A group of phrases a note may use for the same thing ("cryoprobe", "cryoneedle", "cryo probe"). */
export interface Concept {
  id: string;
  /** Equivalent phrases; `#` stands for a number, `…` (or `...`) for a few words of the same sentence. */
  phrases: string[];
}

/** An operative-report element: a documentation element with what requires it. */
export interface OperativeReportElement extends DocumentationElement {
  /** The regulation, standard or policy the element rests on. */
  basis: string;
  /** Ids of knowledge-record elements that check the same thing: when a cited code's record has one, the record's check stands for this one. */
  sameAs: string[];
  /** Checked only when the note's surgical code has one of these global periods (`["010", "090"]`); every surgical note when absent. */
  globals?: string[];
  /** Labels or headings (`procedure`, `description`) whose text, when it runs to eight words or more, documents the element. */
  sections?: string[];
  /** With codes of these global periods, checked only when the note says one of the phrases (specimens with a 010 code: only when tissue was excised or removed). */
  onlyWhen?: { globals: string[]; phrases: string[] };
}

/** What a note must say for a modifier to stand (22: why the work was greater; 59/X{EPSU}: what was separate). */
export interface ModifierJustification {
  modifiers: string[];
  /** What is needed, as a message names it. */
  needs: string;
  /** Phrases that say it (matched like documentation synonyms). */
  phrases: string[];
}

export interface NoteVocabulary {
  /** Word spellings read as one (British → American): `[from, to]` substrings of a lower-case word. */
  spellings: [string, string][];
  concepts: Concept[];
  modifierJustification: ModifierJustification[];
  operativeReport: OperativeReportElement[];
}

export const EMPTY_NOTE_VOCABULARY: NoteVocabulary = { spellings: [], concepts: [], modifierJustification: [], operativeReport: [] };

type JsonObject = { [key: string]: JsonValue };
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: JsonValue | undefined): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '');
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function parse(text: string, file: string, problems: DataProblem[]): { value?: JsonObject; lineOf: (path: string) => number } {
  const parsed = parseJsonWithLines(text);
  if (parsed.error) {
    problems.push({ file, line: parsed.error.line, message: `${parsed.error.message}; file skipped.` });
    return { lineOf: () => 1 };
  }
  if (!isObject(parsed.value)) {
    problems.push({ file, line: 1, message: 'expected a JSON object; file skipped.' });
    return { lineOf: () => 1 };
  }
  return { value: parsed.value, lineOf: parsed.lineOf };
}

/** `data/note-language.json`: `{ "spellings": [[from, to], ...], "concepts": [{ "id", "phrases" }] }`. */
export function parseNoteLanguage(text: string, file: string, problems: DataProblem[]): Omit<NoteVocabulary, 'operativeReport'> {
  const { value, lineOf } = parse(text, file, problems);
  const out: Omit<NoteVocabulary, 'operativeReport'> = { spellings: [], concepts: [], modifierJustification: [] };
  if (!value) return out;
  const spellings = value.spellings ?? [];
  if (!Array.isArray(spellings)) problems.push({ file, line: lineOf('spellings'), message: '"spellings" must be a list of [from, to] pairs; ignored.' });
  else spellings.forEach((pair, k) => {
    if (Array.isArray(pair) && pair.length === 2 && isStringList(pair) && /^[a-z]+$/.test(pair[0]) && /^[a-z]*$/.test(pair[1])) out.spellings.push([pair[0], pair[1]]);
    else problems.push({ file, line: lineOf(`spellings.${k}`), message: 'a spelling is a pair of lower-case letter strings [from, to]; skipped.' });
  });
  const concepts = value.concepts ?? [];
  if (!Array.isArray(concepts)) problems.push({ file, line: lineOf('concepts'), message: '"concepts" must be a list; ignored.' });
  else concepts.forEach((c, k) => {
    if (isObject(c) && typeof c.id === 'string' && ID.test(c.id) && isStringList(c.phrases) && c.phrases.length >= 2) {
      if (out.concepts.some((o) => o.id === c.id)) problems.push({ file, line: lineOf(`concepts.${k}.id`), message: `concept "${c.id}" is defined twice; the second is skipped.` });
      else out.concepts.push({ id: c.id, phrases: c.phrases });
    } else problems.push({ file, line: lineOf(`concepts.${k}`), message: 'a concept needs "id" (kebab-case) and "phrases" (two or more non-empty strings); skipped.' });
  });
  const justifications = value.modifierJustification ?? [];
  if (!Array.isArray(justifications)) problems.push({ file, line: lineOf('modifierJustification'), message: '"modifierJustification" must be a list; ignored.' });
  else justifications.forEach((j, k) => {
    if (isObject(j) && isStringList(j.modifiers) && j.modifiers.every((m) => /^[A-Z0-9]{2}$/.test(m)) && typeof j.needs === 'string' && j.needs.trim() !== '' && isStringList(j.phrases) && j.phrases.length > 0) {
      out.modifierJustification.push({ modifiers: j.modifiers, needs: j.needs, phrases: j.phrases });
    } else problems.push({ file, line: lineOf(`modifierJustification.${k}`), message: 'a modifier justification needs "modifiers" (two-character codes), "needs" (text) and "phrases" (non-empty strings); skipped.' });
  });
  return out;
}

/** `data/operative-report.json`: `{ "elements": [{ "id", "label", "synonyms", "conditional", "basis", "sameAs" }] }`. */
export function parseOperativeReport(text: string, file: string, problems: DataProblem[]): OperativeReportElement[] {
  const { value, lineOf } = parse(text, file, problems);
  if (!value) return [];
  const elements = value.elements;
  if (!Array.isArray(elements)) {
    problems.push({ file, line: lineOf('elements'), message: '"elements" must be a list; file skipped.' });
    return [];
  }
  return parseOperativeElements(elements, (k) => ({ file, line: lineOf(`elements.${k}`) }), problems);
}

/** Operative-report elements from JSON values (the data file's, or an organisation's settings). */
export function parseOperativeElements(items: readonly unknown[], where: (index: number) => { file: string; line: number }, problems: DataProblem[]): OperativeReportElement[] {
  const out: OperativeReportElement[] = [];
  items.forEach((raw, k) => {
    const e = raw as JsonValue;
    const ok = isObject(e) && typeof e.id === 'string' && ID.test(e.id) && typeof e.label === 'string' && e.label.trim() !== ''
      && isStringList(e.synonyms) && typeof (e.conditional ?? false) === 'boolean' && typeof (e.basis ?? '') === 'string' && (e.sameAs === undefined || isStringList(e.sameAs))
      && (e.globals === undefined || (isStringList(e.globals) && e.globals.every((g) => /^\d{3}$/.test(g)))) && (e.sections === undefined || isStringList(e.sections))
      && (e.onlyWhen === undefined || (isObject(e.onlyWhen) && isStringList(e.onlyWhen.globals) && isStringList(e.onlyWhen.phrases)));
    if (!ok || !isObject(e)) {
      problems.push({ ...where(k), message: 'an operative-report element needs "id" (kebab-case), "label", "synonyms" (list of strings), and optionally "conditional" (true/false), "basis" (text), "sameAs" (list of ids), "globals" (list of global periods such as "090"), "sections" (list of labels), "onlyWhen" ({ "globals", "phrases" }); skipped.' });
      return;
    }
    if (out.some((o) => o.id === e.id)) {
      problems.push({ ...where(k), message: `operative-report element "${String(e.id)}" is listed twice; the second is skipped.` });
      return;
    }
    out.push({
      id: e.id as string,
      label: e.label as string,
      synonyms: e.synonyms as string[],
      conditional: e.conditional === true,
      basis: typeof e.basis === 'string' ? e.basis : '',
      sameAs: (e.sameAs as string[] | undefined) ?? [],
      ...(e.globals !== undefined ? { globals: e.globals as string[] } : {}),
      ...(e.sections !== undefined ? { sections: e.sections as string[] } : {}),
      ...(isObject(e.onlyWhen) ? { onlyWhen: { globals: e.onlyWhen.globals as string[], phrases: e.onlyWhen.phrases as string[] } } : {}),
    });
  });
  return out;
}
