import { BILATERAL_MEANING, describeIndicator } from '../../codeset/indicators';
import type { Fix } from '../types';
import { citedCodes, modifierInsertionPoint } from './codeSides';
import type { NoteRule } from './rule';
import { quoteWords, sideWords, wordsNear } from './sideWords';

/**
 * The note says "bilateral", but a cited bilateral-eligible code does not say so:
 * BILAT 1 without 50 (or RT and LT), BILAT 3 without RT and LT (or 2 units).
 */
export const bilateralModifier: NoteRule = {
  id: 'bilateral-modifier',
  description: 'The note reads "bilateral" but a bilateral-eligible code is cited without 50, RT/LT or 2 units.',
  scope: 'note',
  severity: 'warning',
  fixKinds: ['judgment'],
  checkNote(note, context, report) {
    // An indication or diagnosis may be bilateral when the procedure is not ("bilateral knee OA").
    const all = sideWords(note).filter((w) => !w.condition);
    if (!all.some((w) => w.side === 'bilateral')) return;
    for (const cited of citedCodes(note, context.codeSet)) {
      const near = wordsNear(all, note, cited.citations[0]);
      const words = near.filter((w) => w.side === 'bilateral');
      if (words.length === 0) continue;
      const both = cited.modifiers.has('RT') && cited.modifiers.has('LT');
      // One side coded and named in the note: the note tells of one side of a bilateral problem.
      const oneSide = cited.modifiers.has('RT') ? 'right' : cited.modifiers.has('LT') ? 'left' : undefined;
      if (!both && oneSide && near.some((w) => w.side === oneSide)) continue;
      let missing: string;
      const fixes: Fix[] = [];
      const first = cited.citations[0];
      if (cited.bilateral === '1') {
        if (cited.modifiers.has('50') || both) continue;
        missing = 'modifier 50 (or RT and LT)';
        const at = modifierInsertionPoint(first);
        fixes.push({ title: `Add modifier 50: ${cited.code}-50`, safe: false, edits: [{ start: at, end: at, newText: '-50' }] });
      } else if (cited.bilateral === '3') {
        if (both || cited.units >= 2) continue;
        missing = 'RT and LT (or 2 units)';
      } else {
        continue;
      }
      report({
        ruleId: this.id,
        severity: 'warning',
        start: first.code.start,
        end: first.code.end,
        message: `The note reads ${quoteWords(words)}, but ${cited.code} is cited without ${missing}; its bilateral indicator is ${describeIndicator(BILATERAL_MEANING, cited.bilateral)}.`,
        data: { code: cited.code, bilateralIndicator: cited.bilateral, words: words.map((w) => w.phrase) },
        fixes,
      });
    }
  },
};
