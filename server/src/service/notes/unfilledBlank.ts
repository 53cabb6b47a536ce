import type { ElementFacts } from './documentation';
import type { NoteRule } from './rule';

const COLON_BEFORE = /\s*(?:\*\*|__)?\s*[:=]\s*(?:\*\*|__)?\s*$/;
/** Where a label starts: after a sentence, cell or field boundary. */
const LABEL_BOUNDARY = /[.;|,()]|\*{3,}|\s{2,}|\s(?:and|or)\s/;

/** The label right before a blank (`Estimated blood loss: ***` → "Estimated blood loss"), if any. */
export function labelBefore(prefix: string): string | undefined {
  const colon = COLON_BEFORE.exec(prefix);
  if (!colon || !prefix.slice(colon.index).includes(':') && !prefix.slice(colon.index).includes('=')) return undefined;
  const label = prefix.slice(0, colon.index).split(LABEL_BOUNDARY).pop()?.replace(/^[\s*_#>+-]+/, '').trim() ?? '';
  return /^[A-Za-z][A-Za-z0-9 /&'-]{0,50}$/.test(label) ? label : undefined;
}

/** A template blank left in a finished note (template mode expects them). */
export const unfilledBlank: NoteRule = {
  id: 'unfilled-blank',
  description: 'A template blank (***, {{...}}, ___) is not filled in.',
  scope: 'note',
  severity: 'warning',
  fixKinds: [],
  checkNote(note, context, report) {
    if (context.templateMode || note.blanks.length === 0) return;
    const elementOf = new Map<number, { code: string; facts: ElementFacts }>();
    for (const facts of context.documentation) {
      for (const element of facts.elements) {
        if (element.blank && !elementOf.has(element.blank.start)) elementOf.set(element.blank.start, { code: facts.code, facts: element });
      }
    }
    for (const blank of note.blanks) {
      const element = elementOf.get(blank.start);
      const line = note.lines[blank.line];
      // A label is short: reading at most 80 characters back keeps a line full of blanks linear.
      const label = labelBefore(note.visible.slice(Math.max(line.start, blank.start - 80), blank.start));
      let message: string;
      if (element) {
        const kind = element.facts.element.conditional ? 'needs, when it applies' : 'requires';
        message = `"${label ?? element.facts.matched?.text}" is not filled in (${blank.text}); ${element.code} ${kind}: ${element.facts.element.label}.`;
      } else if (label) {
        message = `"${label}" is not filled in (${blank.text}).`;
      } else {
        message = `Template blank ${blank.text} is not filled in.`;
      }
      report({
        ruleId: this.id,
        severity: 'warning',
        start: blank.start,
        end: blank.end,
        message: `${message} Fill it in, or check the file as a template if it is one.`,
        data: element ? { blank: blank.text, code: element.code, element: element.facts.element.id } : { blank: blank.text, label },
      });
    }
  },
};
