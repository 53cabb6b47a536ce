/**
 * What a note documents for each cited code that has a knowledge record. Each
 * documentation element of the record is looked for by its label and synonyms
 * (data, not code) through the matcher (`matcher.ts`: case, hyphens, spellings,
 * plurals, concepts, `#` for a number, `…` for a few words). A match whose value is a
 * template blank (`Number of lesions: ***`) is present but unfilled; a heading alone on
 * its line documents its element when the section under it says something.
 * `elementPattern`/`searchableText` are the literal form `count-units` reads counts with.
 */
import type { DocumentationElement, KnowledgeRecord } from '../../codeset/types';
import type { CodeCitation, NoteDocument, TemplateBlank } from '../documents/note';
import type { CodeSet } from '../../codeset/types';
import { EMPTY_NOTE_VOCABULARY, NoteVocabulary } from '../../codeset/noteVocabulary';
import { Pattern, NoteWord, expandPhrases, findMatches, noteWords, wordIndex } from './matcher';

export type ElementState = 'documented' | 'unfilled' | 'missing';

export interface ElementFacts {
  element: DocumentationElement;
  state: ElementState;
  /** The words that matched (for documented and unfilled elements). */
  matched?: { text: string; start: number; end: number };
  /** The blank that stands for the element's value (unfilled elements). */
  blank?: TemplateBlank;
  /** Where the note says the element was not recorded ("EBL: not recorded"): missing, and the finding quotes it. */
  notRecorded?: { text: string; start: number; end: number };
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
/**
 * A value saying the element was not recorded: "EBL: not recorded", "Blood loss was not
 * documented", "Specimens: unknown". A statement that there was none ("none", "no
 * specimens", "no complications") documents the element (issue 12); one that the
 * information is absent does not, and a coder would query it.
 */
const NOT_RECORDED = /^\s*(?:\*\*|__)?\s*[:=-]?\s*(?:\*\*|__)?\s*(?:(?:was|were|is|are)\s+)?(?:not\s+(?:recorded|documented|stated|available|given|reported)|unknown|unrecorded|undocumented)\b/i;
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
/** How a finding says what the note lacks: that it does not mention the element, or where it says it was not recorded. */
export function absenceText(facts: ElementFacts, lookedFor: string, note: NoteDocument): string {
  if (facts.notRecorded) {
    const said = facts.notRecorded.text.replace(/\s+/g, ' ').trim();
    return `The note says "${said.length > 40 ? said.slice(0, 39) + '…' : said}" (line ${note.lineAt(facts.notRecorded.start).index + 1}): not recorded is not documented`;
  }
  return `This note does not mention it (looked for ${lookedFor})`;
}

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

/** A note read as words for one vocabulary (cached: every element of every record reads the same words). */
interface ReadNote {
  words: NoteWord[];
  index: Map<string, number[]>;
}
const readNotes = new WeakMap<NoteDocument, { vocabulary: NoteVocabulary; read: ReadNote }>();
const elementPatterns = new WeakMap<NoteVocabulary, WeakMap<DocumentationElement, Pattern[]>>();

function readNote(note: NoteDocument, vocabulary: NoteVocabulary): ReadNote {
  const cached = readNotes.get(note);
  if (cached && cached.vocabulary === vocabulary) return cached.read;
  const words = noteWords(note.visible, vocabulary);
  const read = { words, index: wordIndex(words) };
  readNotes.set(note, { vocabulary, read });
  return read;
}

/** The element's label, its short form and synonyms, in every way the vocabulary says they are written. */
function patternsOf(element: DocumentationElement, vocabulary: NoteVocabulary): Pattern[] {
  let byElement = elementPatterns.get(vocabulary);
  if (!byElement) elementPatterns.set(vocabulary, (byElement = new WeakMap()));
  let patterns = byElement.get(element);
  if (!patterns) {
    const phrases = [element.label, promptLabel(element.label), ...element.synonyms].filter((p) => p.trim() !== '');
    byElement.set(element, (patterns = expandPhrases(phrases, vocabulary)));
  }
  return patterns;
}

/**
 * A match in a heading alone on its line (`Findings:` with the value on the lines
 * below): the section's body is the value. Empty: the heading documents nothing;
 * only blanks: unfilled; anything else: documented.
 */
function sectionValue(note: NoteDocument, lineIndex: number): 'none' | 'text' | TemplateBlank {
  const section = note.sections.find((s) => s.headingLine === lineIndex);
  if (!section) return 'text';
  let blank: TemplateBlank | undefined;
  for (let i = section.firstLine + 1; i <= section.lastLine; i++) {
    const line = note.lines[i];
    const rest = line.text.replace(/(?<![*\w])\*{3,}(?![*\w])|\{\{[^{}\n]*\}\}|(?<!\w)_{3,}(?!\w)/g, '');
    if (/[A-Za-z0-9]/.test(rest)) return 'text';
    blank ??= note.blanks.find((b) => b.line === i);
  }
  return blank ?? 'none';
}

/** Whether a line is a heading alone on its line (no value after the label). */
function isHeadingLine(note: NoteDocument, lineIndex: number): boolean {
  return note.sections.some((s) => s.headingLine === lineIndex);
}

function elementFacts(note: NoteDocument, read: ReadNote, element: DocumentationElement, vocabulary: NoteVocabulary): ElementFacts {
  let unfilled: ElementFacts | undefined;
  let notRecorded: ElementFacts['notRecorded'];
  for (const m of findMatches(patternsOf(element, vocabulary), read.words, read.index)) {
    const matched = { text: note.text.slice(m.start, m.end), start: m.start, end: m.end };
    const inside = blankContaining(note.blanks, m.start);
    const line = note.lineAt(m.start);
    if (!inside && isHeadingLine(note, line.index)) {
      const value = sectionValue(note, line.index);
      if (value === 'none') continue;
      if (value === 'text') return { element, state: 'documented', matched };
      unfilled ??= { element, state: 'unfilled', matched, blank: value };
      continue;
    }
    // The value of the label the words are in: right after them (`Pathology: ***`), or
    // after the colon when they are part of a longer label (`Freeze-thaw cycles: ***`).
    let valueStart = matched.end;
    const label = LINE_LABEL.exec(line.text);
    if (label && matched.end <= line.start + label[1].length) valueStart = line.start + label[1].length;
    const rest = note.visible.slice(valueStart, line.end);
    // Right after the words ("Blood loss was not documented. Disposition: ..."), or as the label's value.
    const absentAt = [matched.end, valueStart].find((at) => NOT_RECORDED.test(note.visible.slice(at, line.end)));
    if (absentAt !== undefined) {
      const end = absentAt + (NOT_RECORDED.exec(note.visible.slice(absentAt, line.end)) as RegExpExecArray)[0].length;
      notRecorded ??= { text: note.text.slice(m.start, end), start: m.start, end };
      continue;
    }
    const value = BLANK_VALUE.exec(rest);
    const blank = inside ?? (value ? blankContaining(note.blanks, valueStart + value[0].length - 1) : undefined);
    if (!blank) return { element, state: 'documented', matched };
    unfilled ??= { element, state: 'unfilled', matched, blank };
  }
  return unfilled ?? { element, state: 'missing', ...(notRecorded ? { notRecorded } : {}) };
}

const phrasePatterns = new WeakMap<NoteVocabulary, Map<string, Pattern[]>>();

/** The first place the note says any of the phrases (matched as elements are), or undefined. */
export function noteSays(note: NoteDocument, phrases: readonly string[], codeSet: CodeSet): { start: number; end: number } | undefined {
  return noteMatches(note, phrases, codeSet)[0];
}

/** Every place the note says any of the phrases (matched as elements are), in text order. */
export function noteMatches(note: NoteDocument, phrases: readonly string[], codeSet: CodeSet): { start: number; end: number }[] {
  const vocabulary = codeSet.noteVocabulary?.() ?? EMPTY_NOTE_VOCABULARY;
  let byKey = phrasePatterns.get(vocabulary);
  if (!byKey) phrasePatterns.set(vocabulary, (byKey = new Map()));
  const key = phrases.join('\u0000');
  let patterns = byKey.get(key);
  if (!patterns) byKey.set(key, (patterns = expandPhrases(phrases, vocabulary)));
  const read = readNote(note, vocabulary);
  return findMatches(patterns, read.words, read.index);
}

/** What the note says of each element (the operative-report elements, or a record's). */
export function elementsFacts(note: NoteDocument, elements: readonly DocumentationElement[], codeSet: CodeSet): ElementFacts[] {
  const vocabulary = codeSet.noteVocabulary?.() ?? EMPTY_NOTE_VOCABULARY;
  const read = readNote(note, vocabulary);
  return elements.map((e) => elementFacts(note, read, e, vocabulary));
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
    facts.push({ code: citation.value, citation, record, elements: elementsFacts(note, record.documentation, codeSet) });
  }
  return facts;
}
