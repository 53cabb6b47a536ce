/**
 * The "code first" notes of the ICD-10-CM tabular list, which the bundled order file does not
 * carry (it has codes and titles only). CMS and CDC publish the tabular list as XML
 * (`icd10cm_tabular_YYYY.xml`, in the yearly "Code Tables, Tabular and Index" zip); a user imports
 * it with `cpt-lens import icd10-tabular FILE`. In that XML each `<diag>` has a `<name>` (the code
 * with its dot), a `<desc>`, nested `<diag>` children, and note elements such as
 * `<codeFirst><note>...</note></codeFirst>`; a note applies to the code and every code under it
 * (ICD-10-CM Official Guidelines I.A.12-13: "code first" notes sit at the manifestation and say
 * the underlying condition is sequenced first).
 *
 * Kept: the code-first notes of `<diag>` elements, except those that say "if applicable" or "if
 * known", which only apply when such a condition is present. Notes on chapters and sections are
 * not kept. Pure: text in, notes out; never throws. Compiled form: `code-first.tsv` (`code`, `note`).
 */
import type { DataProblem } from './compiled';
import { readTsv, writeTsv } from './tables';

export interface CodeFirstNote {
  /** The code the note sits on, without the dot (E119 style); the note applies to the codes under it too. */
  code: string;
  /** The note's text, its lines joined with " ". */
  note: string;
}

/** A loaded set of code-first notes. */
export interface TabularNotes {
  /** e.g. "ICD-10-CM tabular 2025 (icd10cm_tabular_2025.xml)". */
  release: string;
  synthetic?: string;
  /** The code-first note that applies to a code (its own or its nearest ancestor's), if any. */
  codeFirst(code: string): CodeFirstNote | undefined;
}

export interface ParsedTabular {
  notes: CodeFirstNote[];
  /** Code-first notes left out because they say "if applicable" or "if known". */
  conditional: number;
  /** The `<version>` of the file, when it has one. */
  version: string;
  /** Set when the text is not the tabular XML. */
  error?: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_, e: string) => (e.startsWith('#') ? String.fromCharCode(Number(e.slice(1))) : ENTITIES[e]));
const CONDITIONAL = /\bif (?:applicable|known)\b/i;

/** Reads the tabular XML with a small tag scanner (the file is regular: no attributes matter, no CDATA). */
export function parseTabularXml(text: string): ParsedTabular {
  const out: ParsedTabular = { notes: [], conditional: 0, version: '' };
  if (!/<ICD10CM\.tabular\b/.test(text.slice(0, 2000))) {
    out.error = 'not the ICD-10-CM tabular list XML (no <ICD10CM.tabular> root)';
    return out;
  }
  const diags: { code: string; codeFirst: string[] }[] = [];
  const open: string[] = [];
  let textBuffer = '';
  const tag = /<(\/?)([A-Za-z][\w.]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|([^<]+)/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[4] !== undefined) {
      textBuffer += m[4];
      continue;
    }
    if (!m[2]) continue; // comment or processing instruction
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) {
      open.push(name);
      textBuffer = '';
      if (name === 'diag') diags.push({ code: '', codeFirst: [] });
      continue;
    }
    const value = decode(textBuffer).replace(/\s+/g, ' ').trim();
    textBuffer = '';
    open.pop();
    const parent = open[open.length - 1];
    const diag = diags[diags.length - 1];
    if (name === 'version' && parent === 'ICD10CM.tabular') out.version = value;
    else if (name === 'name' && parent === 'diag' && diag) diag.code = value.toUpperCase().replace('.', '');
    else if (name === 'note' && parent === 'codeFirst' && open[open.length - 2] === 'diag' && diag && value) diag.codeFirst.push(value);
    else if (name === 'diag' && diag) {
      diags.pop();
      if (diag.code && diag.codeFirst.length > 0) {
        const note = diag.codeFirst.join(' ');
        if (CONDITIONAL.test(note)) out.conditional++;
        else out.notes.push({ code: diag.code, note });
      }
    }
  }
  out.notes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return out;
}

export const CODE_FIRST_FIELDS = ['code', 'note'] as const;

export function writeCodeFirstTsv(notes: readonly CodeFirstNote[]): string {
  return writeTsv(CODE_FIRST_FIELDS, notes.map((n) => [n.code, n.note]));
}

export function readCodeFirstTsv(text: string, file: string, problems: DataProblem[]): CodeFirstNote[] {
  return readTsv(text, CODE_FIRST_FIELDS, file, problems, (c, line) => {
    if (!/^[A-Z][0-9][0-9A-Z]{1,5}$/.test(c[0]) || !c[1]) {
      problems.push({ file, line, message: `Code-first row "${c[0]}" skipped: bad code or empty note.` });
      return undefined;
    }
    return { code: c[0], note: c[1] };
  });
}

/** Notes by code; a code's note is its own or its nearest ancestor's (the code cut one character at a time). */
export function tabularNotes(release: string, notes: readonly CodeFirstNote[], synthetic?: string): TabularNotes {
  const byCode = new Map(notes.map((n) => [n.code, n]));
  return {
    release,
    ...(synthetic ? { synthetic } : {}),
    codeFirst(code) {
      const bare = code.toUpperCase().replace('.', '');
      for (let k = bare.length; k >= 3; k--) {
        const note = byCode.get(bare.slice(0, k));
        if (note) return note;
      }
      return undefined;
    },
  };
}
