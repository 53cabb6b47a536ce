/**
 * Knowledge records: validation of one parsed JSON file into KnowledgeRecords (one
 * code, or a family of codes with per-code entries and bundling facts). The
 * schema is documented in docs/knowledge-records.md. Pure: a record with a missing
 * or wrongly typed required field is reported with its line and skipped; an unknown
 * field is reported and ignored.
 */
import type { DataProblem } from '../compiled';
import { QUANTITY_KINDS } from '../types';
import type { BundlingFact, CodeEntry, CodeQuantity, DocumentationElement, KnowledgeRecord, QuantityKind, SelectionFact, SelectionValue } from '../types';
import { CodeSpan, formatSpan, parseCodeSpan, spansHold, spansOverlap } from './codeRanges';
import { JsonValue, parseJsonWithLines } from './jsonLines';

/** The schema bundled records are written in; schema 1 (one code per record) stays valid. */
export const KNOWLEDGE_SCHEMA = 2;
const SCHEMAS = new Set([1, 2]);

const KNOWN_FIELDS = new Set([
  'schema', 'code', 'codes', 'family', 'summary', 'description', 'modifiers', 'medicalNecessity', 'performedBy', 'physicianWork', 'examples', 'documentation',
  'codingNotes', 'betos', 'betosName', 'specialties', 'placesOfService', 'searchTerms', 'entries', 'bundling', 'selection', 'basis',
]);
const ENTRY_FIELDS = new Set(['distinguishing', 'quantity', 'searchTerms', 'documentation', 'facts']);
const QUANTITY_FIELDS = new Set(['kind', 'min', 'max', 'each']);

type JsonObject = { [key: string]: JsonValue };
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: JsonValue | undefined): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Options of a read: `knownCode` says whether the loaded data has a code (entries for codes it lacks are reported and ignored). */
export interface KnowledgeReadOptions {
  knownCode?: (code: string) => boolean;
}

/** The line each record read starts at, for problems found after the read (a duplicate in a folder). */
export const recordLines = new WeakMap<KnowledgeRecord, number>();

/** Records in one file's text: a record object, or a list of them. */
export function parseKnowledgeFile(text: string, file: string, source: string, problems: DataProblem[], options: KnowledgeReadOptions = {}): KnowledgeRecord[] {
  const parsed = parseJsonWithLines(text);
  if (parsed.error) {
    problems.push({ file, line: parsed.error.line, message: `${parsed.error.message}; file skipped.` });
    return [];
  }
  const top = parsed.value;
  const list = Array.isArray(top) ? top : [top];
  const records: KnowledgeRecord[] = [];
  list.forEach((item, n) => {
    const base = Array.isArray(top) ? String(n) : '';
    const at = (field: string): string => (base === '' ? field : `${base}.${field}`);
    const errors: { path: string; message: string }[] = [];
    /** Reported, but the record still loads. */
    const notes: { path: string; message: string }[] = [];
    if (!isObject(item)) {
      problems.push({ file, line: parsed.lineOf(base), message: 'A knowledge record must be a JSON object; skipped.' });
      return;
    }
    for (const dup of parsed.duplicateKeys) {
      if (base === '' || dup.startsWith(`${base}.`)) errors.push({ path: dup, message: `"${dup.slice(dup.lastIndexOf('.') + 1)}" is written twice in one object` });
    }
    const str = (field: string, required = true): string => {
      const v = item[field];
      if (typeof v === 'string' && v.trim() !== '') return v;
      if (v !== undefined || required) errors.push({ path: at(field), message: `"${field}" must be a non-empty string` });
      return '';
    };
    const strings = (field: string, required = true): string[] => {
      const v = item[field];
      if (isStringList(v)) return v;
      if (v !== undefined || required) errors.push({ path: at(field), message: `"${field}" must be a list of strings` });
      return [];
    };
    if (item.schema !== undefined && !SCHEMAS.has(item.schema as number)) errors.push({ path: at('schema'), message: `"schema" ${JSON.stringify(item.schema)} is not 1 or 2` });

    // What the record applies to: one `code`, or `codes` (codes and ranges).
    let spans: CodeSpan[] = [];
    let codes: string[] = [];
    let code: string;
    if (item.code !== undefined && item.codes !== undefined) errors.push({ path: at('codes'), message: 'a record has "code" or "codes", not both' });
    if (item.codes !== undefined) {
      const raw = item.codes;
      if (!isStringList(raw) || raw.length === 0) errors.push({ path: at('codes'), message: '"codes" must be a non-empty list of codes and ranges ("29881", "29870-29889")' });
      else raw.forEach((c, k) => {
        const span = parseCodeSpan(c);
        if ('error' in span) {
          errors.push({ path: at(`codes.${k}`), message: span.error });
          return;
        }
        const clash = spans.find((s) => spansOverlap(s, span));
        if (clash) {
          errors.push({ path: at(`codes.${k}`), message: `"${c}" overlaps "${formatSpan(clash)}" in the same record` });
          return;
        }
        spans.push(span);
        codes.push(formatSpan(span).replace('–', '-'));
        if (options.knownCode && !knownIn(span, options.knownCode)) notes.push({ path: at(`codes.${k}`), message: span.low === span.high ? `${span.low} is not a code in the loaded data` : `the range "${c}" holds no code of the loaded data` });
      });
      code = spans[0]?.low ?? '';
    } else {
      code = str('code').toUpperCase();
      if (code && !/^[A-Z0-9]{5}$/.test(code)) errors.push({ path: at('code'), message: `"code" "${code}" is not a five-character CPT/HCPCS code` });
      else if (code) {
        spans = [{ low: code, high: code }];
        codes = [code];
      }
    }
    const label = code ? ` ${codes.length > 1 || spans.some((s) => s.low !== s.high) ? codes.join(', ') : code}` : '';

    const modifiers: KnowledgeRecord['modifiers'] = [];
    const rawModifiers = item.modifiers ?? [];
    if (!Array.isArray(rawModifiers)) errors.push({ path: at('modifiers'), message: '"modifiers" must be a list' });
    else rawModifiers.forEach((m, k) => {
      if (isObject(m) && typeof m.code === 'string' && /^[A-Z0-9]{2}$/i.test(m.code) && typeof m.guidance === 'string') modifiers.push({ code: m.code.toUpperCase(), guidance: m.guidance });
      else errors.push({ path: at(`modifiers.${k}`), message: 'each modifier needs "code" (two characters) and "guidance" (text)' });
    });
    if (!Array.isArray(item.documentation)) errors.push({ path: at('documentation'), message: '"documentation" must be a list of elements' });
    const documentation = documentationElements(item.documentation ?? [], at('documentation'), new Set(), errors);
    const familyIds = new Set(documentation.map((d) => d.id));
    const placesOfService = strings('placesOfService', false);
    placesOfService.forEach((p, k) => {
      if (!/^\d{2}$/.test(p)) errors.push({ path: at(`placesOfService.${k}`), message: `place of service "${p}" is not a two-digit code` });
    });

    // Per-code entries: keyed by a code the record holds.
    const entries = new Map<string, CodeEntry>();
    const rawEntries = item.entries ?? {};
    if (!isObject(rawEntries)) errors.push({ path: at('entries'), message: '"entries" must be an object keyed by code' });
    else for (const [key, raw] of Object.entries(rawEntries)) {
      const where = at(`entries.${key}`);
      const entryCode = key.toUpperCase();
      if (!/^[A-Z0-9]{5}$/.test(entryCode)) {
        errors.push({ path: where, message: `entry "${key}" is not a five-character code` });
        continue;
      }
      if (!spansHold(spans, entryCode)) {
        errors.push({ path: where, message: `entry ${entryCode} is not among the record's codes (${codes.join(', ')})` });
        continue;
      }
      if (entries.has(entryCode)) {
        errors.push({ path: where, message: `entry ${entryCode} is given twice` });
        continue;
      }
      const entry = codeEntry(raw, where, familyIds, errors, (path, message) => notes.push({ path, message }));
      if (!entry) continue;
      if (options.knownCode && !options.knownCode(entryCode)) {
        notes.push({ path: where, message: `${entryCode} is not a code in the loaded data; its entry is ignored` });
        continue;
      }
      entries.set(entryCode, entry);
    }

    const bundling: BundlingFact[] = [];
    const rawBundling = item.bundling ?? [];
    if (!Array.isArray(rawBundling)) errors.push({ path: at('bundling'), message: '"bundling" must be a list' });
    else rawBundling.forEach((b, k) => {
      const where = at(`bundling.${k}`);
      if (!isObject(b) || !isStringList(b.codes) || b.codes.length === 0 || !isStringList(b.includes) || b.includes.length === 0 || typeof b.fact !== 'string' || b.fact.trim() === '' || typeof b.basis !== 'string' || b.basis.trim() === '') {
        errors.push({ path: where, message: 'each bundling fact needs "codes" and "includes" (non-empty lists of codes and ranges), "fact" and "basis" (text)' });
        return;
      }
      for (const [field, list] of [['codes', b.codes], ['includes', b.includes]] as const) {
        list.forEach((c, j) => {
          const span = parseCodeSpan(c);
          if ('error' in span) errors.push({ path: `${where}.${field}.${j}`, message: span.error });
          else if (options.knownCode && !knownIn(span, options.knownCode)) notes.push({ path: `${where}.${field}.${j}`, message: `"${c}" is not a code of the loaded data` });
          else if (field === 'codes' && !spans.some((s) => spansOverlap(s, span))) errors.push({ path: `${where}.codes.${j}`, message: `"${c}" is not among the record's codes` });
        });
      }
      bundling.push({ codes: b.codes.map((c) => c.toUpperCase()), includes: b.includes.map((c) => c.toUpperCase()), fact: b.fact, basis: b.basis });
    });

    const selection = selectionFacts(item.selection, at('selection'), errors);
    for (const [entryCode, entry] of entries) {
      for (const [factId, value] of entry.facts) {
        const fact = selection.find((f) => f.id === factId);
        if (!fact) errors.push({ path: at(`entries.${entryCode}.facts.${factId}`), message: `"${factId}" is not a fact of the record's "selection"` });
        else if (!fact.values.some((v) => v.id === value)) errors.push({ path: at(`entries.${entryCode}.facts.${factId}`), message: `"${value}" is not a value of the fact "${factId}" (${fact.values.map((v) => v.id).join(', ')})` });
      }
    }

    const record: KnowledgeRecord = {
      code,
      codes,
      summary: str('summary'),
      description: str('description'),
      modifiers,
      medicalNecessity: strings('medicalNecessity', false),
      performedBy: str('performedBy', false),
      examples: strings('examples', false),
      documentation,
      codingNotes: strings('codingNotes', false),
      specialties: strings('specialties', false),
      placesOfService,
      searchTerms: strings('searchTerms', false),
      entries,
      bundling,
      selection,
      source,
    };
    const family = str('family', false);
    if (family) record.family = family;
    const physicianWork = str('physicianWork', false);
    if (physicianWork) record.physicianWork = physicianWork;
    const betos = str('betos', false);
    if (betos) record.betos = betos.toUpperCase();
    const betosName = str('betosName', false);
    if (betosName) record.betosName = betosName;
    const basis = str('basis', false);
    if (basis) record.basis = basis;
    for (const key of Object.keys(item)) {
      if (!KNOWN_FIELDS.has(key)) problems.push({ file, line: parsed.lineOf(at(key)), message: `Unknown field "${key}" ignored (see docs/knowledge-records.md).` });
    }
    if (errors.length > 0) {
      for (const e of errors) problems.push({ file, line: parsed.lineOf(e.path), message: `Knowledge record${label} skipped: ${e.message}.` });
      return;
    }
    for (const note of notes) problems.push({ file, line: parsed.lineOf(note.path), message: `Knowledge record${label}: ${note.message}.` });
    recordLines.set(record, parsed.lineOf(base));
    records.push(record);
  });
  return records;
}

function knownIn(span: CodeSpan, known: (code: string) => boolean): boolean {
  if (span.low === span.high) return known(span.low);
  // Walk the digits between the ends (a range is at most MAX_RANGE_WIDTH codes wide).
  const digits = (c: string): number => Number(c.replace(/\D/g, ''));
  const width = span.low.replace(/\D/g, '').length;
  for (let n = digits(span.low); n <= digits(span.high); n++) {
    let k = 0;
    const padded = String(n).padStart(width, '0');
    const candidate = span.low.replace(/\d/g, () => padded[k++]);
    if (known(candidate)) return true;
  }
  return false;
}

/** Documentation elements of a list; ids must be new to `taken` (the family's ids, for an entry's elements). */
function documentationElements(raw: JsonValue, path: string, taken: ReadonlySet<string>, errors: { path: string; message: string }[]): DocumentationElement[] {
  const out: DocumentationElement[] = [];
  if (!Array.isArray(raw)) return out;
  raw.forEach((d, k) => {
    if (
      isObject(d) && typeof d.id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(d.id) && typeof d.label === 'string' && isStringList(d.synonyms) &&
      typeof (d.conditional ?? false) === 'boolean' && typeof (d.countsUnits ?? false) === 'boolean'
    ) {
      if (out.some((e) => e.id === d.id) || taken.has(d.id)) errors.push({ path: `${path}.${k}.id`, message: `documentation id "${d.id}" is used twice` });
      const element: DocumentationElement = { id: d.id, label: d.label, synonyms: d.synonyms, conditional: d.conditional === true };
      if (d.countsUnits === true) element.countsUnits = true;
      out.push(element);
    } else {
      errors.push({ path: `${path}.${k}`, message: 'each documentation element needs "id" (kebab-case), "label", "synonyms" (list of strings) and optionally "conditional" and "countsUnits" (true/false)' });
    }
  });
  return out;
}

function codeEntry(
  raw: JsonValue,
  path: string,
  familyIds: ReadonlySet<string>,
  errors: { path: string; message: string }[],
  note: (path: string, message: string) => void,
): CodeEntry | undefined {
  if (!isObject(raw) || typeof raw.distinguishing !== 'string' || raw.distinguishing.trim() === '') {
    errors.push({ path, message: 'each entry needs "distinguishing" (text)' });
    return undefined;
  }
  for (const key of Object.keys(raw)) if (!ENTRY_FIELDS.has(key)) note(`${path}.${key}`, `unknown entry field "${key}" ignored`);
  const entry: CodeEntry = { distinguishing: raw.distinguishing, searchTerms: [], documentation: [], facts: new Map() };
  if (raw.facts !== undefined) {
    const facts = raw.facts;
    if (!isObject(facts) || !Object.values(facts).every((v) => typeof v === 'string')) errors.push({ path: `${path}.facts`, message: '"facts" must be an object of fact id to value id (strings)' });
    else entry.facts = new Map(Object.entries(facts as Record<string, string>));
  }
  if (raw.searchTerms !== undefined) {
    if (isStringList(raw.searchTerms)) entry.searchTerms = raw.searchTerms;
    else errors.push({ path: `${path}.searchTerms`, message: '"searchTerms" must be a list of strings' });
  }
  if (raw.documentation !== undefined) {
    if (!Array.isArray(raw.documentation)) errors.push({ path: `${path}.documentation`, message: '"documentation" must be a list of elements' });
    else entry.documentation = documentationElements(raw.documentation, `${path}.documentation`, familyIds, errors);
  }
  if (raw.quantity !== undefined) {
    const q = raw.quantity;
    const where = `${path}.quantity`;
    const num = (v: JsonValue | undefined): boolean => v === undefined || (typeof v === 'number' && v >= 0);
    if (!isObject(q) || typeof q.kind !== 'string' || !(QUANTITY_KINDS as readonly string[]).includes(q.kind)) {
      errors.push({ path: where, message: `"quantity" needs "kind" (one of ${QUANTITY_KINDS.join(', ')})` });
    } else if (!num(q.min) || !num(q.max) || !num(q.each) || (q.min === undefined && q.max === undefined && q.each === undefined)) {
      errors.push({ path: where, message: '"quantity" needs "min", "max" or "each", each a number of zero or more' });
    } else if (typeof q.min === 'number' && typeof q.max === 'number' && q.min > q.max) {
      errors.push({ path: where, message: `"quantity" min ${q.min} is above max ${q.max}` });
    } else {
      for (const key of Object.keys(q)) if (!QUANTITY_FIELDS.has(key)) note(`${where}.${key}`, `unknown quantity field "${key}" ignored`);
      const quantity: CodeQuantity = { kind: q.kind as QuantityKind };
      if (typeof q.min === 'number') quantity.min = q.min;
      if (typeof q.max === 'number') quantity.max = q.max;
      if (typeof q.each === 'number') quantity.each = q.each;
      entry.quantity = quantity;
    }
  }
  return entry;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The record's selection facts: each with an id, a label and values (id, label, phrases, together, over). */
function selectionFacts(raw: JsonValue | undefined, path: string, errors: { path: string; message: string }[]): SelectionFact[] {
  const out: SelectionFact[] = [];
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) {
    errors.push({ path, message: '"selection" must be a list of facts' });
    return out;
  }
  raw.forEach((f, k) => {
    const where = `${path}.${k}`;
    if (!isObject(f) || typeof f.id !== 'string' || !ID.test(f.id) || typeof f.label !== 'string' || !Array.isArray(f.values) || f.values.length < 2) {
      errors.push({ path: where, message: 'each selection fact needs "id" (kebab-case), "label" and "values" (a list of two or more)' });
      return;
    }
    if (out.some((o) => o.id === f.id)) errors.push({ path: `${where}.id`, message: `selection fact "${f.id}" is given twice` });
    const values: SelectionValue[] = [];
    f.values.forEach((v, j) => {
      const at = `${where}.values.${j}`;
      const together = v && isObject(v) ? v.together ?? [] : [];
      if (
        !isObject(v) || typeof v.id !== 'string' || !ID.test(v.id) || typeof v.label !== 'string' || !isStringList(v.phrases ?? []) ||
        !Array.isArray(together) || !together.every((t) => isStringList(t) && t.length > 0) || !isStringList(v.over ?? [])
      ) {
        errors.push({ path: at, message: 'each value needs "id" (kebab-case) and "label", and optionally "phrases" (strings), "together" (lists of strings) and "over" (value ids)' });
        return;
      }
      values.push({ id: v.id, label: v.label, phrases: (v.phrases ?? []) as string[], together: together as string[][], over: (v.over ?? []) as string[] });
    });
    for (const v of values) for (const o of v.over) if (!values.some((w) => w.id === o)) errors.push({ path: `${where}.values`, message: `"${v.id}" overrides "${o}", which is not a value of "${f.id}"` });
    out.push({ id: f.id, label: f.label, values });
  });
  return out;
}
