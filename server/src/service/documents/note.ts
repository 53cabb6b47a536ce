/**
 * The note model: an operative note or note template (plain text or Markdown) as
 * lines, sections, template blanks and the codes it cites. Pure and linear in the
 * text's length; never throws.
 */
import type { CodeSet } from '../../codeset/types';
import type { ModifierSpan, Span } from './chargeFile';
import { findCitations } from './noteCitations';

export type { Span } from './chargeFile';

/** One line of the note; `end` is before the line break. */
export interface NoteLine {
  index: number;
  start: number;
  end: number;
  text: string;
}

/**
 * A section: a Markdown heading, or a label line without a value (`PROCEDURE IN
 * DETAIL:`, `**Description of procedure:**`), up to the next one.
 */
export interface NoteSection {
  heading: string;
  /** Line index of the heading; -1 for the text before the first heading. */
  headingLine: number;
  /** First and last line index of the section (heading included). */
  firstLine: number;
  lastLine: number;
}

/** How a code citation was recognised; all but `code-list` are explicit marks. */
export type CitationMark = 'label' | 'codes-line' | 'parenthesis' | 'table' | 'code-list';

/** A code the note cites, with its attached modifiers and stated units. */
export interface CodeCitation {
  /** The code as written; `value` is upper case. */
  code: Span;
  value: string;
  /** Attached (`-22`, source `code`), after "modifier" or in a table's modifier column (source `list`). */
  modifiers: ModifierSpan[];
  /** Units written with the code (`x2`, `(2 units)`, a table's units cell). */
  units?: Span;
  mark: CitationMark;
  /** Line index of the code. */
  line: number;
}

/** A template blank: Epic `***`, `{{placeholder}}`, or `___`. */
export interface TemplateBlank extends Span {
  line: number;
}

export interface NoteDocument {
  /** The document's text. */
  text: string;
  /**
   * The text as a reader sees it: HTML comments (`<!-- ... -->`, invisible in rendered
   * Markdown) blanked to spaces, line breaks kept, so offsets are the same as `text`'s.
   * Everything but hover reads this: a comment documents nothing and cites nothing.
   */
  visible: string;
  lines: NoteLine[];
  sections: NoteSection[];
  blanks: TemplateBlank[];
  citations: CodeCitation[];
  /** Whether labels are written in Markdown bold (`**Label:**`), so inserted prompts match. */
  boldLabels: boolean;
  /** Line index of an offset (binary search). */
  lineAt(offset: number): NoteLine;
}

const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/;
/** A label alone on its line: `PROCEDURE IN DETAIL:`, `**Findings:**`, `__Technique__:`. */
const LABEL_ONLY = /^\s*(?:\*\*|__)?\s*([A-Za-z][A-Za-z0-9 ,/&()'-]{1,60}?)\s*(?::\s*(?:\*\*|__)?|(?:\*\*|__)\s*:)\s*$/;
/** An all-capitals line of words alone: `PROCEDURE IN DETAIL`. */
const CAPS_HEADING = /^\s*([A-Z][A-Z ,/&()'-]{3,60})\s*$/;
const BOLD_LABEL = /^\s*(?:[-*+]\s+)?\*\*[^*\n]{1,60}?(?::\*\*|\*\*:)/m;
/** Blanks: three or more asterisks not touching a word or another asterisk; `{{...}}`; three or more underscores. */
const BLANK = /(?<![*\w])\*{3,}(?![*\w])|\{\{[^{}\n]{0,80}\}\}|(?<!\w)_{3,}(?!\w)/g;

export function splitLines(text: string): NoteLine[] {
  const lines: NoteLine[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const stop = nl < 0 ? text.length : nl;
    const end = stop > start && text[stop - 1] === '\r' ? stop - 1 : stop;
    lines.push({ index: index++, start, end, text: text.slice(start, end) });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

/** The heading a line starts, if it starts a section. */
export function sectionHeading(line: string): string | undefined {
  const md = MARKDOWN_HEADING.exec(line);
  if (md) return md[1].replace(/[*_]/g, '').trim();
  const label = LABEL_ONLY.exec(line);
  if (label) return label[1].trim();
  const caps = CAPS_HEADING.exec(line);
  return caps ? caps[1].trim() : undefined;
}

function findSections(lines: readonly NoteLine[]): NoteSection[] {
  const sections: NoteSection[] = [];
  let current: NoteSection = { heading: '', headingLine: -1, firstLine: 0, lastLine: -1 };
  for (const line of lines) {
    const heading = sectionHeading(line.text);
    if (heading !== undefined) {
      if (current.lastLine >= current.firstLine) sections.push(current);
      current = { heading, headingLine: line.index, firstLine: line.index, lastLine: line.index };
    } else {
      current.lastLine = line.index;
    }
  }
  if (current.lastLine >= current.firstLine) sections.push(current);
  return sections;
}

function findBlanks(text: string, lineAt: (offset: number) => NoteLine): TemplateBlank[] {
  const blanks: TemplateBlank[] = [];
  BLANK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BLANK.exec(text)) !== null) {
    const line = lineAt(m.index);
    // A line of only asterisks or underscores is a Markdown horizontal rule, not a blank.
    if (/^\s*(?:\*{3,}|_{3,})\s*$/.test(line.text)) continue;
    blanks.push({ text: m[0], start: m.index, end: m.index + m[0].length, line: line.index });
  }
  return blanks;
}

/** Parses a note. The code set decides which unmarked code-shaped tokens in code-list lines are codes. */
export function parseNote(text: string, codeSet: CodeSet): NoteDocument {
  const visible = text.includes('<!--') ? text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\r\n]/g, ' ')) : text;
  const lines = splitLines(visible);
  const lineAt = (offset: number): NoteLine => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lines[lo];
  };
  return {
    text,
    visible,
    lines,
    sections: findSections(lines),
    blanks: findBlanks(visible, lineAt),
    citations: findCitations(lines, codeSet),
    boldLabels: BOLD_LABEL.test(visible),
    lineAt,
  };
}
