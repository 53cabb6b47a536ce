import { elementPattern, searchableText } from './documentation';
import { citedCodes } from './codeSides';
import type { NoteRule } from './rule';
import type { DocumentationElement } from '../../codeset/types';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};

/**
 * Whether units of the code count this element (`"countsUnits": true` on a
 * documentation element: one unit per lesion, level, joint ...); records without it are silent.
 */
export function countsUnits(element: DocumentationElement): boolean {
  return element.countsUnits === true;
}

/**
 * A count stated in the note ("two joints", "3 levels") that disagrees with the units
 * cited for a code whose record says its units count that element.
 */
export const countUnits: NoteRule = {
  id: 'count-units',
  description: 'A number of lesions, levels or joints stated in the note disagrees with the units cited, where the record says units count them.',
  scope: 'note',
  severity: 'warning',
  fixKinds: [],
  checkNote(note, context, report) {
    const cited = new Map(citedCodes(note, context.codeSet).map((c) => [c.code, c]));
    for (const facts of context.documentation) {
      const code = cited.get(facts.code);
      if (!code) continue;
      for (const { element } of facts.elements) {
        if (!countsUnits(element)) continue;
        const stated: { count: number; text: string; line: number }[] = [];
        const re = elementPattern(element);
        re.lastIndex = 0;
        const searchable = searchableText(note);
        let m: RegExpExecArray | null;
        while ((m = re.exec(searchable)) !== null) {
          const text = note.text.slice(m.index, m.index + m[0].length);
          const number = /\d{1,3}|[a-z]+/i.exec(text.match(/\b(?:\d{1,3}|one|single|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/i)?.[0] ?? '');
          if (!number) continue;
          const count = /^\d+$/.test(number[0]) ? Number(number[0]) : NUMBER_WORDS[number[0].toLowerCase()];
          if (count !== undefined) stated.push({ count, text, line: note.lineAt(m.index).index + 1 });
        }
        const counts = new Set(stated.map((s) => s.count));
        // Several different counts (per side, per session ...) are not a clear statement.
        if (counts.size !== 1) continue;
        const [count] = counts;
        const units = code.units;
        if (count === units) continue;
        const first = code.citations[0];
        const words = stated.slice(0, 3).map((s) => `"${s.text}" (line ${s.line})`).join(', ');
        report({
          ruleId: this.id,
          severity: 'warning',
          start: first.code.start,
          end: first.code.end,
          message: `The note reads ${words}, but ${code.code} is cited with ${units} unit${units === 1 ? '' : 's'}${first.units ? '' : ' (none stated)'}; its knowledge record counts units by "${element.label}".`,
          data: { code: code.code, element: element.id, stated: count, units },
        });
      }
    }
  },
};
