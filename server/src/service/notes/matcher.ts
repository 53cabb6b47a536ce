/**
 * The note matcher: whether a note says something, in the words physicians use.
 * A note and a phrase are read alike, as words: case folded, hyphens, slashes and
 * spaces alike, British spellings as American (data), plurals and -ed/-ing/-ment
 * endings dropped. A phrase may stand for a number (`#`: digits or words, "two
 * freezes") or for a few words of one sentence (`…`: "freeze … thaw" matches "two
 * 10-minute freezes, each followed by a thaw"). Capital abbreviations in the data
 * (US, CT, MAC) match only capitals in the note, so "us" is not ultrasound; a phrase
 * starting with `^` matches only at the start of a line or sentence (`^diagnosis`: the
 * label "Diagnosis:", not the word in "Preoperative diagnosis").
 *
 * Concepts (data/note-language.json) make phrases equivalent: an element's phrase
 * "cryoprobe placement" also matches "cryoneedle insertion". Nothing here is
 * vocabulary: the words are in the data the code set loads.
 */
import type { Concept, NoteVocabulary } from '../../codeset/noteVocabulary';

/** One word of a note. */
export interface NoteWord {
  /** The word as read (see `readWord`). */
  word: string;
  /** Written in capitals (an abbreviation, in a phrase's terms). */
  capitals: boolean;
  /** Digits, or a number word. */
  number: boolean;
  start: number;
  end: number;
  /** Sentence number: `…` and adjacent words do not cross sentences. */
  sentence: number;
  /** The first word of its line or of a sentence on it (after bullets, bold and heading marks): where a label starts. */
  lineStart: boolean;
}

type Item = { kind: 'word'; word: string; capitals: boolean; lineStart?: boolean } | { kind: 'number' } | { kind: 'gap' };
/** A phrase ready to match: its items in order. */
export type Pattern = readonly Item[];

/** Number words a count may be written in. */
const NUMBER_WORDS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen',
  'twenty', 'single', 'double', 'triple', 'multiple', 'several', 'both', 'once', 'twice',
]);
/** Words of a `…` gap at most. */
const GAP_WORDS = 6;
/** Variants generated per element at most (concepts combine; this bounds a pathological record). */
const MAX_PATTERNS = 400;
const WORD = /[A-Za-z]+|\d+/g;

/** A word as the matcher reads it: lower case, American spelling, without plural and -ed/-ing/-ment endings. */
export function readWord(raw: string, spellings: readonly (readonly [string, string])[]): string {
  let w = raw.toLowerCase();
  if (/^\d+$/.test(w)) return w;
  for (const [from, to] of spellings) if (w.includes(from)) w = w.split(from).join(to);
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && /(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ment', 'ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Whether the text between two words ends a sentence. */
function endsSentence(between: string, next: string): boolean {
  if (/[.;!?](?:\s|$)/.test(between) || /\n[^\S\n]*\n/.test(between)) return true;
  if (!between.includes('\n')) return false;
  // A wrapped line of prose goes on in lower case; a label line (`Complications:`) goes on to its value.
  if (/:\s*$/.test(between.split('\n')[0])) return false;
  return !/^[^\S\n]*\n[^\S\n]*$/.test(between) || !/^[a-z]/.test(next);
}

/** The words of a text, with offsets into it. */
export function noteWords(text: string, vocabulary: NoteVocabulary): NoteWord[] {
  const words: NoteWord[] = [];
  let sentence = 0;
  let last = 0;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) !== null) {
    if (words.length > 0 && endsSentence(text.slice(last, m.index), m[0])) sentence++;
    const raw = m[0];
    const word = readWord(raw, vocabulary.spellings);
    // First word of its line, or of a sentence on it (`Pre-op: colic. Post-op: same.`).
    const before = text.slice(text.lastIndexOf('\n', m.index - 1) + 1, m.index);
    const lineStart = !/[A-Za-z0-9]/.test(before) || /[.;|]\s*(?:\*\*|__)?\s*$/.test(before);
    words.push({ word, capitals: raw.length >= 2 && raw === raw.toUpperCase() && /[A-Z]/.test(raw), number: /^\d/.test(raw) || NUMBER_WORDS.has(raw.toLowerCase()), start: m.index, end: m.index + raw.length, sentence, lineStart });
    last = m.index + raw.length;
  }
  return words;
}

/** A phrase of the data as items: `#` a number, `…`/`...` a gap, capital abbreviations kept as such, `^` first a line's first word (a label). */
export function phraseItems(phrase: string, vocabulary: NoteVocabulary): Item[] {
  const items: Item[] = [];
  const atLineStart = phrase.trimStart().startsWith('^');
  for (const part of phrase.replace(/^\s*\^/, '').replace(/\.\.\./g, ' … ').split(/(#|…)/)) {
    if (part === '#') items.push({ kind: 'number' });
    else if (part === '…') items.push({ kind: 'gap' });
    else {
      for (const raw of part.match(WORD) ?? []) {
        items.push({ kind: 'word', word: readWord(raw, vocabulary.spellings), capitals: raw.length >= 2 && raw.length <= 5 && raw === raw.toUpperCase() && /^[A-Z]+$/.test(raw) });
      }
    }
  }
  // A gap means something only between words.
  while (items.length > 0 && items[0].kind === 'gap') items.shift();
  while (items.length > 0 && items[items.length - 1].kind === 'gap') items.pop();
  if (atLineStart && items[0]?.kind === 'word') items[0] = { ...items[0], lineStart: true };
  return items;
}

const sameItem = (a: Item, b: Item): boolean => a.kind === b.kind && (a.kind !== 'word' || a.word === (b as { word: string }).word);
const keyOf = (p: Pattern): string => p.map((i) => (i.kind === 'word' ? (i.lineStart ? '^' : '') + (i.capitals ? '!' : '') + i.word : i.kind === 'number' ? '#' : '…')).join(' ');

interface CompiledConcept {
  variants: Pattern[];
}

const compiledConcepts = new WeakMap<NoteVocabulary, CompiledConcept[]>();

function conceptsOf(vocabulary: NoteVocabulary): CompiledConcept[] {
  let compiled = compiledConcepts.get(vocabulary);
  if (!compiled) {
    compiled = vocabulary.concepts.map((c: Concept) => ({ variants: c.phrases.map((p) => phraseItems(p, vocabulary)).filter((p) => p.length > 0) }));
    compiledConcepts.set(vocabulary, compiled);
  }
  return compiled;
}

/** Where `part` occurs in `pattern`, as start indexes. */
function occurrences(pattern: Pattern, part: Pattern): number[] {
  const at: number[] = [];
  for (let i = 0; i + part.length <= pattern.length; i++) {
    let same = true;
    for (let k = 0; k < part.length && same; k++) same = sameItem(pattern[i + k], part[k]);
    if (same) at.push(i);
  }
  return at;
}

/**
 * Every way the phrases may be written: each phrase, and each with a concept's
 * phrase replaced by another of the same concept (twice over, so "pre-operative
 * imaging" also reads "prior CT" when imaging and CT share a concept).
 */
export function expandPhrases(phrases: readonly string[], vocabulary: NoteVocabulary): Pattern[] {
  const concepts = conceptsOf(vocabulary);
  const out = new Map<string, Pattern>();
  let frontier: Pattern[] = [];
  for (const phrase of phrases) {
    const items = phraseItems(phrase, vocabulary);
    if (items.length === 0) continue;
    if (!out.has(keyOf(items))) {
      out.set(keyOf(items), items);
      frontier.push(items);
    }
  }
  for (let round = 0; round < 2 && out.size < MAX_PATTERNS; round++) {
    const next: Pattern[] = [];
    for (const pattern of frontier) {
      for (const concept of concepts) {
        for (const variant of concept.variants) {
          for (const at of occurrences(pattern, variant)) {
            for (const other of concept.variants) {
              if (other === variant) continue;
              // A phrase anchored at a line's start stays anchored when its first words are replaced.
              const first = pattern[at];
              const replacement = first.kind === 'word' && first.lineStart && other[0].kind === 'word' ? [{ ...other[0], lineStart: true }, ...other.slice(1)] : other;
              const made = [...pattern.slice(0, at), ...replacement, ...pattern.slice(at + variant.length)];
              const key = keyOf(made);
              if (out.has(key) || out.size >= MAX_PATTERNS) continue;
              out.set(key, made);
              next.push(made);
            }
          }
        }
      }
    }
    frontier = next;
  }
  return [...out.values()];
}

function itemMatches(item: Item, word: NoteWord): boolean {
  if (item.kind === 'number') return word.number;
  if (item.kind !== 'word') return false;
  return item.word === word.word && (!item.capitals || word.capitals) && (!item.lineStart || word.lineStart);
}

/** The index one past the last word of a match of `pattern` from word `at`, or -1. */
function matchAt(pattern: Pattern, words: readonly NoteWord[], at: number, item = 0): number {
  if (item === pattern.length) return at;
  const it = pattern[item];
  if (it.kind === 'gap') {
    const sentence = words[at - 1]?.sentence;
    for (let skip = 0; skip <= GAP_WORDS && at + skip < words.length && words[at + skip].sentence === sentence; skip++) {
      const end = matchAt(pattern, words, at + skip, item + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (at >= words.length || !itemMatches(it, words[at])) return -1;
  if (item > 0 && words[at].sentence !== words[at - 1].sentence) return -1;
  return matchAt(pattern, words, at + 1, item + 1);
}

/** A match: offsets of its first and last word in the text. */
export interface PhraseMatch {
  start: number;
  end: number;
}

/** Every match of any pattern, in text order, longest first at one start. */
export function findMatches(patterns: readonly Pattern[], words: readonly NoteWord[], index: ReadonlyMap<string, number[]>): PhraseMatch[] {
  const found = new Map<number, number>();
  for (const pattern of patterns) {
    const first = pattern[0];
    const starts = first.kind === 'word' ? index.get(first.word) ?? [] : words.map((_, i) => i);
    for (const at of starts) {
      const end = matchAt(pattern, words, at);
      if (end > at) found.set(at, Math.max(found.get(at) ?? 0, end));
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([at, end]) => ({ start: words[at].start, end: words[end - 1].end }));
}

/** Word indexes by word, for the first item of a pattern. */
export function wordIndex(words: readonly NoteWord[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  words.forEach((w, i) => {
    const list = index.get(w.word);
    if (list) list.push(i);
    else index.set(w.word, [i]);
  });
  return index;
}
