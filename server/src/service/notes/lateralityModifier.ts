import { BILATERAL_MEANING, describeIndicator } from '../../codeset/indicators';
import type { Finding, Fix } from '../types';
import { ANATOMIC_MODIFIERS, citedCodes, modifierInsertionPoint } from './codeSides';
import type { NoteRule } from './rule';
import { quoteWords, sideWords, wordsNear } from './sideWords';

/**
 * "Left"/"right" in the note and a paired-organ code (BILAT 1 or 3) cited without a
 * side: a hint, with a fix adding LT or RT when the note names one side only. A side
 * modifier contradicting every side word is a warning.
 */
export const lateralityModifier: NoteRule = {
  id: 'laterality-modifier',
  description: 'The note names a side but a paired-organ code is cited without LT/RT, or with the other side.',
  scope: 'note',
  severity: 'warning',
  fixKinds: ['judgment'],
  checkNote(note, context, report) {
    const all = sideWords(note);
    if (all.length === 0) return;
    for (const cited of citedCodes(note, context.codeSet)) {
      if (cited.bilateral !== '1' && cited.bilateral !== '3') continue;
      const first = cited.citations[0];
      const words = wordsNear(all, note, first);
      // "Bilateral" is bilateral-modifier's to judge.
      if (words.some((w) => w.side === 'bilateral')) continue;
      const left = words.filter((w) => w.side === 'left');
      const right = words.filter((w) => w.side === 'right');
      const indicator = describeIndicator(BILATERAL_MEANING, cited.bilateral);
      const base: Omit<Finding, 'severity' | 'message'> = {
        ruleId: this.id,
        start: first.code.start,
        end: first.code.end,
        data: { code: cited.code, bilateralIndicator: cited.bilateral, words: words.map((w) => w.phrase) },
      };
      const hasRT = cited.modifiers.has('RT');
      const hasLT = cited.modifiers.has('LT');
      if (hasRT !== hasLT) {
        const [coded, other] = hasRT ? ['RT', left] : ['LT', right];
        const same = hasRT ? right : left;
        if (same.length === 0 && other.length > 0) {
          report({ ...base, severity: 'warning', message: `${cited.code}-${coded} says ${hasRT ? 'right' : 'left'}, but the note reads ${quoteWords(other)} and never the ${hasRT ? 'right' : 'left'} side.` });
        }
        continue;
      }
      if (hasRT || cited.modifiers.has('50') || [...cited.modifiers].some((m) => ANATOMIC_MODIFIERS.has(m))) continue;
      const fixes: Fix[] = [];
      const oneSide = left.length > 0 && right.length === 0 ? 'LT' : right.length > 0 && left.length === 0 ? 'RT' : undefined;
      if (oneSide) {
        const at = modifierInsertionPoint(first);
        fixes.push({ title: `Add modifier ${oneSide}: ${cited.code}-${oneSide}`, safe: false, edits: [{ start: at, end: at, newText: `-${oneSide}` }] });
      }
      report({
        ...base,
        severity: 'hint',
        message: `The note reads ${quoteWords(words)}, but ${cited.code} is cited without LT or RT; it is a paired-organ code (bilateral indicator ${indicator}).`,
        fixes,
      });
    }
  },
};
