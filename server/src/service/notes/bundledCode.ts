/**
 * Codes cited together in one note where one is part of the other. With NCCI imported,
 * the procedure-to-procedure pairs among the note's codes (as `ncci-ptp` reads a claim,
 * modifiers bypassing an indicator-1 edit as the NCCI Policy Manual ch. I, E says); with
 * or without it, the bundling facts of the cited codes' family records ("chondroplasty in
 * the same knee is part of 29880/29881"), each named with its basis. A note that marks
 * the included code as distinct (59, XS, another side) gets information instead: the
 * note must show the separate site or session.
 */
import { spansHold, spansOf } from '../../codeset/knowledge/codeRanges';
import type { BundlingFact, CodeSet, PtpEdit } from '../../codeset/types';
import type { CodeCitation } from '../documents/note';
import { ptpBypass } from '../lineFacts/ptpBypass';
import { citedCodes } from './codeSides';
import { citationItem } from './lineRules';
import type { NoteRule } from './rule';

/** How the pair's citations stand: the modifier that marks the included one as distinct, if any. */
function distinctBy(including: readonly CodeCitation[], included: CodeCitation, codeSet: CodeSet): string | undefined {
  const line = citationItem(included);
  for (const c of including) {
    const outcome = ptpBypass(citationItem(c), line, codeSet);
    if (!outcome.bypassed) continue;
    // Sites named by anatomic modifiers: say which ("LT" against "RT").
    if (!outcome.by || outcome.by === 'anatomic') return `${c.modifiers.map((m) => m.value).join('-') || 'no modifier'} against ${included.modifiers.map((m) => m.value).join('-')}`;
    return outcome.by;
  }
  return undefined;
}

export const bundledCode: NoteRule = {
  id: 'bundled-code',
  description: 'Two codes cited in one note where one is included in the other (an NCCI procedure-to-procedure pair, or a bundling fact of the family record).',
  scope: 'note',
  // A family record's fact (what every note meets) is information; an imported NCCI pair is reported as a warning.
  severity: 'information',
  fixKinds: [],
  checkNote(note, context, report) {
    const codeSet = context.codeSet;
    const cited = citedCodes(note, codeSet);
    if (cited.length < 2) return;
    const byCode = new Map(cited.map((c) => [c.code, c]));
    const reported = new Set<string>();
    // Pairs the imported NCCI tables hold with indicator 9 (not an edit): CMS data drives, so a record's fact is information.
    const notAnEdit = new Set<string>();
    const ncciLoaded = codeSet.version().ncci !== undefined;
    // NCCI PTP pairs among the cited codes (edits in force: no deletion date).
    if (ncciLoaded) {
      for (const c of cited) {
        for (const edit of codeSet.ptpEdits(c.code)) {
          const included = byCode.get(edit.column2);
          if (edit.column1 !== c.code || !included || edit.column2 === c.code || edit.deletion !== '') continue;
          if (edit.modifierIndicator === '9') {
            notAnEdit.add(`${c.code} ${edit.column2}`);
            continue;
          }
          const by = edit.modifierIndicator === '1' ? distinctBy(c.citations, included.citations[0], codeSet) : undefined;
          reported.add(`${c.code} ${edit.column2}`);
          if (by) continue;
          const at = included.citations[0];
          report({
            ruleId: this.id,
            severity: 'warning',
            start: at.code.start,
            end: at.code.end,
            message:
              `${edit.column2} is cited with ${c.code}, and an NCCI procedure-to-procedure edit makes ${edit.column2} the column-2 code (not paid with ${c.code}; effective ${edit.effective}). ` +
              (edit.modifierIndicator === '0'
                ? 'Modifier indicator 0: no modifier bypasses it.'
                : 'Modifier indicator 1: 59 or XE/XS/XP/XU, or anatomic modifiers naming different sites, bypass it when the note shows the separate site, session or structure.'),
            data: { code: edit.column2, with: c.code, basis: 'NCCI PTP edit', edit: edit as PtpEdit },
          });
        }
      }
    }
    // The family records' bundling facts.
    for (const c of cited) {
      const record = codeSet.knowledge(c.code);
      if (!record) continue;
      for (const fact of record.bundling as BundlingFact[]) {
        if (!spansHold(spansOf(fact.codes), c.code)) continue;
        const includes = spansOf(fact.includes);
        for (const other of cited) {
          const key = `${c.code} ${other.code}`;
          // Once per included code: 29870 with 29881 and 29877 is one finding.
          if (other.code === c.code || reported.has(key) || reported.has(other.code) || !spansHold(includes, other.code)) continue;
          reported.add(key);
          reported.add(other.code);
          const at = other.citations[0];
          const by = distinctBy(c.citations, at, codeSet);
          const nine = notAnEdit.has(key);
          report({
            ruleId: this.id,
            // A record's fact is guidance, not a payer edit: information (issue 12); NCCI pairs above are the warnings.
            severity: 'information',
            start: at.code.start,
            end: at.code.end,
            message:
              `${other.code} is cited with ${c.code}: ${fact.fact} Basis: ${fact.basis}.` +
              (nine ? ` The imported NCCI tables hold the pair with modifier indicator 9 (not an edit).` : '') +
              (by ? ` The note marks ${other.code} as distinct (${by}): it must show the separate site, session or structure.` : ''),
            data: { code: other.code, with: c.code, fact: fact.fact, basis: fact.basis, ...(by ? { distinctBy: by } : {}), ...(nine ? { ncciIndicator: '9' } : {}) },
          });
        }
      }
    }
  },
};
