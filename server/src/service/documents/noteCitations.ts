/**
 * Finding the codes a note cites, without false alarms. A code-shaped token is a
 * citation when it is marked: after `CPT`/`HCPCS` (`CPT 47383`, `CPT: 47383-22`,
 * `HCPCS J1100`), on a `Procedure code(s):` line (or the list under it), in
 * parentheses after a procedure name (`cryoablation (47383)`), or in a Markdown table
 * column headed like a code column. A *known* code is also taken from a line that
 * looks like a code list (`- 47383 Cryoablation`, `47383, 76940`). Everything else,
 * and anything that reads as a date, time, phone, ZIP, MRN, amount or measurement, is
 * left alone. One pass over the lines; each line is scanned a constant number of times.
 */
import type { CodeSet } from '../../codeset/types';
import type { ModifierSpan, Span } from './chargeFile';
import { CODE_SHAPE_SOURCE } from '../../codeset/codeShapes';
import { CODE_SHAPE } from './codeToken';
import type { CitationMark, CodeCitation, NoteLine } from './note';

/** A code token: letters must be capitals, so words like `a1234` stay words. */
const TOKEN = new RegExp(`(?:${CODE_SHAPE_SOURCE})(?![A-Za-z0-9])`, 'y');
const TOKEN_ANYWHERE = new RegExp(`(?<![A-Za-z0-9])(?:${CODE_SHAPE_SOURCE})(?![A-Za-z0-9])`, 'g');
const ATTACHED_MODIFIER = /-([A-Za-z0-9]{2})(?![A-Za-z0-9])/y;
const MODIFIER_PHRASE = /,?\s+(?:with\s+)?(?:modifiers?|mod\.?)\s*[:#-]?\s*-?/iy;
const MODIFIER_WORD = /([A-Za-z0-9]{2})(?![A-Za-z0-9])/y;
const MODIFIER_JOIN = /\s*(?:,|&|\/|\band\b)\s*-?/iy;
const UNITS = /\s*(?:[x×]\s*(\d{1,3})(?![\w.])|\(\s*(\d{1,3})\s*units?\s*\)|,?\s+(\d{1,3})\s+units?\b)/iy;
/** Between codes of one list: `47383, 76940`, `47383 and 76940`, `47383 / 76940`. */
const LIST_JOIN = /\s*(?:,|;|\/|&|\+|\band\b|\bor\b)\s*(?:(?:CPT|HCPCS)(?:®)?\s*[:#]?\s*)?/iy;

/** `CPT`, `HCPCS`, `CPT code(s)`, `CPT/HCPCS codes:`, `CPT®` and the like, right before a code. */
const LABEL = /(?<![A-Za-z])(?:CPT|HCPCS)(?:®|\(R\))?(?:\s*(?:\/|or|and)\s*(?:CPT|HCPCS)(?:®)?)?(?:\s+(?:Category\s+I{1,3}\s+)?(?:codes?|code\(s\)))?\s*(?:[:#=–](?:\*\*|__)?|-(?=\s*[A-Z0-9]))?\s*/gi;

/** A line introducing codes: `Procedure code(s):`, `**CPT codes:**`, `Codes billed:`, `Charges:`. */
const CODES_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:(?:CPT|HCPCS|procedure|proc|billing|billed|charge|surgical|operative)(?:\s*\/\s*(?:CPT|HCPCS))?\s*(?:codes?|code\(s\))|codes?\s+(?:billed|submitted|reported)|charges?)\s*(?:\*\*|__)?\s*[:=]\s*(?:\*\*|__)?/i;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,2}[.)])\s+(?:\*\*|__)?/;

/** Words naming a procedure, so `(47383)` after one is a citation and `(12345)` after "MRN" is not. */
const PROCEDURE_WORD = /(?:ectomy|otomy|ostomy|plasty|scopy|pexy|rrhaphy|desis|centesis|graphy|ablation|biopsy|repair|injection|excision|insertion|removal|placement|drainage|aspiration|guidance|resection|reconstruction|fixation|graft|catheter|debridement|incision|closure|implant|ligation|embolization|stent|block|anesthesia|imaging|ultrasound|fluoroscopy|procedure|surgery|visit|exam|examination|lysis|release|dilation|manipulation|reduction|amputation|revision|exploration|bypass|anastomosis|evaluation|consultation|management|infusion|transfusion|lavage|destruction|repositioning|replacement|arthrodesis|cryotherapy|radiofrequency|guided|x-?rays?|radiographs?|scan|study|views?|angiogram|echocardiogram|mammogram|ultrasonography|\bCT|\bMRI|\bMR)\b/i;

/** Words after which a number is an identifier, never a code. */
const ID_WORDS = new Set(['mrn', 'acct', 'account', 'fin', 'csn', 'encounter', 'enc', 'id', 'no', 'number', 'num', 'zip', 'zipcode', 'postal', 'phone', 'tel', 'telephone', 'fax', 'pager', 'ext', 'extension', 'npi', 'dob', 'room', 'rm', 'bed', 'suite', 'ste', 'box', 'lot', 'batch', 'serial', 'sn', 'order', 'accession', 'specimen', 'case', 'ref', 'reference', 'claim', 'auth', 'authorization', 'policy', 'member', 'group', 'invoice', 'badge', 'employee', 'po', 'pin', 'code', 'door', 'access', 'barcode', 'tracking', 'model', 'catalog', 'cat', 'part', 'item', 'sku', 'ndc', 'page', 'pages', 'vol', 'volume', 'tube', 'bottle', 'kit', 'ref#']);
/** Units after which a number is a measurement: `12345 mL`, `10000 units`. Case matters for the one-letter ones. */
const MEASUREMENT_AFTER = /^\s?(?:mL|ml|cc|L|dL|mg|mcg|µg|ug|g|kg|lbs?|oz|cm|mm|km|ft|units?|U|IU|iu|mEq|meq|mmol|mol|Gy|cGy|mGy|mSv|%|mins?|minutes?|secs?|seconds?|hrs?|hours?|days?|weeks?|wks?|months?|years?|yrs?|cells|copies|steps|patients|people|miles|feet|inches|dollars|calories|kcal|bpm|mmHg)(?![A-Za-z])/;
const STATES = 'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const ZIP_BEFORE = new RegExp(`,\\s*(?:${STATES})\\.?\\s+$`);

interface Parsed {
  code: Span;
  modifiers: ModifierSpan[];
  units?: Span;
  /** Offset in the line just past the code, its modifiers and units. */
  next: number;
}

/** True when the token at [start, end) of the line reads as something other than a code. */
function looksLikeOtherNumber(line: string, start: number, end: number, marked: boolean): boolean {
  const before = line[start - 1] ?? '';
  const before2 = line[start - 2] ?? '';
  const after = line.slice(end, end + 2);
  if (before === '$' || (!marked && before === '#')) return true;
  // Dates, times, phone numbers, decimals: 03/12/20255? 555-12345, 1.23456, 12345-6789, 12345.5
  if (/[-/.:]/.test(before) && /\d/.test(before2)) return true;
  if (/^[-/.:]\d/.test(after)) return true;
  if (/^,\d{3}(?!\d)/.test(line.slice(end, end + 5))) return true;
  if (MEASUREMENT_AFTER.test(line.slice(end, end + 12))) return true;
  if (/^\d{5}$/.test(line.slice(start, end)) && ZIP_BEFORE.test(line.slice(Math.max(0, start - 12), start))) return true;
  if (!marked) {
    const word = /([A-Za-z#]+)[\s:#.([]*$/.exec(line.slice(Math.max(0, start - 24), start));
    if (word && ID_WORDS.has(word[1].toLowerCase())) return true;
  }
  return false;
}

/** Parses a code (with modifiers and units) at `pos` of the line, or undefined. */
function parseCodeAt(line: NoteLine, pos: number, marked: boolean): Parsed | undefined {
  const text = line.text;
  if (pos > 0 && /[A-Za-z0-9]/.test(text[pos - 1])) return undefined;
  TOKEN.lastIndex = pos;
  const m = TOKEN.exec(text);
  if (!m || !CODE_SHAPE.test(m[0])) return undefined;
  let next = pos + m[0].length;
  const modifiers: ModifierSpan[] = [];
  const modifier = (re: RegExp): boolean => {
    re.lastIndex = next;
    const mm = re.exec(text);
    if (!mm) return false;
    const start = mm.index + mm[0].length - mm[1].length;
    modifiers.push({ text: mm[1], value: mm[1].toUpperCase(), source: re === ATTACHED_MODIFIER ? 'code' : 'list', start: line.start + start, end: line.start + start + 2 });
    next = mm.index + mm[0].length;
    return true;
  };
  while (modifier(ATTACHED_MODIFIER));
  MODIFIER_PHRASE.lastIndex = next;
  const phrase = MODIFIER_PHRASE.exec(text);
  if (phrase) {
    const saved = next;
    next = phrase.index + phrase[0].length;
    if (modifier(MODIFIER_WORD)) {
      for (;;) {
        const at = next;
        MODIFIER_JOIN.lastIndex = next;
        const join = MODIFIER_JOIN.exec(text);
        if (!join) break;
        next = join.index + join[0].length;
        if (!modifier(MODIFIER_WORD)) {
          next = at;
          break;
        }
      }
    } else {
      next = saved;
    }
  }
  const tokenEnd = modifiers.length > 0 ? next : pos + m[0].length;
  if (looksLikeOtherNumber(text, pos, tokenEnd, marked)) return undefined;
  UNITS.lastIndex = next;
  const units = UNITS.exec(text);
  let unitSpan: Span | undefined;
  if (units) {
    const value = units[1] ?? units[2] ?? units[3];
    const at = units.index + units[0].indexOf(value, units[0].search(/\d/));
    unitSpan = { text: value, start: line.start + at, end: line.start + at + value.length };
    next = units.index + units[0].length;
  }
  return { code: { text: m[0], start: line.start + pos, end: line.start + pos + m[0].length }, modifiers, units: unitSpan, next };
}

/** Parses `47383-22, 76940 and 77013` from `pos`: codes joined by list separators. */
function parseCodeList(line: NoteLine, pos: number, marked: boolean): Parsed[] {
  const out: Parsed[] = [];
  let at = pos;
  for (;;) {
    const parsed = parseCodeAt(line, at, marked);
    if (!parsed) break;
    out.push(parsed);
    LIST_JOIN.lastIndex = parsed.next;
    const join = LIST_JOIN.exec(line.text);
    if (!join) break;
    at = join.index + join[0].length;
  }
  return out;
}

export function findCitations(lines: readonly NoteLine[], codeSet: CodeSet): CodeCitation[] {
  const found = new Map<number, CodeCitation>();
  const add = (parsed: Parsed, mark: CitationMark, line: NoteLine): void => {
    if (found.has(parsed.code.start)) return;
    found.set(parsed.code.start, {
      code: parsed.code,
      value: parsed.code.text,
      modifiers: parsed.modifiers,
      units: parsed.units,
      mark,
      line: line.index,
    });
  };
  const tableLines = findTableCitations(lines, codeSet, add);
  let inCodesBlock = false;
  for (const line of lines) {
    if (tableLines.has(line.index)) continue;
    const text = line.text;
    const codesLine = CODES_LINE.exec(text);
    if (codesLine) {
      scanAll(line, codesLine[0].length, add);
      inCodesBlock = text.slice(codesLine[0].length).trim() === '';
    } else if (inCodesBlock && LIST_ITEM.test(text)) {
      scanAll(line, 0, add);
    } else {
      inCodesBlock = false;
    }
    LABEL.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = LABEL.exec(text)) !== null) {
      if (m[0].length === 0) LABEL.lastIndex++;
      for (const parsed of parseCodeList(line, m.index + m[0].length, true)) add(parsed, 'label', line);
    }
    findParenthesised(line, add);
    findCodeListLine(line, codeSet, add);
  }
  return [...found.values()].sort((a, b) => a.code.start - b.code.start);
}

type Add = (parsed: Parsed, mark: CitationMark, line: NoteLine) => void;

/** Every code token from `from` on (a `Procedure code(s):` line or an item of the list under it). */
function scanAll(line: NoteLine, from: number, add: Add): void {
  TOKEN_ANYWHERE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_ANYWHERE.exec(line.text)) !== null) {
    const parsed = parseCodeAt(line, m.index, false);
    if (parsed) {
      add(parsed, 'codes-line', line);
      TOKEN_ANYWHERE.lastIndex = Math.max(TOKEN_ANYWHERE.lastIndex, parsed.next);
    }
  }
}

/** `Percutaneous cryoablation (47383)`: a parenthesised code list right after procedure words. */
function findParenthesised(line: NoteLine, add: Add): void {
  const re = /\(\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line.text)) !== null) {
    const list = parseCodeList(line, m.index + m[0].length, false);
    if (list.length === 0) continue;
    const close = /^\s*\)/.exec(line.text.slice(list[list.length - 1].next));
    const before = line.text.slice(Math.max(0, m.index - 80), m.index);
    if (close && /[A-Za-z]\s*$/.test(before) && PROCEDURE_WORD.test(before)) {
      for (const parsed of list) add(parsed, 'parenthesis', line);
    }
  }
}

/** A line that looks like a code list: `- 47383 Cryoablation`, `47383-22: ...`, `47383, 76940`. Known codes only. */
function findCodeListLine(line: NoteLine, codeSet: CodeSet, add: Add): void {
  const item = LIST_ITEM.exec(line.text);
  const start = item ? item[0].length : /^\s*/.exec(line.text)![0].length;
  const list = parseCodeList(line, start, false);
  if (list.length === 0) return;
  const rest = line.text.slice(list[list.length - 1].next);
  const listShaped =
    rest.trim() === '' || /^\s*(?:[:|\t–—]|\s-\s|-\s|\s{2,}|\*\*)/.test(rest) || (item !== null && /^\s+\S/.test(rest)) || (list.length > 1 && /^\s*[.;]?\s*$/.test(rest));
  if (!listShaped) return;
  for (const parsed of list) {
    if (codeSet.procedure(parsed.code.text)) add(parsed, 'code-list', line);
  }
}

/**
 * Markdown tables with a code column: every code in that column is a marked citation.
 * A column headed just "Code" may hold lab, supply or internal codes: it counts only
 * when at least one of its codes is a known procedure code. Returns the table lines.
 */
function findTableCitations(lines: readonly NoteLine[], codeSet: CodeSet, add: Add): Set<number> {
  const tableLines = new Set<number>();
  for (let i = 1; i < lines.length; i++) {
    if (!/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(lines[i].text) || !lines[i].text.includes('|')) continue;
    const header = tableCells(lines[i - 1]);
    const roles = header.map((cell) => tableRole(cell.text));
    tableLines.add(i - 1).add(i);
    const pending: { parsed: Parsed; line: NoteLine; generic: boolean }[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j].text.includes('|'); j++) {
      tableLines.add(j);
      const cells = tableCells(lines[j]);
      const modifiers: ModifierSpan[] = [];
      let units: Span | undefined;
      cells.forEach((cell, k) => {
        if (roles[k] === 'modifier') {
          for (const mm of cell.text.matchAll(/[A-Za-z0-9]{2}(?![A-Za-z0-9])/g)) {
            modifiers.push({ text: mm[0], value: mm[0].toUpperCase(), source: 'list', start: cell.start + mm.index, end: cell.start + mm.index + 2 });
          }
        } else if (roles[k] === 'units' && /^\d{1,3}$/.test(cell.text)) {
          units = cell;
        }
      });
      cells.forEach((cell, k) => {
        if (roles[k] !== 'code' && roles[k] !== 'generic-code') return;
        const offset = cell.start - lines[j].start;
        for (const parsed of parseCodeList(lines[j], offset, true)) {
          pending.push({ parsed: { ...parsed, modifiers: [...parsed.modifiers, ...modifiers], units: parsed.units ?? units }, line: lines[j], generic: roles[k] === 'generic-code' });
        }
      });
    }
    const genericIsProcedure = pending.some((p) => p.generic && codeSet.procedure(p.parsed.code.text));
    for (const p of pending) if (!p.generic || genericIsProcedure) add(p.parsed, 'table', p.line);
    i = j - 1;
  }
  return tableLines;
}

function tableRole(header: string): 'code' | 'generic-code' | 'modifier' | 'units' | undefined {
  const name = header.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/icd|diag|dx|zip|postal|phone|loinc|ndc|lab/.test(name)) return undefined;
  if (/^codes?$/.test(name)) return 'generic-code';
  if (/^(?:cpt|hcpcs)|^(?:procedure|proc|billing|charge)codes?$|^px$/.test(name)) return 'code';
  if (/^(?:modifiers?|mods?)\d?$/.test(name)) return 'modifier';
  if (/^(?:units?|qty|quantity)$/.test(name)) return 'units';
  return undefined;
}

/** The cells of a Markdown table row, trimmed, with document offsets. */
function tableCells(line: NoteLine): Span[] {
  const cells: Span[] = [];
  const text = line.text;
  const bounds = [-1];
  for (let i = 0; i < text.length; i++) if (text[i] === '|' && text[i - 1] !== '\\') bounds.push(i);
  bounds.push(text.length);
  // Edge pipes (`| a | b |`) make an empty first and last piece that are not cells.
  const first = text.trimStart().startsWith('|') ? 1 : 0;
  const last = text.trimEnd().endsWith('|') && bounds.length > 2 ? bounds.length - 2 : bounds.length - 1;
  for (let k = first; k < last; k++) {
    const raw = text.slice(bounds[k] + 1, bounds[k + 1]);
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    cells.push({ text: value, start: line.start + bounds[k] + 1 + lead, end: line.start + bounds[k] + 1 + lead + value.length });
  }
  return cells;
}
