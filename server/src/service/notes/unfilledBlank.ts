import type { ElementFacts } from './documentation';
import type { NoteRule } from './rule';

/** A label right before a blank: `Estimated blood loss: ***`. */
const LABEL_BEFORE = /(?:^|[\s*_(])([A-Za-z][A-Za-z0-9 /&'-]{1,50}?)\s*(?:\*\*|__)?\s*[:=]\s*(?:\*\*|__)?\s*$/;

/** A template blank left in a finished note (template mode expects them). */
export const unfilledBlank: NoteRule = {
  id: 'unfilled-blank',
  description: 'A template blank (***, {{...}}, ___) is not filled in.',
  scope: 'note',
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
      const label = LABEL_BEFORE.exec(note.text.slice(line.start, blank.start))?.[1].trim();
      let message: string;
      if (element) {
        const kind = element.facts.element.conditional ? 'needs when it applies' : 'requires';
        message = `"${element.facts.matched?.text}" is not filled in (${blank.text}): ${element.code} ${kind} ${element.facts.element.label.toLowerCase()}.`;
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
