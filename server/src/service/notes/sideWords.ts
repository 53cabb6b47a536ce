/**
 * The words a note uses for a side: "bilateral", "left", "right", read where they
 * describe the procedure. History, medications, allergies, examination and plan
 * sections (or lines labelled so) are skipped, as are the verb "left" ("left in
 * place") and idioms ("right away", "all right").
 */
import type { CodeCitation, NoteDocument } from '../documents/note';

export type Side = 'bilateral' | 'left' | 'right';

export interface SideWord {
  side: Side;
  /** The word and the one after it, as written (`left knee`), for messages. */
  phrase: string;
  start: number;
  end: number;
  /** One-based line number, for messages. */
  lineNumber: number;
  /** Read in an indication, diagnosis or assessment: it describes the condition, not necessarily the procedure. */
  condition: boolean;
}

const OFF_TOPIC = /history|\bhpi\b|\bpmh\b|\bpsh\b|past|allerg|medication|\bmeds\b|family|social|review of systems|\bros\b|exam|physical|vital|plan\b|follow[- ]?up|instruction|discharge|disposition|consent|risk/i;
const CONDITION = /indication|diagnos|assessment|impression|reason|complaint/i;
const LINE_LABEL = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*([A-Za-z][A-Za-z /&'-]{1,40}?)\s*(?:\*\*|__)?\s*:/;
const SIDE_WORD = /(?<![A-Za-z-])(bilateral(?:ly)?|left|right)(?![A-Za-z])/gi;
const NEGATION_BEFORE = /\b(?:no|not|non|without|neither|nor)[\s-]+$/i;
const VERB_BEFORE = /\b(?:was|were|is|are|be|been|being|has|have|had|we|he|she|they|i|it|patient|then|all|you)\s+$/i;
const LEFT_VERB_AFTER = /^\s+(?:in|on|at|the|to|with|for|from|alone|behind|unchanged|open|intact|undisturbed|after|without|a|an|it|them|him|her|untreated|there|here|over|overnight|home)\b/i;
const RIGHT_IDIOM_AFTER = /^\s+(?:away|now|here|there|then|to\s+(?!the\b)|after|before|angle)\b/i;

export function sideWords(note: NoteDocument): SideWord[] {
  const skipLines = new Set<number>();
  const conditionLines = new Set<number>();
  for (const section of note.sections) {
    if (section.headingLine < 0) continue;
    const lines = OFF_TOPIC.test(section.heading) ? skipLines : CONDITION.test(section.heading) ? conditionLines : undefined;
    for (let i = section.firstLine; lines && i <= section.lastLine; i++) lines.add(i);
  }
  const words: SideWord[] = [];
  for (const line of note.lines) {
    if (skipLines.has(line.index)) continue;
    const label = LINE_LABEL.exec(line.text);
    if (label && OFF_TOPIC.test(label[1])) continue;
    const condition = conditionLines.has(line.index) || (label !== null && CONDITION.test(label[1]));
    SIDE_WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SIDE_WORD.exec(line.text)) !== null) {
      const before = line.text.slice(Math.max(0, m.index - 20), m.index);
      const after = line.text.slice(m.index + m[0].length, m.index + m[0].length + 20);
      const word = m[1].toLowerCase();
      const side: Side = word.startsWith('bilateral') ? 'bilateral' : (word as Side);
      if (NEGATION_BEFORE.test(before)) continue;
      if (side === 'left' && (VERB_BEFORE.test(before) || LEFT_VERB_AFTER.test(after))) continue;
      if (side === 'right' && (VERB_BEFORE.test(before) || RIGHT_IDIOM_AFTER.test(after))) continue;
      const next = /^[\s-]*([A-Za-z]+)/.exec(after);
      const phrase = next ? line.text.slice(m.index, m.index + m[0].length + next[0].length) : m[0];
      words.push({ side, phrase, start: line.start + m.index, end: line.start + m.index + m[0].length, lineNumber: line.index + 1, condition });
    }
  }
  return words;
}

/**
 * The side words that speak about a citation: those on its line, else those in its
 * section, else all of them (a note about one procedure).
 */
export function wordsNear(words: readonly SideWord[], note: NoteDocument, citation: CodeCitation): SideWord[] {
  const sameLine = words.filter((w) => w.lineNumber === citation.line + 1);
  if (sameLine.length > 0) return sameLine;
  const section = note.sections.find((s) => s.headingLine >= 0 && s.firstLine <= citation.line && citation.line <= s.lastLine);
  if (section) {
    const inSection = words.filter((w) => w.lineNumber - 1 >= section.firstLine && w.lineNumber - 1 <= section.lastLine);
    if (inSection.length > 0) return inSection;
  }
  return [...words];
}

/** `"left knee" (line 9), "left" (line 14)`: the words read, for messages. Three at most. */
export function quoteWords(words: readonly SideWord[]): string {
  const shown = words.slice(0, 3).map((w) => `"${w.phrase}" (line ${w.lineNumber})`);
  return shown.join(', ') + (words.length > 3 ? ` and ${words.length - 3} more` : '');
}
