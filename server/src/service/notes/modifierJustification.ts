/**
 * A modifier that changes payment on the strength of the note must be explained in
 * it: 22 needs the reason the work was substantially greater (extra time, difficulty,
 * findings); 59, XE, XS, XP and XU need what made the service distinct (the separate
 * encounter, site or structure, practitioner, or non-overlapping service). What counts
 * as saying so is data (`modifierJustification` in `data/note-language.json`).
 */
import type { ModifierJustification } from '../../codeset/noteVocabulary';
import { noteSays } from './documentation';
import { insertPromptFix } from './prompts';
import type { NoteRule } from './rule';

export const modifierJustification: NoteRule = {
  id: 'modifier-justification',
  description: 'A cited code carries 22, 59 or an X modifier, and the note does not say why (greater work; the separate site, session, practitioner or service).',
  scope: 'note',
  severity: 'warning',
  fixKinds: ['safe'],
  checkNote(note, context, report) {
    const rules = context.codeSet.noteVocabulary?.().modifierJustification ?? [];
    if (rules.length === 0) return;
    const done = new Set<string>();
    for (const citation of note.citations) {
      for (const modifier of citation.modifiers) {
        const rule = rules.find((r: ModifierJustification) => r.modifiers.includes(modifier.value));
        const key = `${citation.value}-${modifier.value}`;
        if (!rule || done.has(key)) continue;
        done.add(key);
        if (noteSays(note, rule.phrases, context.codeSet)) continue;
        report({
          ruleId: modifierJustification.id,
          severity: 'warning',
          start: modifier.start,
          end: modifier.end,
          message: `Modifier ${modifier.value} on ${citation.value}: the note does not say ${rule.needs}. A payer reviewing the claim looks for it in the note.`,
          data: { code: citation.value, modifier: modifier.value, needs: rule.needs },
          fixes: [insertPromptFix(note, `Reason for modifier ${modifier.value}`)],
        });
      }
    }
  },
};
