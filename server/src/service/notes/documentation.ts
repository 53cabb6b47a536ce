/**
 * What a note documents for each cited code that has a knowledge record. Each
 * documentation element of the record is looked for by its label and synonyms
 * (data, not code): case-insensitive, whole words, hyphens and slashes read as
 * spaces, a plural `s`/`es` allowed on each word, and `#` in a synonym standing for
 * a number (`# lesions` matches "3 lesions" and "two lesions"). A match whose value
 * is a template blank (`Number of lesions: ***`) is present but unfilled.
 */
import type { DocumentationElement, KnowledgeRecord } from '../../codeset/types';
import type { CodeCitation, NoteDocument, TemplateBlank } from '../documents/note';
import type { CodeSet } from '../../codeset/types';

export type ElementState = 'documented' | 'unfilled' | 'missing';

export interface ElementFacts {
  element: DocumentationElement;
  state: ElementState;
  /** The words that matched (for documented and unfilled elements). */
  matched?: { text: string; start: number; end: number };
  /** The blank that stands for the element's value (unfilled elements). */
  blank?: TemplateBlank;
}

export interface DocumentationFacts {
  code: string;
  /** The code's first citation: where its findings go. */
  citation: CodeCitation;
  record: KnowledgeRecord;
  elements: ElementFacts[];
}

const NUMBER = '(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|single|multiple|several)';
/** After a label: `:`, bold markers, then a blank as the value. */
const BLANK_VALUE = /^\s*(?:\*\*|__)?\s*[:=]?\s*(?:\*\*|__)?\s*(?:\*{3,}|_{3,}|\{\{[^{}\n]*\}\})/;
/** A line starting with a label: `Freeze-thaw cycles:`, `- **Number of lesions:**`; group 1 ends where the value starts. */
const LINE_LABEL = /^(\s*(?:[-*+]\s+)?(?:\*\*|__)?[A-Za-z][^:\n]{0,60}?(?::\s*(?:\*\*(?!\*)|__(?!_))?|(?:\*\*|__)\s*:))/;
/** Hyphens, dashes, slashes and underscores read as spaces (same length, so offsets hold). */
const SEPARATORS = /[-‐‑–—_/]/g;

const patterns = new WeakMap<DocumentationElement, RegExp>();
const readable = new WeakMap<NoteDocument, string>();

/** The visible text with hyphens, dashes, slashes and underscores as spaces: what element patterns run on. */
export function searchableText(note: NoteDocument): string {
  let text = readable.get(note);
  if (text === undefined) readable.set(note, (text = note.visible.replace(SEPARATORS, ' ')));
  return text;
}

function phrasePattern(phrase: string): string {
  const words = phrase.replace(SEPARATORS, ' ').trim().split(/\s+/).filter(Boolean);
  return words
    .map((w) => (w === '#' ? NUMBER : w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + (/[a-z]$/i.test(w) ? '(?:s|es)?' : '')))
    .join('\\s+');
}

/** One regular expression per element: its label or any synonym, as whole words. */
export function elementPattern(element: DocumentationElement): RegExp {
  let re = patterns.get(element);
  if (!re) {
    const phrases = [element.label, ...element.synonyms].filter((p) => p.trim() !== '').map(phrasePattern);
    re = new RegExp(`(?<![A-Za-z0-9])(?:${phrases.join('|')})(?![A-Za-z0-9])`, 'gi');
    patterns.set(element, re);
  }
  return re;
}

/**
 * The label as a prompt: without the parenthetical and the ", if ..." / ", or ..."
 * qualifier (`Complications, or their absence` → `Complications`).
 */
export function promptLabel(label: string): string {
  const short = label.replace(/\s*\([^)]*\)/g, '').replace(/\s*,.*$/, '').trim();
  return short === '' ? label.trim() : short;
}

function blankContaining(blanks: readonly TemplateBlank[], offset: number): TemplateBlank | undefined {
  let lo = 0;
  let hi = blanks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blanks[mid].end <= offset) lo = mid + 1;
    else if (blanks[mid].start > offset) hi = mid - 1;
    else return blanks[mid];
  }
  return undefined;
}

function elementFacts(note: NoteDocument, searchable: string, element: DocumentationElement): ElementFacts {
  const re = elementPattern(element);
  re.lastIndex = 0;
  let unfilled: ElementFacts | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(searchable)) !== null) {
    const matched = { text: note.text.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length };
    const inside = blankContaining(note.blanks, m.index);
    const line = note.lineAt(m.index);
    // The value of the label the words are in: right after them (`Pathology: ***`), or
    // after the colon when they are part of a longer label (`Freeze-thaw cycles: ***`).
    let valueStart = matched.end;
    const label = LINE_LABEL.exec(line.text);
    if (label && matched.end <= line.start + label[1].length) valueStart = line.start + label[1].length;
    const value = BLANK_VALUE.exec(note.visible.slice(valueStart, line.end));
    const blank = inside ?? (value ? blankContaining(note.blanks, valueStart + value[0].length - 1) : undefined);
    if (!blank) return { element, state: 'documented', matched };
    unfilled ??= { element, state: 'unfilled', matched, blank };
  }
  return unfilled ?? { element, state: 'missing' };
}

/** The documentation facts of every distinct cited code with a knowledge record, in citation order. */
export function documentationFacts(note: NoteDocument, codeSet: CodeSet): DocumentationFacts[] {
  const facts: DocumentationFacts[] = [];
  const seen = new Set<string>();
  for (const citation of note.citations) {
    if (seen.has(citation.value)) continue;
    seen.add(citation.value);
    const record = codeSet.knowledge(citation.value);
    if (!record || record.documentation.length === 0) continue;
    const text = searchableText(note);
    facts.push({ code: citation.value, citation, record, elements: record.documentation.map((e) => elementFacts(note, text, e)) });
  }
  return facts;
}
