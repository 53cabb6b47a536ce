/**
 * The CMS lists of codes that need a modifier, which CPT Lens does not bundle (CMS publishes
 * them apart from the fee schedule; a user imports them with `cpt-lens import therapy|jz FILE`):
 *
 * - **therapy**: the annual therapy code list (CMS "Therapy Services" page, the list of
 *   applicable outpatient rehabilitation codes): each code with its disposition, "always
 *   therapy" (GP, GO or GN on every line) or "sometimes therapy", and for the discipline-specific
 *   codes (the PT, OT and SLP evaluations) the one modifier they take.
 * - **jz**: the CMS list of drugs and biologicals supplied in single-dose containers or
 *   single-use packages, to which the JW/JZ modifier policy applies (Pub. 100-04 ch. 17 §40).
 *
 * Both are read by header names, not positions: a header row naming the code column (HCPCS,
 * CPT or "code"), title and copyright lines above it tolerated; for therapy a column whose name
 * says disposition, status or therapy, and optionally one naming the modifier or discipline.
 * Pure: text in, entries and problems out; never throws. The compiled form (`therapy.tsv`,
 * `jz.tsv` in the user data folder) is `code, status, modifiers`.
 */
import { cellText, parseCsv } from '../csv/csv';
import type { SourceProblem } from './sources/rvuFile';
import { lineLocator } from './sources/rvuFile';
import { readTsv, writeTsv } from './tables';
import type { DataProblem } from './compiled';
import type { ModifierList, ModifierListEntry, ModifierListKind } from './types';

export const THERAPY_MODIFIERS = ['GP', 'GO', 'GN'] as const;
export const DRUG_WASTE_MODIFIERS = ['JW', 'JZ'] as const;

export const MODIFIER_LIST_LABEL: Readonly<Record<ModifierListKind, string>> = {
  therapy: 'always-therapy code list (GP/GO/GN)',
  jz: 'single-dose container drug list (JW/JZ)',
};

export interface ParsedModifierList {
  entries: ModifierListEntry[];
  /** Rows with another disposition (therapy: neither always nor sometimes therapy), not kept. */
  ignored: number;
  /** A title line above the header that names a year, e.g. "2025 Therapy Code List". */
  title: string;
  problems: SourceProblem[];
  /** Set when nothing could be read (no header). */
  error?: string;
}

const norm = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
const CODE = /^[A-Z0-9]{5}$/;

function isCodeHeader(cell: string): boolean {
  const n = norm(cell);
  return n === 'CODE' || n.includes('HCPCS') || n.startsWith('CPT');
}

/** Reads a CMS therapy code list or single-dose drug list (CSV, or TSV from an xlsx). */
export function parseModifierListFile(kind: ModifierListKind, text: string): ParsedModifierList {
  const head = text.slice(0, 4000);
  const delimiter = (head.match(/\t/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const table = parseCsv(text, delimiter);
  const lineOf = lineLocator(text);
  const out: ParsedModifierList = { entries: [], ignored: 0, title: '', problems: [] };
  const headerIndex = table.rows.findIndex((r) => r.cells.some((c) => isCodeHeader(c.text)) && (kind === 'jz' || r.cells.some((c) => /DISPOSITION|STATUS|THERAPY/.test(norm(c.text)))));
  if (headerIndex < 0) {
    out.error = kind === 'therapy'
      ? 'no header row with a code column (HCPCS, CPT or Code) and a disposition column found: is this the CMS therapy code list?'
      : 'no header row with a code column (HCPCS, CPT or Code) found: is this the CMS single-dose container drug list?';
    return out;
  }
  const names = table.rows[headerIndex].cells.map((c) => norm(c.text));
  const codeCol = names.findIndex((n) => n === 'CODE' || n.includes('HCPCS') || n.startsWith('CPT'));
  const statusCol = names.findIndex((n, i) => i !== codeCol && /DISPOSITION|STATUS/.test(n));
  const therapyCol = statusCol >= 0 ? statusCol : names.findIndex((n, i) => i !== codeCol && n.includes('THERAPY'));
  const disciplineCol = names.findIndex((n, i) => i !== codeCol && i !== therapyCol && /MODIFIER|DISCIPLINE/.test(n));
  out.title = table.rows.slice(0, headerIndex).map((r) => r.cells.map((c) => c.text.trim()).join(' ').trim()).find((t) => /\b20\d\d\b/.test(t)) ?? '';
  const seen = new Set<string>();
  for (const row of table.rows.slice(headerIndex + 1)) {
    const code = cellText(row, codeCol).toUpperCase();
    const line = lineOf(row.start);
    if (code === '') continue;
    if (!CODE.test(code)) {
      // A footnote under the table (text in the first cell, nothing else) is not a row.
      if (row.cells.filter((c) => c.text.trim() !== '').length > 1) out.problems.push({ line, message: `Row skipped: "${code.slice(0, 20)}" is not a five-character code.` });
      continue;
    }
    if (seen.has(code)) continue;
    if (kind === 'jz') {
      seen.add(code);
      out.entries.push({ code, status: 'single-dose', modifiers: [...DRUG_WASTE_MODIFIERS] });
      continue;
    }
    const disposition = cellText(row, therapyCol);
    const status = /\balways\b/i.test(disposition) ? 'always' : /\bsometimes\b/i.test(disposition) ? 'sometimes' : undefined;
    if (!status) {
      out.ignored++;
      continue;
    }
    // The discipline-specific codes name their one modifier, in a column of their own or in the disposition.
    const named = `${cellText(row, disciplineCol)} ${disposition}`.toUpperCase().match(/\bG[PON]\b/g) ?? [];
    const modifiers = named.length > 0 ? [...new Set(named)] : [...THERAPY_MODIFIERS];
    seen.add(code);
    out.entries.push({ code, status, modifiers });
  }
  return out;
}

export const MODIFIER_LIST_FIELDS = ['code', 'status', 'modifiers'] as const;

export function writeModifierListTsv(entries: readonly ModifierListEntry[]): string {
  return writeTsv(MODIFIER_LIST_FIELDS, entries.map((e) => [e.code, e.status, e.modifiers.join(' ')]));
}

const STATUSES = new Set(['always', 'sometimes', 'single-dose']);

export function readModifierListTsv(text: string, file: string, problems: DataProblem[]): ModifierListEntry[] {
  return readTsv(text, MODIFIER_LIST_FIELDS, file, problems, (c, line) => {
    if (!CODE.test(c[0]) || !STATUSES.has(c[1])) {
      problems.push({ file, line, message: `List row "${c[0]}" skipped: bad code or status.` });
      return undefined;
    }
    return { code: c[0], status: c[1] as ModifierListEntry['status'], modifiers: c[2] ? c[2].split(' ') : [] };
  });
}

/** A loaded list over its entries. */
export function modifierList(kind: ModifierListKind, release: string, entries: readonly ModifierListEntry[], synthetic?: string): ModifierList {
  const byCode = new Map(entries.map((e) => [e.code, e]));
  return { kind, release, ...(synthetic ? { synthetic } : {}), entry: (code) => byCode.get(code.toUpperCase()) };
}
