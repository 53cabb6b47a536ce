/**
 * Where a missing element's prompt line goes, and what it says: `Freeze-thaw
 * cycles: ***` (bold label when the note writes its labels in bold) at the end of
 * the procedure section, or at the end of the note when it has none.
 */
import type { NoteDocument, NoteSection } from '../documents/note';
import type { Fix } from '../types';

/** Headings of the section that describes the procedure itself. */
const PROCEDURE_HEADING = /\b(?:procedures?|operations?|operative|technique|description|details?|narrative)\b/i;
/** Headings that mention the procedure but are not its description. */
const NOT_PROCEDURE_HEADING = /\bcodes?\b|\bcode\(s\)|diagnos|indication|pre[- ]?(?:op|procedure)|post[- ]?(?:op|procedure)|consent|history|plan\b|name\b/i;

/** Headings that usually title the whole note rather than its procedure part. */
const TITLE_LIKE = /\b(?:operative|operation)\b/i;

/** The section describing the procedure: "Procedure in detail" over "Operative note" (often the title). */
export function procedureSection(note: NoteDocument): NoteSection | undefined {
  let best: NoteSection | undefined;
  let bestScore = 0;
  for (const s of note.sections) {
    if (s.headingLine < 0 || !PROCEDURE_HEADING.test(s.heading) || NOT_PROCEDURE_HEADING.test(s.heading)) continue;
    const score = TITLE_LIKE.test(s.heading) && !/\b(?:procedure|technique|description|narrative|details?)\b/i.test(s.heading) ? 1 : 2;
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best;
}

/** The offset just past the last non-blank line of the procedure section, or of the note. */
export function promptInsertionPoint(note: NoteDocument): number {
  const section = procedureSection(note);
  const first = section ? section.firstLine : 0;
  let last = section ? section.lastLine : note.lines.length - 1;
  while (last > first && note.lines[last].text.trim() === '') last--;
  return note.lines[last].end;
}

export function promptLine(note: NoteDocument, label: string): string {
  const text = label.charAt(0).toUpperCase() + label.slice(1);
  return note.boldLabels ? `**${text}:** ***` : `${text}: ***`;
}

/** The quick fix adding a labelled prompt line for an element. */
export function insertPromptFix(note: NoteDocument, label: string): Fix {
  const at = promptInsertionPoint(note);
  const line = promptLine(note, label);
  // In a Markdown note whose fields are separate paragraphs, keep the new one a paragraph too.
  const separator = note.boldLabels && /\n[^\S\n]*\n[^\S\n]*\*\*/.test(note.visible) ? '\n\n' : '\n';
  const empty = note.visible.trim() === '';
  return { title: `Add a prompt line "${line}"`, safe: true, edits: [{ start: at, end: at, newText: empty ? line : separator + line }] };
}
