/**
 * The note's facts point to another member of the cited code's family: a note that
 * describes a medial AND a lateral meniscectomy cites 29881 (one compartment), a
 * cholecystectomy with a cholangiogram cites 47562, a recurrent hernia cites an initial
 * repair. The facts that pick a member are data (a family record's `selection`, each
 * entry's `facts`); a fact counts only when the note shows one value of it (a phrase
 * inside a longer phrase of another value is that value's: "no incarceration" is not
 * "incarcerated"). When exactly one member has the note's values and the cited code's
 * others, the finding is a warning with a labelled fix that changes the code; otherwise
 * it is information naming the members that have the note's value.
 */
import type { CodeEntry, CodeSet, KnowledgeRecord, SelectionFact, SelectionValue } from '../../codeset/types';
import type { NoteDocument } from '../documents/note';
import { citedCodes } from './codeSides';
import { noteMatches } from './documentation';
import type { NoteRule } from './rule';

interface Shown {
  value: SelectionValue;
  /** The first words that show it. */
  at: { start: number; end: number };
  /** What a finding quotes: the first match, or one match of each list of `together`. */
  quotes: { start: number; end: number }[];
}

type Span = { start: number; end: number };

/** The one value of `fact` the note shows, or undefined (none, or several that no `over` settles). */
export function shownValue(note: NoteDocument, fact: SelectionFact, codeSet: CodeSet): Shown | undefined {
  // Per value, lists of matches: its phrases, and each list of `together`.
  const all = fact.values.map((value) => ({
    value,
    lists: [...(value.phrases.length > 0 ? [noteMatches(note, value.phrases, codeSet)] : []), ...value.together.map((g) => noteMatches(note, g, codeSet))],
  }));
  // A match inside a longer match of another value belongs to that value ("no incarceration").
  const inside = (m: Span, other: Span): boolean => other.start <= m.start && other.end >= m.end && other.end - other.start > m.end - m.start;
  // A gap match that says "not" ("the lateral meniscus was not debrided") shows the value only when the value's own phrases say "not".
  const NOT = /\b(?:not|never)\b/i;
  const negated = (value: SelectionValue, m: Span): boolean => NOT.test(note.text.slice(m.start, m.end)) && ![...value.phrases, ...value.together.flat()].some((p) => NOT.test(p));
  const own = (value: SelectionValue, list: Span[]): Span[] =>
    list.filter((m) => !negated(value, m) && !all.some((o) => o.value !== value && o.lists.some((l) => l.some((x) => inside(m, x)))));
  const shown: Shown[] = [];
  for (const { value, lists } of all) {
    const phrases = value.phrases.length > 0 ? own(value, lists[0]) : [];
    const groups = lists.slice(value.phrases.length > 0 ? 1 : 0).map((l) => own(value, l));
    const together = groups.length > 0 && groups.every((g) => g.length > 0) ? groups.map((g) => g[0]) : [];
    const at = [...phrases, ...together].sort((a, b) => a.start - b.start)[0];
    if (at) shown.push({ value, at, quotes: phrases.length > 0 ? [phrases[0]] : together });
  }
  const kept = shown.filter((s) => !shown.some((o) => o !== s && o.value.over.includes(s.value.id)));
  return kept.length === 1 ? kept[0] : undefined;
}

const sameQuantity = (a: CodeEntry, b: CodeEntry): boolean => JSON.stringify(a.quantity ?? null) === JSON.stringify(b.quantity ?? null);

/** Members with the note's values for the mismatched facts and the cited code's for its others: strictly, or loosely (see below). */
function candidates(record: KnowledgeRecord, code: string, entry: CodeEntry, wanted: ReadonlyMap<string, string>, noteValue: (factId: string) => string | undefined): { strict: string[]; loose: string[] } {
  const strict: string[] = [];
  const loose: string[] = [];
  for (const [other, e] of record.entries) {
    if (other === code) continue;
    if (![...wanted].every(([f, v]) => e.facts.get(f) === v)) continue;
    // Loose: the note's values, and the cited code's others where the member has the fact.
    if ([...entry.facts].every(([f, v]) => wanted.has(f) || !e.facts.has(f) || e.facts.get(f) === v)) loose.push(other);
    // Strict: the cited code's other values where the member has the fact (a member without it
    // is any value), and no fact of its own the cited code lacks (a sliding hernia, a repair)
    // unless the note shows the member's value of it (44970 converted to open, "no perforation": 44950).
    if ([...entry.facts].every(([f, v]) => !e.facts.has(f) || e.facts.get(f) === (wanted.get(f) ?? v)) && [...e.facts].every(([f, v]) => entry.facts.has(f) || noteValue(f) === v)) strict.push(other);
  }
  // Several strict members: the ones of the cited code's age group, size or time.
  const narrowed = strict.filter((c) => sameQuantity(record.entries.get(c) as CodeEntry, entry));
  return { strict: strict.length > 1 && narrowed.length > 0 ? narrowed : strict, loose };
}

export const codeSelection: NoteRule = {
  id: 'code-selection',
  description: "The note's facts (compartments, cholangiogram, recurrence, incarceration...) point to another code of the cited code's family.",
  scope: 'note',
  severity: 'warning',
  fixKinds: ['judgment'],
  checkNote(note, context, report) {
    const codeSet = context.codeSet;
    const cited = citedCodes(note, codeSet);
    const citedSet = new Set(cited.map((c) => c.code));
    for (const c of cited) {
      const record = codeSet.knowledge(c.code);
      const entry = record?.entry;
      if (!record || !entry || entry.facts.size === 0) continue;
      // Both sides (RT and LT, or 50): each side's facts are its own, and the note's add up.
      if (c.modifiers.has('50') || (c.modifiers.has('RT') && c.modifiers.has('LT'))) continue;
      const wanted = new Map<string, string>();
      const shown: { fact: SelectionFact; seen: Shown }[] = [];
      for (const [factId, value] of entry.facts) {
        const fact = record.selection.find((f) => f.id === factId);
        const seen = fact && shownValue(note, fact, codeSet);
        if (!fact || !seen || seen.value.id === value) continue;
        wanted.set(factId, seen.value.id);
        shown.push({ fact, seen });
      }
      if (wanted.size === 0) continue;
      const seenFor = new Map<string, string | undefined>();
      const noteValue = (factId: string): string | undefined => {
        if (!seenFor.has(factId)) {
          const fact = record.selection.find((f) => f.id === factId);
          seenFor.set(factId, fact ? shownValue(note, fact, codeSet)?.value.id : undefined);
        }
        return seenFor.get(factId);
      };
      const { strict, loose } = candidates(record, c.code, entry, wanted, noteValue);
      // A member the note already cites: the two are cited together on purpose (bundling is another rule's).
      if ([...strict, ...loose].some((x) => citedSet.has(x))) continue;
      const first = c.citations[0];
      const said = shown
        .map(({ fact, seen }) => {
          const quote = (m: { start: number; end: number }): string => {
            const text = note.text.slice(m.start, m.end).replace(/\s+/g, ' ');
            return `"${text.length > 40 ? text.slice(0, 39) + '…' : text}", line ${note.lineAt(m.start).index + 1}`;
          };
          return `${fact.label}: ${seen.value.label} (${seen.quotes.map(quote).join('; ')})`;
        })
        .join('; ');
      const mine = `${c.code} is ${entry.distinguishing}`;
      const data = { code: c.code, facts: Object.fromEntries(wanted), line: note.lineAt(shown[0].seen.at.start).index + 1 };
      if (strict.length === 1) {
        const other = strict[0];
        report({
          ruleId: this.id,
          severity: 'warning',
          start: first.code.start,
          end: first.code.end,
          message: `The note shows ${said}; ${mine}. ${other} is ${record.entries.get(other)?.distinguishing}.`,
          data: { ...data, suggested: other },
          fixes: [{ title: `Change ${c.code} to ${other} (${record.entries.get(other)?.distinguishing})`, safe: false, edits: c.citations.map((x) => ({ start: x.code.start, end: x.code.end, newText: other })) }],
        });
        continue;
      }
      const which = strict.length > 1 ? strict : loose;
      report({
        ruleId: this.id,
        severity: 'information',
        start: first.code.start,
        end: first.code.end,
        message:
          `The note shows ${said}; ${mine}.` +
          (which.length > 0 ? ` Codes of the family with what the note shows: ${which.map((x) => `${x} (${record.entries.get(x)?.distinguishing})`).join('; ')}; the note does not say enough to pick one.` : ' No code of the family matches all the note shows: a coder would query.'),
        data: { ...data, candidates: which },
        fixes: [],
      });
    }
  },
};
