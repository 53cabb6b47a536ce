/**
 * A measured quantity in the note (excised diameter, wound or defect length, patient
 * age, minutes) outside the range the cited code's family record gives it:
 * "The note documents an excised diameter of 2.4 cm (line 12); 11402 covers 1.1–2.0 cm;
 * 11403 covers 2.1–3.0 cm." Only measurements written in a shape that says what they
 * measure are read (a bare "3 cm" could be an incision or a mesh), and only one clear
 * value: several different values (wounds to be summed, per-side sizes) say nothing.
 */
import type { CodeEntry, CodeQuantity, CodeSet, QuantityKind } from '../../codeset/types';
import type { Fix } from '../types';
import { citedCodes } from './codeSides';
import type { NoteRule } from './rule';

const NUM = String.raw`(\d{1,3}(?:\.\d+)?)`;
const LENGTH_UNIT = String.raw`\s*(cm|mm|centimet(?:er|re)s?|millimet(?:er|re)s?)\b`;

/** Shapes that say what a number measures, per quantity kind; group 1 the number, group 2 the unit (when any). */
const READINGS: Partial<Record<QuantityKind, { what: string; unit: string; patterns: RegExp[] }>> = {
  'diameter-cm': {
    what: 'an excised diameter',
    unit: 'cm',
    patterns: [
      new RegExp(String.raw`excised\s+diameter\s*(?:of|was|is|:)?\s*${NUM}${LENGTH_UNIT}`, 'gi'),
      new RegExp(String.raw`${NUM}${LENGTH_UNIT}[^.\n]{0,20}?\b(?:with|including|incl\.?)\s+(?:the\s+)?margins?\b`, 'gi'),
    ],
  },
  'length-cm': {
    what: 'a length',
    unit: 'cm',
    patterns: [
      new RegExp(String.raw`${NUM}${LENGTH_UNIT}\s+(?:long\s+)?(?:fascial\s+)?(?:laceration|wound|defect)s?\b`, 'gi'),
      new RegExp(String.raw`\b(?:laceration|wound|defect)s?,?\s+(?:measuring|measured|of|was|is)?\s*${NUM}${LENGTH_UNIT}(?!\s*(?:x|by)\s*\d)`, 'gi'),
      new RegExp(String.raw`\btotal\s+(?:repair\s+)?length\s*(?:of|was|is|:)?\s*${NUM}${LENGTH_UNIT}`, 'gi'),
    ],
  },
  'age-years': {
    what: 'a patient age',
    unit: 'years',
    patterns: [
      new RegExp(String.raw`\b(\d{1,3})[\s-]+(?:years?|yrs?)[\s-]+old\b()`, 'gi'),
      new RegExp(String.raw`\b(\d{1,2})[\s-]+(months?)[\s-]+old\b`, 'gi'),
      new RegExp(String.raw`\b(?:age|aged)\s*:?\s*(\d{1,3})\b()`, 'gi'),
      new RegExp(String.raw`\b(\d{1,3})\s*(?:yo|y/o|y\.o\.)()`, 'gi'),
    ],
  },
  minutes: {
    what: 'a time',
    unit: 'minutes',
    patterns: [
      new RegExp(String.raw`\b(?:total|critical\s+care|psychotherapy|face[\s-]to[\s-]face|session)\b[^.\n]{0,30}?\b(\d{1,3})\s*(?:minutes|mins?)\b()`, 'gi'),
      new RegExp(String.raw`\b(\d{1,3})\s*(?:minutes|mins?)\s+(?:of\s+)?(?:critical\s+care|psychotherapy|total\s+time)\b()`, 'gi'),
    ],
  },
};

/** "1.1–2.0 cm", "up to 2.9 cm", "5 years or more". */
function range(q: CodeQuantity, unit: string): string {
  // Centimetres as the descriptors write them ("1.1–2.0 cm"); years and minutes whole.
  const n = (v: number): string => (unit === 'cm' ? v.toFixed(1) : String(v));
  if (q.min !== undefined && q.max !== undefined) return `${n(q.min)}–${n(q.max)} ${unit}`;
  return q.min !== undefined ? `${n(q.min)} ${unit} or more` : `up to ${n(q.max as number)} ${unit}`;
}

function holds(q: CodeQuantity, value: number): boolean {
  return value >= (q.min ?? -Infinity) && value <= (q.max ?? Infinity);
}

/** A value of `unit` in the reading's unit: millimetres and months converted. */
function convert(value: number, unit: string | undefined): number {
  const u = (unit ?? '').toLowerCase();
  if (u.startsWith('mm') || u.startsWith('millimet')) return value / 10;
  if (u.startsWith('month')) return Math.floor((value / 12) * 100) / 100;
  return value;
}

/** The clauses of a phrase written "complex repair; trunk; summed length ..." (an add-on's "add-on: " dropped). */
function clauses(phrase: string): string[] {
  return phrase.replace(/^add-on:\s*/i, '').split(';').map((c) => c.trim());
}

/** The neighbour whose range holds the value and whose phrase shares most words with the cited code's (same site group). */
function neighbour(entries: ReadonlyMap<string, CodeEntry>, code: string, kind: QuantityKind, value: number): string | undefined {
  const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);
  const phrase = entries.get(code)?.distinguishing ?? '';
  const mine = words(phrase);
  // A phrase in clauses names its kind first ("complex repair; ..."): a neighbour keeps it.
  const kindClause = phrase.includes(';') ? clauses(phrase)[0] : undefined;
  let best: { code: string; shared: number } | undefined;
  for (const [other, entry] of entries) {
    const q = entry.quantity;
    if (other === code || !q || q.kind !== kind || (q.min === undefined && q.max === undefined) || !holds(q, value)) continue;
    if (kindClause !== undefined && clauses(entry.distinguishing)[0] !== kindClause) continue;
    const shared = [...words(entry.distinguishing)].filter((w) => mine.has(w)).length;
    if (!best || shared > best.shared) best = { code: other, shared };
  }
  return best?.code;
}

function quantitiesRead(text: string, kind: QuantityKind): { value: number; at: number; text: string }[] {
  const reading = READINGS[kind];
  if (!reading) return [];
  const found: { value: number; at: number; text: string }[] = [];
  for (const pattern of reading.patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push({ value: convert(Number(m[1]), m[2]), at: m.index, text: m[0] });
  }
  return found;
}

/** Words that say nothing about which service an add-on continues. */
const GENERIC = new Set(['minutes', 'each', 'further', 'first', 'about', 'with', 'more', 'than']);

/** Whether an add-on's phrase names the same service as the first code's (two telling words in common: "critical care"). */
function sameService(first: string, addOn: string): boolean {
  const words = (text: string): Set<string> => new Set((text.toLowerCase().match(/[a-z]{4,}/g) ?? []).filter((w) => !GENERIC.has(w)));
  const mine = words(first);
  return [...words(addOn)].filter((w) => mine.has(w)).length >= 2;
}

export const quantityOutOfRange: NoteRule = {
  id: 'quantity-out-of-range',
  description: 'A size, length, age or time the note documents is outside the range of the cited code.',
  scope: 'note',
  severity: 'warning',
  fixKinds: ['judgment'],
  checkNote(note, context, report) {
    const codeSet: CodeSet = context.codeSet;
    for (const cited of citedCodes(note, codeSet)) {
      const record = codeSet.knowledge(cited.code);
      const q = record?.entry?.quantity;
      const reading = q && READINGS[q.kind];
      if (!record || !q || !reading || (q.min === undefined && q.max === undefined)) continue;
      const read = quantitiesRead(note.visible, q.kind);
      // One clear value: several different ones (two wounds, two sides) are not a statement about this code.
      if (new Set(read.map((r) => r.value)).size !== 1 || holds(q, read[0].value)) continue;
      const { value, at } = read[0];
      const line = note.lineAt(at).index + 1;
      const first = cited.citations[0];
      // Every finding states the measurement against the cited code's range, then what to code instead.
      const flag = (rest: string, data: Record<string, string>, fixes: Fix[]): void =>
        report({
          ruleId: this.id,
          severity: 'warning',
          start: first.code.start,
          end: first.code.end,
          message: `The note documents ${reading.what} of ${value} ${reading.unit} (line ${line}); ${cited.code} covers ${range(q, reading.unit)}${rest}`,
          data: { code: cited.code, quantity: q.kind, value, line, ...data },
          fixes,
        });
      const other = neighbour(record.entries, cited.code, q.kind, value);
      // Above the first code's range with no neighbour to move to, the family's add-on (each further
      // 30 minutes, 5 cm ...) of the same kind and site carries the rest.
      const phrase = record.entry?.distinguishing ?? '';
      const group = phrase.includes(';') ? clauses(phrase).slice(0, 2).join(';') : undefined;
      const addOns = [...record.entries]
        .filter(([, e]) => e.quantity?.kind === q.kind && e.quantity.each !== undefined && (group === undefined ? sameService(phrase, e.distinguishing) : clauses(e.distinguishing).slice(0, 2).join(';') === group))
        .map(([c]) => c);
      if (q.max !== undefined && value > q.max && addOns.length > 0) {
        if (addOns.some((c) => citedCodes(note, codeSet).some((x) => x.code === c))) continue;
        flag(`, and the rest is reported with ${addOns.join(' or ')}, which the note does not cite.`, { addOn: addOns[0] }, []);
        continue;
      }
      const otherQ = other ? record.entries.get(other)?.quantity : undefined;
      flag(
        other && otherQ ? `; ${other} covers ${range(otherQ, reading.unit)}.` : '.',
        other ? { suggested: other } : {},
        other && otherQ ? [{ title: `Change ${cited.code} to ${other} (${range(otherQ, reading.unit)})`, safe: false, edits: [{ start: first.code.start, end: first.code.end, newText: other }] }] : [],
      );
    }
  },
};
