import type { ChargeLine, Span } from '../documents/chargeFile';
import type { CodeSet } from '../../codeset/types';
import type { LineRule } from './rule';

/** External-cause codes (chapter 20, V00-Y99) say how an injury happened, never what was treated. */
const EXTERNAL_CAUSE = /^[VWXY]\d/i;

/**
 * Manifestation codes of the etiology/manifestation convention carry "in diseases classified
 * elsewhere" (or "in ... conditions/disorders/reactions classified elsewhere") in their own
 * title (ICD-10-CM Official Guidelines, section I.A.13). Only the code's own title counts, as
 * the guideline words it; "as the cause of diseases classified elsewhere" (B95-B97) and "due
 * to ... classified elsewhere" are other conventions and are left alone.
 */
const MANIFESTATION_TITLE = /\bin (?:[\w,'-]+ ){0,4}?(?:diseases?|conditions?|disorders|reactions) classified elsewhere\b/i;

/** Whether a diagnosis code is a manifestation code by its ICD-10-CM title (bundled order file). */
export function isManifestationTitle(title: string): boolean {
  return MANIFESTATION_TITLE.test(title);
}

/**
 * A line's first-listed diagnosis must be what was treated: an external-cause code (V00-Y99)
 * may only follow the injury or condition it explains (ICD-10-CM Official Guidelines for
 * Coding and Reporting, section I.C.20), and a manifestation code ("in diseases classified
 * elsewhere") only follows its underlying condition (section I.A.13, "code first" the etiology).
 * With the tabular list's notes imported, a code under a "code first" note is a warning too.
 */
export const diagnosisSequence: LineRule = {
  id: 'diagnosis-sequence',
  description: 'The first-listed diagnosis of a line is an external-cause code (V00-Y99) or a manifestation code ("in diseases classified elsewhere"), neither of which may be first-listed.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  // The manifestation check reads the ICD-10-CM titles; the external-cause check only the code's shape.
  dataTables: (line: ChargeLine) => (line.diagnoses[0] && EXTERNAL_CAUSE.test(line.diagnoses[0].text) ? [] : ['icd10']),
  checkLine(line, context, report) {
    if (!context.columns.diagnosis || !line.code) return;
    const first = line.diagnoses[0];
    if (!first) return;
    // Upper case only for a message: most lines have none, and a copy per line is garbage.
    if (EXTERNAL_CAUSE.test(first.text)) {
      const code = first.text.toUpperCase();
      const after = line.diagnoses.slice(1).find((dx) => !EXTERNAL_CAUSE.test(dx.text));
      report({
        ruleId: this.id,
        severity: 'error',
        start: first.start,
        end: first.end,
        message: `${code} is an external-cause code (V00-Y99): it says how an injury happened and is never first-listed. ` +
          (after ? `List ${after.text.toUpperCase()}, the condition treated, first.` : 'List the injury or condition treated first, then the external cause.'),
        data: { diagnosis: code, next: after?.text.toUpperCase() },
      }, line);
      return;
    }
    const known = context.codeSet.diagnosis(first.text);
    const title = known ? known.longDescription || known.shortDescription : '';
    if (!known) return;
    if (!isManifestationTitle(title)) {
      // The tabular list's "code first" notes, when imported (cpt-lens import icd10-tabular FILE).
      const note = context.codeSet.tabularNotes?.()?.codeFirst(known.code);
      if (!note) return;
      const next = line.diagnoses[1]?.text.toUpperCase();
      const on = note.code === known.code ? '' : ` (on ${context.codeSet.diagnosis(note.code)?.display ?? note.code}, which includes it)`;
      const said = note.note.length > 140 ? `${note.note.slice(0, 140)}…` : note.note;
      report({
        ruleId: this.id,
        severity: 'warning',
        start: first.start,
        end: first.end,
        message: `${known.display} has a "code first" note in the ICD-10-CM tabular list${on}: "${said}". The condition it names is listed before ${known.display}` +
          (next ? `; if ${next} is that condition, list it first.` : '; add it and list it first.'),
        data: { diagnosis: known.display, codeFirst: note.note, noteOn: note.code, next },
      }, line);
      return;
    }
    const after = firstUnderlying(line.diagnoses, context.codeSet);
    report({
      ruleId: this.id,
      severity: 'error',
      start: first.start,
      end: first.end,
      message: `${known.display} is a manifestation code ("${title}"): it is never first-listed; its underlying condition is coded first. ` +
        (after ? `If ${after.text.toUpperCase()} is that condition, list it first.` : 'Add the underlying condition and list it first.'),
      data: { diagnosis: known.display, manifestation: true, title, next: after?.text.toUpperCase() },
    }, line);
  },
};

/**
 * The first diagnosis after the first that may be an underlying condition (not an external cause
 * or manifestation). A function of its own: the closure it had here made a context object at
 * every line's check, with a finding or not.
 */
function firstUnderlying(diagnoses: readonly Span[], codeSet: CodeSet): Span | undefined {
  for (let k = 1; k < diagnoses.length; k++) {
    const dx = diagnoses[k];
    const d = codeSet.diagnosis(dx.text);
    if (!EXTERNAL_CAUSE.test(dx.text) && !(d && isManifestationTitle(d.longDescription || d.shortDescription))) return dx;
  }
  return undefined;
}
