/**
 * Knowledge records: validation of one parsed JSON file into KnowledgeRecords. The
 * schema is documented in docs/knowledge-records.md. Pure: a record with a missing
 * or wrongly typed required field is reported with its line and skipped; an unknown
 * field is reported and ignored.
 */
import type { DataProblem } from '../compiled';
import type { DocumentationElement, KnowledgeRecord } from '../types';
import { JsonValue, parseJsonWithLines } from './jsonLines';

export const KNOWLEDGE_SCHEMA = 1;

const KNOWN_FIELDS = new Set([
  'schema', 'code', 'summary', 'description', 'modifiers', 'medicalNecessity', 'performedBy', 'physicianWork', 'examples', 'documentation',
  'codingNotes', 'betos', 'betosName', 'specialties', 'placesOfService', 'basis',
]);

type JsonObject = { [key: string]: JsonValue };
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: JsonValue | undefined): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Records in one file's text: a record object, or a list of them. */
export function parseKnowledgeFile(text: string, file: string, source: string, problems: DataProblem[]): KnowledgeRecord[] {
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
    if (!isObject(item)) {
      problems.push({ file, line: parsed.lineOf(base), message: 'A knowledge record must be a JSON object; skipped.' });
      return;
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
    if (item.schema !== undefined && item.schema !== KNOWLEDGE_SCHEMA) errors.push({ path: at('schema'), message: `"schema" ${JSON.stringify(item.schema)} is not ${KNOWLEDGE_SCHEMA}` });
    const code = str('code').toUpperCase();
    if (code && !/^[A-Z0-9]{5}$/.test(code)) errors.push({ path: at('code'), message: `"code" "${code}" is not a five-character CPT/HCPCS code` });
    const modifiers: KnowledgeRecord['modifiers'] = [];
    const rawModifiers = item.modifiers ?? [];
    if (!Array.isArray(rawModifiers)) errors.push({ path: at('modifiers'), message: '"modifiers" must be a list' });
    else rawModifiers.forEach((m, k) => {
      if (isObject(m) && typeof m.code === 'string' && /^[A-Z0-9]{2}$/i.test(m.code) && typeof m.guidance === 'string') modifiers.push({ code: m.code.toUpperCase(), guidance: m.guidance });
      else errors.push({ path: at(`modifiers.${k}`), message: 'each modifier needs "code" (two characters) and "guidance" (text)' });
    });
    const documentation: DocumentationElement[] = [];
    const rawDocs = item.documentation;
    if (!Array.isArray(rawDocs)) errors.push({ path: at('documentation'), message: '"documentation" must be a list of elements' });
    else rawDocs.forEach((d, k) => {
      if (isObject(d) && typeof d.id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(d.id) && typeof d.label === 'string' && isStringList(d.synonyms) && typeof (d.conditional ?? false) === 'boolean') {
        if (documentation.some((e) => e.id === d.id)) errors.push({ path: at(`documentation.${k}.id`), message: `documentation id "${d.id}" is used twice` });
        documentation.push({ id: d.id, label: d.label, synonyms: d.synonyms, conditional: d.conditional === true });
      } else {
        errors.push({ path: at(`documentation.${k}`), message: 'each documentation element needs "id" (kebab-case), "label", "synonyms" (list of strings) and optionally "conditional" (true/false)' });
      }
    });
    const placesOfService = strings('placesOfService', false);
    placesOfService.forEach((p, k) => {
      if (!/^\d{2}$/.test(p)) errors.push({ path: at(`placesOfService.${k}`), message: `place of service "${p}" is not a two-digit code` });
    });
    const record: KnowledgeRecord = {
      code,
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
      source,
    };
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
      for (const e of errors) problems.push({ file, line: parsed.lineOf(e.path), message: `Knowledge record${code ? ` ${code}` : ''} skipped: ${e.message}.` });
      return;
    }
    records.push(record);
  });
  return records;
}
