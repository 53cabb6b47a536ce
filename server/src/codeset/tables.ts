/**
 * The compiled tables beside the fee schedule, all tab-separated text with a header
 * line so a data change reads well in review: modifiers, HCPCS Level II facts,
 * BETOS names, places of service, ICD-10-CM. Pure: writers return strings, readers
 * take strings and report a damaged line with its number instead of throwing.
 */
import type { DataProblem } from './compiled';
import { CPT_MODIFIERS, MODIFIER_FAMILIES } from './modifiers';
import type { DiagnosisCode, HcpcsFacts, ModifierFamily, ModifierInfo, PaymentLocality, PlaceOfService } from './types';

const clean = (s: string): string => s.replace(/[\t\r\n]/g, ' ');

export function writeTsv(fields: readonly string[], rows: readonly (readonly string[])[]): string {
  return [fields.join('\t'), ...rows.map((r) => r.map(clean).join('\t'))].join('\n') + '\n';
}

/**
 * Rows of a TSV whose header is exactly `fields`, each turned into a T by `each`
 * (which may report a problem and return undefined); lines with the wrong field count
 * are reported and skipped.
 */
export function readTsv<T>(text: string, fields: readonly string[], file: string, problems: DataProblem[], each: (cells: string[], line: number) => T | undefined): T[] {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').replace(/\r$/, '');
  if (header !== fields.join('\t')) {
    problems.push({ file, line: 1, message: `Unexpected columns; expected ${fields.join(', ')}.` });
    return [];
  }
  const rows: T[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line === '') continue;
    const cells = line.split('\t');
    if (cells.length !== fields.length) {
      problems.push({ file, line: i + 1, message: `Damaged line skipped (${cells.length} fields, expected ${fields.length}).` });
      continue;
    }
    const row = each(cells, i + 1);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

// ---- Modifiers: CPT (own words) and Level II (HCPCS file) in one table.
export const MODIFIER_FIELDS = ['code', 'source', 'family', 'ncci', 'name', 'description', 'addDate', 'actionEffectiveDate', 'terminationDate', 'actionCode'] as const;

export function writeModifiersTsv(modifiers: readonly ModifierInfo[]): string {
  return writeTsv(MODIFIER_FIELDS, modifiers.map((m) => [
    m.code, m.source, m.family, m.ncciAssociated ? '1' : '', m.name, m.description, m.addDate, m.actionEffectiveDate ?? '', m.terminationDate, m.actionCode ?? '',
  ]));
}

export function readModifiersTsv(text: string, file: string, problems: DataProblem[]): ModifierInfo[] {
  return readTsv(text, MODIFIER_FIELDS, file, problems, (c, line) => {
    if (!/^[A-Z0-9]{2}$/.test(c[0]) || (c[1] !== 'cpt' && c[1] !== 'hcpcs') || !MODIFIER_FAMILIES.has(c[2] as ModifierFamily)) {
      problems.push({ file, line, message: `Modifier row "${c[0]}" skipped: bad code, source or family.` });
      return undefined;
    }
    const info: ModifierInfo = {
      code: c[0], source: c[1], family: c[2] as ModifierFamily, ncciAssociated: c[3] === '1', name: c[4], description: c[5],
      addDate: c[6], terminationDate: c[8],
    };
    if (c[1] === 'hcpcs') {
      info.actionEffectiveDate = c[7];
      info.actionCode = c[9];
    }
    return info;
  });
}

/** The CPT modifiers, then the given Level II ones; a Level II entry never replaces a CPT one. */
export function allModifiers(levelTwo: readonly ModifierInfo[]): Map<string, ModifierInfo> {
  const map = new Map<string, ModifierInfo>();
  for (const m of CPT_MODIFIERS) map.set(m.code, m);
  for (const m of levelTwo) if (!map.has(m.code)) map.set(m.code, m);
  return map;
}

// ---- HCPCS Level II procedure facts.
export const HCPCS_FIELDS = ['code', 'longDescription', 'shortDescription', 'pricing', 'coverage', 'betos', 'addDate', 'actionEffectiveDate', 'terminationDate', 'actionCode', 'release'] as const;

/** HcpcsFacts without the BETOS name (joined from the BETOS table at load). */
export type HcpcsRow = Omit<HcpcsFacts, 'betosName'> & { code: string };

export function writeHcpcsTsv(rows: readonly HcpcsRow[]): string {
  return writeTsv(HCPCS_FIELDS, rows.map((r) => [
    r.code, r.longDescription, r.shortDescription, r.pricing.join(' '), r.coverage, r.betos, r.addDate, r.actionEffectiveDate, r.terminationDate, r.actionCode,
    (r.release ?? '') + (r.descriptionOnly ? ' descriptionOnly' : ''),
  ]));
}

export function readHcpcsTsv(text: string, file: string, problems: DataProblem[]): HcpcsRow[] {
  return readTsv(text, HCPCS_FIELDS, file, problems, (c) => {
    const [release, flag] = c[10].split(' ');
    const row: HcpcsRow = {
      code: c[0], longDescription: c[1], shortDescription: c[2], pricing: c[3] ? c[3].split(' ') : [], coverage: c[4], betos: c[5],
      addDate: c[6], actionEffectiveDate: c[7], terminationDate: c[8], actionCode: c[9], release: release || undefined,
    };
    if (flag === 'descriptionOnly') row.descriptionOnly = true;
    return row;
  });
}

// ---- BETOS names and places of service.
export const BETOS_FIELDS = ['code', 'name'] as const;
export const POS_FIELDS = ['code', 'name', 'facility'] as const;

export function writePosTsv(rows: readonly PlaceOfService[]): string {
  return writeTsv(POS_FIELDS, rows.map((p) => [p.code, p.name, p.facility ? '1' : '']));
}

export function readPosTsv(text: string, file: string, problems: DataProblem[]): PlaceOfService[] {
  return readTsv(text, POS_FIELDS, file, problems, (c) => ({ code: c[0], name: c[1], facility: c[2] === '1' }));
}

// ---- Payment localities and their GPCIs (the CMS GPCI file).
export const GPCI_FIELDS = ['mac', 'state', 'locality', 'name', 'work', 'pe', 'mp'] as const;

export function writeGpciTsv(rows: readonly PaymentLocality[]): string {
  return writeTsv(GPCI_FIELDS, rows.map((l) => [l.mac, l.state, l.locality, l.name, String(l.work), String(l.practiceExpense), String(l.malpractice)]));
}

export function readGpciTsv(text: string, file: string, problems: DataProblem[]): PaymentLocality[] {
  return readTsv(text, GPCI_FIELDS, file, problems, (c, line) => {
    const [work, pe, mp] = [Number(c[4]), Number(c[5]), Number(c[6])];
    if (![work, pe, mp].every((n) => Number.isFinite(n) && n > 0)) {
      problems.push({ file, line, message: 'Damaged line skipped (GPCI values are not numbers).' });
      return undefined;
    }
    return { mac: c[0], state: c[1], locality: c[2], name: c[3], work, practiceExpense: pe, malpractice: mp };
  });
}

// ---- ICD-10-CM: the long description is left blank where it equals the short one (about half the rows).
export const ICD10_FIELDS = ['code', 'billable', 'short', 'long'] as const;

export function writeIcd10Tsv(rows: readonly DiagnosisCode[]): string {
  return writeTsv(ICD10_FIELDS, rows.map((d) => [d.code, d.billable ? '1' : '0', d.shortDescription, d.longDescription === d.shortDescription ? '' : d.longDescription]));
}

/** Inserts the dot after the third character: E119 → E11.9. */
export const dottedIcd10 = (code: string): string => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

/** ICD-10-CM lookups without one object per code: entries are made from the text on demand. */
export interface DiagnosisTable {
  get(code: string): DiagnosisCode | undefined;
  all(): Iterable<DiagnosisCode>;
}

const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Whether `text[from, to)` is an undotted ICD-10-CM code: a letter, a digit, then 1-5 letters or digits. */
function isIcd10Code(text: string, from: number, to: number): boolean {
  const length = to - from;
  if (length < 3 || length > 7 || !isUpper(text.charCodeAt(from)) || !isDigit(text.charCodeAt(from + 1))) return false;
  for (let k = from + 2; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!isUpper(c) && !isDigit(c)) return false;
  }
  return true;
}

/**
 * The compiled ICD-10-CM text kept as one string with a code → line-start map: about
 * a third of the memory of 100,000 objects. Damaged lines are reported and skipped.
 */
export function icd10Table(text: string, file: string, problems: DataProblem[]): DiagnosisTable {
  const starts = new Map<string, number>();
  if (!text.startsWith(ICD10_FIELDS.join('\t') + '\n')) {
    problems.push({ file, line: 1, message: `Unexpected columns; expected ${ICD10_FIELDS.join(', ')}.` });
    return { get: () => undefined, all: () => [] };
  }
  let line = 1;
  for (let start = text.indexOf('\n') + 1; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Three tabs per line and a code of letter, digit, then 1-5 characters: found with
    // indexOf, not a loop over each character and a regex per line (the first hover or check
    // that reads a diagnosis waits for this index: 97,000 lines).
    const tab = text.indexOf('\t', start);
    const tab2 = tab < 0 ? -1 : text.indexOf('\t', tab + 1);
    const tab3 = tab2 < 0 ? -1 : text.indexOf('\t', tab2 + 1);
    const tab4 = tab3 < 0 ? -1 : text.indexOf('\t', tab3 + 1);
    const tabsOk = tab3 >= 0 && tab3 < end && (tab4 < 0 || tab4 > end);
    if (!tabsOk || !isIcd10Code(text, start, tab)) problems.push({ file, line: line + 1, message: 'Damaged line skipped.' });
    else starts.set(text.slice(start, tab), start);
    start = end + 1;
  }
  const entry = (start: number): DiagnosisCode => {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const c = text.slice(start, end).split('\t');
    return { code: c[0], display: dottedIcd10(c[0]), billable: c[1] === '1', shortDescription: c[2], longDescription: c[3] || c[2] };
  };
  return {
    get: (code) => {
      const start = starts.get(code);
      return start === undefined ? undefined : entry(start);
    },
    *all() {
      for (const start of starts.values()) yield entry(start);
    },
  };
}
