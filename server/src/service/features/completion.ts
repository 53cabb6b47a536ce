/**
 * Completion: what an encoder offers while a coder types. Procedure codes by code
 * prefix and by descriptor words ("cryo liv" → 47383), modifiers that the line's code
 * allows, ICD-10-CM billable codes, places of service. Pure: text, a parsed charge
 * file and the CodeSet in, LSP-shaped items out. Lists are capped and flagged
 * incomplete, so each keystroke asks again and the server does the ranking.
 */
import { anatomicGroupOf, bodySiteOf } from '../../codeset/anatomy';
import type { CodeSet, ModifierInfo, ProcedureCode, SearchHit, SearchKind } from '../../codeset/types';
import type { ChargeFile } from '../documents/chargeFile';
import { CODE_SHAPE } from '../documents/codeToken';
import { isEmFamily } from '../lineFacts/modifierFacts';
import { modifierVerdict } from '../rules/modifierNotAllowed';
import type { DocumentKind } from '../types';
import { cellAt, rowTextAt } from './chargeCell';
import { describeProcedure } from './hover';

/** At most this many items per answer (the list is marked incomplete when more match). */
export const COMPLETION_LIMIT = 50;

/** LSP CompletionItemKind values used here (the service does not import the LSP library). */
const KIND = { procedure: 18 /* Reference */, modifier: 13 /* Enum */, diagnosis: 21 /* Constant */, pos: 12 /* Value */ } as const;

export interface CompletionEntry {
  label: string;
  kind: number;
  /** The descriptor, or for a disallowed modifier the reason it is not allowed. */
  detail: string;
  /** Orders the list: our ranking, not the editor's fuzzy score. */
  sortText: string;
  /** What the editor filters on: the typed text plus code and descriptor, so a word query keeps its items. */
  filterText: string;
  /** Replace this range (document offsets) with `newText`. */
  edit: { start: number; end: number; newText: string };
  /** For resolving the documentation lazily. */
  data: { kind: SearchKind; code: string };
}

export interface CompletionList {
  isIncomplete: boolean;
  items: CompletionEntry[];
}

/** What the cursor is on: which kind of code to offer, the typed query and the range it replaces. */
interface CompletionContext {
  kind: SearchKind;
  query: string;
  start: number;
  end: number;
  /** For modifiers: the code they go on and the modifiers already on the line. */
  code?: string;
  present?: readonly string[];
  /**
   * A facility (UB-04) claim: the file has a revenue-code column. Otherwise a professional
   * claim (a charge file without one, or a physician's note), where the facility-only
   * modifiers 27, 73 and 74 cannot apply.
   */
  facility?: boolean;
  /** Text typed before the query that a word-filtering editor must still match (a code cell's whole value). */
  typed: string;
  /** Offer only a confident match (completion opened by a bare "(" in prose). */
  onlyConfident?: boolean;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export function doComplete(text: string, offset: number, kind: DocumentKind, codeSet: CodeSet, file?: ChargeFile): CompletionList {
  const context = kind === 'charges' && file ? chargeContext(file, offset) : textContext(text, offset);
  if (!context) return EMPTY;
  switch (context.kind) {
    case 'procedure':
      return procedures(context, codeSet);
    case 'modifier':
      return modifiers(context, codeSet);
    case 'diagnosis':
      return diagnoses(context, codeSet);
    default:
      return placesOfService(context, codeSet);
  }
}

/** Markdown documentation of a completion item, computed when the editor shows it. */
export function resolveCompletion(data: { kind: SearchKind; code: string }, codeSet: CodeSet): string | undefined {
  if (data.kind === 'procedure') {
    const p = codeSet.procedure(data.code);
    return p ? describeProcedure(p, [], codeSet) : undefined;
  }
  if (data.kind === 'modifier') {
    const m = codeSet.modifier(data.code);
    return m ? `**${m.code}** ${m.name}\n\n${m.description}\n\nFamily: ${m.family}${m.ncciAssociated ? ' · NCCI-associated' : ''}` : undefined;
  }
  if (data.kind === 'diagnosis') {
    const d = codeSet.diagnosis(data.code);
    return d ? `**${d.display}** ${d.longDescription}${d.billable ? '' : '\n\nHeader code: not billable, pick a more specific code.'}` : undefined;
  }
  const pos = codeSet.placeOfService(data.code);
  return pos ? `**POS ${pos.code}** ${pos.name}\n\n${pos.facility ? 'Facility setting: facility RVUs apply.' : 'Non-facility setting: non-facility RVUs apply.'}` : undefined;
}

function chargeContext(file: ChargeFile, offset: number): CompletionContext | undefined {
  const at = cellAt(file, offset);
  if (!at || !at.line || !at.role) return undefined;
  const { value } = at;
  const typedEnd = Math.max(value.start, Math.min(offset, value.end));
  // Read from the row's own text, not `file.text` (an editor's text joined from pieces is
  // copied whole by its first read: editedDocument.ts); the same characters either way.
  const local = rowTextAt(file, offset) ?? { text: file.text, start: 0 };
  const before = local.text.slice(value.start - local.start, typedEnd - local.start);
  const wordEndAt = (at: number, dots = false): number => wordEnd(local.text, at - local.start, dots) + local.start;
  switch (at.role) {
    case 'code': {
      // `47383-` or `47383-2`: a modifier attached to the code.
      const attached = /^([A-Za-z0-9]{5})((?:[-\s][A-Za-z0-9]{2})*)-([A-Za-z0-9]?)$/.exec(before);
      if (attached && CODE_SHAPE.test(attached[1].toUpperCase())) {
        const query = attached[3];
        return {
          kind: 'modifier', query, start: typedEnd - query.length, end: wordEndAt(typedEnd), typed: query,
          code: attached[1].toUpperCase(), present: at.line.modifiers.map((m) => m.value), facility: isFacilityFile(file),
        };
      }
      return { kind: 'procedure', query: before, start: value.start, end: Math.max(value.end, typedEnd), typed: before };
    }
    case 'modifiers':
    case 'modifier': {
      const query = /[A-Za-z0-9]*$/.exec(before)?.[0] ?? '';
      const present = at.line.modifiers.filter((m) => !(m.start <= offset && offset <= m.end)).map((m) => m.value);
      return { kind: 'modifier', query, start: typedEnd - query.length, end: wordEndAt(typedEnd), typed: query, code: at.line.codeValue, present, facility: isFacilityFile(file) };
    }
    case 'diagnosis': {
      const query = /[A-Za-z0-9.]*$/.exec(before)?.[0] ?? '';
      return { kind: 'diagnosis', query, start: typedEnd - query.length, end: wordEndAt(typedEnd, true), typed: query };
    }
    case 'pos':
      return { kind: 'pos', query: before, start: value.start, end: Math.max(value.end, typedEnd), typed: before };
    default:
      return undefined;
  }
}

/** Prose: after `CPT`, `HCPCS` or `code` (words or a prefix), or after `-` following a code. */
function textContext(text: string, offset: number): CompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(Math.max(lineStart, offset - 200), offset);
  const attached = /(?:^|[^A-Za-z0-9])([A-Za-z0-9]{5})((?:-[A-Za-z0-9]{2})*)-([A-Za-z0-9]?)$/.exec(before);
  if (attached && CODE_SHAPE.test(attached[1].toUpperCase())) {
    const query = attached[3];
    const present = attached[2].split('-').filter(Boolean).map((m) => m.toUpperCase());
    return { kind: 'modifier', query, start: offset - query.length, end: wordEnd(text, offset), typed: query, code: attached[1].toUpperCase(), present };
  }
  const keyword = /\b(?:CPT|HCPCS|codes?)\s*[:#]?\s+([A-Za-z0-9][A-Za-z0-9 ]*)?$/i.exec(before);
  if (keyword) {
    const query = keyword[1] ?? '';
    // Just after "CPT ": the words of the procedure the line names ("Percutaneous cryoablation
    // of liver tumor (CPT |") are the search, so the right code comes first without typing.
    const search = query.trim() === '' ? procedureWords(before.slice(0, keyword.index)) : query;
    if (search === undefined) return undefined;
    return { kind: 'procedure', query: search, start: offset - query.length, end: wordEnd(text, offset), typed: query };
  }
  // Just after "(" that follows a procedure's name: "… liver cryoablation (|".
  if (before.endsWith('(')) {
    const search = procedureWords(before.slice(0, -1));
    if (search !== undefined) return { kind: 'procedure', query: search, start: offset, end: offset, typed: '', onlyConfident: true };
  }
  return undefined;
}

/** Words that stop nothing: labels and joining words a procedure line carries. */
const NOT_PROCEDURE = /^(?:procedure|procedures|performed|operation|name|code|codes|and|with|without|of|the|a|an|to|for|on|in|by|under|via|left|right|patient|patients|was|were|is|are|has|had|have|seen|this|that|these|those|then|after|before|noted|given|discussed|options|history|today|which|who|she|he|they|their|his|her|see|per|also|not|no)$/i;

/** The last few meaningful words before the cursor on its line, or undefined when there are fewer than two. */
function procedureWords(text: string): string | undefined {
  const words = (text.split(/[\n:;.]/).pop() ?? '').match(/[A-Za-z][A-Za-z-]{2,}/g) ?? [];
  const meaningful = words.filter((w) => !NOT_PROCEDURE.test(w)).slice(-6);
  return meaningful.length >= 2 ? meaningful.join(' ') : undefined;
}

function confident(query: string, description: string | undefined): boolean {
  if (!description) return false;
  // A long (Level II narrative) description matches any prose; only a short one is a name.
  if (description.length > 120) return false;
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 3);
  const described = description.toLowerCase();
  return words.length >= 2 && words.filter((w) => described.includes(w.slice(0, 4))).length >= 2;
}

/** The end of the word the cursor is in, so accepting an item replaces the rest of it too. */
function wordEnd(text: string, offset: number, dots = false): number {
  let end = offset;
  while (end < text.length && (/[A-Za-z0-9]/.test(text[end]) || (dots && text[end] === '.'))) end++;
  return end;
}

function entry(context: CompletionContext, rank: number, kind: SearchKind, label: string, code: string, detail: string, newText = label): CompletionEntry {
  return {
    label,
    kind: KIND[kind],
    detail,
    sortText: String(rank).padStart(4, '0'),
    filterText: `${context.typed} ${label} ${detail}`,
    edit: { start: context.start, end: context.end, newText },
    data: { kind, code },
  };
}

function procedures(context: CompletionContext, codeSet: CodeSet): CompletionList {
  const query = context.query.trim();
  if (query === '') return { isIncomplete: true, items: [] };
  const found = codeSet.search(query, 'procedure', COMPLETION_LIMIT + 1);
  // After a bare "(", offer only when the words before it name a procedure the data knows
  // well (every word found in the first hit), so a parenthesis in prose opens nothing.
  const hits = context.onlyConfident && !confident(query, found[0]?.description) && !confident(query, found[0]?.distinguishing) ? [] : found;
  // The family record's phrase first: CMS short descriptors of neighbours often read the same.
  const detail = (hit: SearchHit): string => (hit.distinguishing ? `${hit.distinguishing} · ${hit.description}` : hit.description);
  const items = hits.slice(0, COMPLETION_LIMIT).map((hit, i) => entry(context, i, 'procedure', hit.code, hit.code, detail(hit)));
  return { isIncomplete: true, items };
}

/** Every modifier the code set knows, in a stable order (CPT numeric first, then Level II). */
const modifierLists = new WeakMap<CodeSet, ModifierInfo[]>();
function allModifiers(codeSet: CodeSet): ModifierInfo[] {
  let list = modifierLists.get(codeSet);
  if (!list) {
    list = [];
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of chars) for (const b of chars) {
      const m = codeSet.modifier(a + b);
      if (m) list.push(m);
    }
    list.sort((x, y) => Number(x.source !== 'cpt') - Number(y.source !== 'cpt') || x.code.localeCompare(y.code));
    modifierLists.set(codeSet, list);
  }
  return list;
}

const FAMILY_RANK: Readonly<Record<string, number>> = { pricing: 0, payment: 1, anatomic: 2, informational: 3 };

/** A facility claim file: it has a revenue-code column (UB-04 lines carry one; professional lines do not). */
function isFacilityFile(file: ChargeFile): boolean {
  return file.reading.columns.some((c) => c.unused === 'revenue code');
}

/**
 * Modifiers that cannot apply to the code whatever the line says, hidden from the list (the
 * rules judge them when typed): 27 is a hospital's second outpatient E/M encounter, so E/M
 * codes on a facility claim only; 73/74 are a facility's discontinued procedures (physicians
 * report 52/53), not visits; 63 (infant under 4 kg) is for procedures, never visits,
 * radiology or laboratory codes.
 */
function cannotApply(m: string, code: string, facility: boolean): boolean {
  if (m === '27') return !facility || !isEmFamily(code);
  if (m === '73' || m === '74') return !facility || isEmFamily(code);
  if (m === '63') return isEmFamily(code) || /^[78]\d{4}$/.test(code);
  return false;
}

/**
 * Ranks, lowest first: LT/RT on a limb, joint or paired organ; the modifiers the code's
 * knowledge record names and the anatomic kinds its body site fits (codeset/anatomy.ts); CPT,
 * then Level II; last, those the indicators warn about and anatomic kinds the site table
 * leaves open (only when the coder has typed a prefix). Kinds the site rules out are hidden.
 */
function modifiers(context: CompletionContext, codeSet: CodeSet): CompletionList {
  const query = context.query.toUpperCase();
  const procedure: ProcedureCode | undefined = context.code ? codeSet.procedure(context.code) : undefined;
  const present = new Set(context.present ?? []);
  const recommended = new Set(procedure ? (codeSet.knowledge(procedure.code)?.modifiers ?? []).map((m) => m.code.toUpperCase()) : []);
  const site = procedure ? bodySiteOf(procedure.code, procedure.descriptor) : undefined;
  // BILAT SURG 1 or 3: a paired organ or body part, so the side matters.
  const sided = site?.fits.has('side') === true || procedure?.row?.bilateral === '1' || procedure?.row?.bilateral === '3';
  const ranked: { m: ModifierInfo; group: number; reason?: string }[] = [];
  for (const m of allModifiers(codeSet)) {
    if (present.has(m.code) || !m.code.startsWith(query)) continue;
    if (procedure && cannotApply(m.code, procedure.code, context.facility === true)) continue;
    const anatomic = anatomicGroupOf(m.code);
    let group: number;
    if (anatomic && procedure && anatomic !== 'side') {
      if (site?.misfits.has(anatomic)) continue;
      // A finger, toe, eyelid or artery only where the site fits; where it is open, on request.
      if (!site?.fits.has(anatomic) && query === '') continue;
    }
    const verdict = procedure?.row ? modifierVerdict(m.code, procedure.row, procedure.code) : undefined;
    // Errors are never offered; warnings and "keep documentation" notes go last, with the reason.
    if (verdict?.severity === 'error') continue;
    if (verdict) group = 4;
    else if (anatomic === 'side' && sided) group = 0;
    else if (recommended.has(m.code) || (anatomic && site?.fits.has(anatomic))) group = 1;
    else if (anatomic && anatomic !== 'side' && procedure) group = 4;
    else group = m.source === 'cpt' ? 2 : 3;
    ranked.push({ m, group, reason: verdict?.why });
  }
  ranked.sort((a, b) => a.group - b.group || (FAMILY_RANK[a.m.family] ?? 9) - (FAMILY_RANK[b.m.family] ?? 9) || a.m.code.localeCompare(b.m.code));
  const items = ranked.slice(0, COMPLETION_LIMIT).map((r, i) =>
    entry(context, i, 'modifier', r.m.code, r.m.code, r.reason ? `${r.m.name} (check: ${r.reason})` : r.m.name),
  );
  return { isIncomplete: ranked.length > COMPLETION_LIMIT, items };
}

function diagnoses(context: CompletionContext, codeSet: CodeSet): CompletionList {
  const query = context.query.trim();
  if (query === '') return { isIncomplete: true, items: [] };
  const items: CompletionEntry[] = [];
  // Header codes are skipped, so ask for more than we show.
  for (const hit of codeSet.search(query, 'diagnosis', COMPLETION_LIMIT * 4)) {
    const d = codeSet.diagnosis(hit.code);
    if (!d?.billable) continue;
    items.push(entry(context, items.length, 'diagnosis', d.display, d.code, d.shortDescription || d.longDescription));
    if (items.length === COMPLETION_LIMIT) break;
  }
  return { isIncomplete: true, items };
}

function placesOfService(context: CompletionContext, codeSet: CodeSet): CompletionList {
  const query = context.query.trim().toLowerCase();
  const items: CompletionEntry[] = [];
  for (let n = 1; n <= 99; n++) {
    const pos = codeSet.placeOfService(String(n).padStart(2, '0'));
    if (!pos) continue;
    if (query !== '' && !pos.code.startsWith(query) && !pos.name.toLowerCase().includes(query)) continue;
    items.push(entry(context, items.length, 'pos', pos.code, pos.code, pos.name));
  }
  return { isIncomplete: false, items };
}
