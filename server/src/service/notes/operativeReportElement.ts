/**
 * Every operative report shows what the hospital Conditions of Participation (42 CFR
 * 482.51(b)(6)) and The Joint Commission (RC.02.01.03) require: surgeon, procedure,
 * pre- and post-operative diagnosis, anesthesia, technique, findings, blood loss,
 * specimens, complications, disposition. A note is an operative report when it cites a
 * surgical code (fee-schedule global 000, 010 or 090) or has a section describing the
 * procedure. The element list is data (`data/operative-report.json`); the
 * `operativeReport` setting skips elements or adds an organisation's own.
 */
import type { OperativeReportElement } from '../../codeset/noteVocabulary';
import type { CodeSet } from '../../codeset/types';
import type { CodeCitation, NoteDocument, NoteSection } from '../documents/note';
import type { CheckSettings } from '../settings';
import type { Finding } from '../types';
import { absenceText, elementsFacts, noteSays, promptLabel } from './documentation';
import { insertPromptFix, procedureSection } from './prompts';
import type { NoteRule } from './rule';

/** Fee-schedule global periods of surgical codes, least to most: 000 endoscopies and minor procedures, 010 minor with follow-up, 090 major. */
export const SURGICAL_GLOBALS: readonly string[] = ['000', '010', '090'];
/** A title or heading that makes the note an operative report, whatever the code's global period. */
const OPERATIVE_TITLE = /\b(?:operative|operation|op)\s+(?:report|note)\b/i;
/**
 * Labels and headings of a procedure note. A note citing a surgical code without any of
 * them, and without narrative of a procedure, is not a procedure note (a progress note
 * listing "laparoscopic cholecystectomy (CPT 47562), 2019" in the surgical history).
 */
const PROCEDURE_NOTE_LABEL = /^[^\S\n]*(?:[-*+][^\S\n]+)?(?:\*\*|__|#{1,6}[^\S\n]+)?[^\S\n]*(?:pre-?[^\S\n]?op|post-?[^\S\n]?op|procedures?\b|operations?\b|operative|technique|description|details|findings|surgeons?\b|operator|endoscopist|performed by|physician|anaesthe|anesthe|sedation|indications?\b)[^:\n]{0,60}:/im;
/** Words of a description that documents the technique by itself. */
const DESCRIPTION_WORDS = 8;
/** Headings that describe the procedure itself (not a title such as "Operative note" or "Procedure note"). */
const DESCRIBING_HEADING = /\b(?:technique|description|narrative|details?)\b|^\s*(?:procedures?|operations?)(?:\s+(?:performed|done))?\s*$/i;

/** The bundled elements, less the ones the settings skip, plus the organisation's own (same id: theirs). */
export function operativeElements(codeSet: CodeSet, settings: CheckSettings): OperativeReportElement[] {
  const skip = new Set(settings.operativeReport?.skip ?? []);
  const own = (settings.operativeReport?.elements ?? []).map((e) => ({ ...e, conditional: e.conditional === true, basis: e.basis ?? 'Organisation setting (operativeReport.elements).', sameAs: [] }));
  const bundled = (codeSet.noteVocabulary?.().operativeReport ?? []).filter((e) => !skip.has(e.id) && !own.some((o) => o.id === e.id));
  return [...bundled, ...own.filter((e) => !skip.has(e.id))];
}

/**
 * Why the note is an operative report: its surgical citation with the longest global
 * period (the first of those), else its procedure-description section.
 */
export function operativeReportReason(note: NoteDocument, codeSet: CodeSet): { citation: CodeCitation; global: string } | { section: NoteSection } | undefined {
  let best: { citation: CodeCitation; global: string } | undefined;
  for (const citation of note.citations) {
    const global = codeSet.procedure(citation.value)?.row?.globalDays ?? '';
    if (SURGICAL_GLOBALS.includes(global) && (!best || SURGICAL_GLOBALS.indexOf(global) > SURGICAL_GLOBALS.indexOf(best.global))) best = { citation, global };
  }
  if (best) return best;
  // A note titled as an operative report is one whatever its code's global period (a cesarean
  // delivery is MMM, a maternity package): its first procedure code with a fee-schedule row.
  if (isTitledOperativeReport(note)) {
    const citation = note.citations.find((c) => codeSet.procedure(c.value)?.row);
    if (citation) return { citation, global: codeSet.procedure(citation.value)?.row?.globalDays ?? '' };
  }
  const section = procedureSection(note);
  return section && DESCRIBING_HEADING.test(section.heading) ? { section } : undefined;
}

/** Whether the note's first line of text or one of its headings calls it an operative report. */
export function isTitledOperativeReport(note: NoteDocument): boolean {
  const title = note.lines.find((l) => /[A-Za-z]/.test(l.text))?.text ?? '';
  return OPERATIVE_TITLE.test(title) || note.sections.some((sec) => sec.headingLine >= 0 && OPERATIVE_TITLE.test(sec.heading));
}

/**
 * Whether a label or heading named in `sections` (`Procedure:`, `DESCRIPTION OF
 * PROCEDURE`) carries a description of a dozen words or more: on its line, or in the
 * section under it.
 */
export function describedInSection(note: NoteDocument, sections: readonly string[]): boolean {
  if (sections.length === 0) return false;
  const named = new RegExp(`\\b(?:${sections.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'i');
  const words = (text: string): number => (text.match(/[A-Za-z]+/g) ?? []).length;
  for (const line of note.lines) {
    const label = /^\s*(?:[-*+]\s+)?(?:\*\*|__|#{1,6}\s+)?([A-Za-z][A-Za-z ,/&()'-]{1,60}?)\s*(?:\*\*|__)?\s*:(.*)$/.exec(line.text) ?? /^\s*#{1,6}\s+(.+)$()/.exec(line.text);
    if (!label || !named.test(label[1])) continue;
    let count = words(label[2].replace(/^\s*(?:\*\*|__)/, ''));
    const section = note.sections.find((s) => s.headingLine === line.index);
    if (section) for (let i = section.firstLine + 1; i <= section.lastLine; i++) count += words(note.lines[i].text);
    if (count >= DESCRIPTION_WORDS) return true;
  }
  return false;
}

/** Whether the note reads as a procedure note: its labels, a title saying so, or the technique's narrative. */
export function isProcedureNote(note: NoteDocument, elements: readonly OperativeReportElement[], codeSet: CodeSet): boolean {
  if (PROCEDURE_NOTE_LABEL.test(note.visible) || note.sections.some((s) => s.headingLine >= 0 && /\b(?:procedure|operative|operation)\b/i.test(s.heading))) return true;
  const technique = elements.find((e) => e.id === 'technique');
  return technique !== undefined && noteSays(note, technique.synonyms, codeSet) !== undefined;
}

export const operativeReportElement: NoteRule = {
  id: 'operative-report-element',
  description: 'A surgical note does not show an element every operative report must (surgeon, diagnoses, anesthesia, technique, findings, blood loss, specimens, complications, disposition).',
  scope: 'note',
  severity: 'warning',
  fixKinds: ['safe'],
  checkNote(note, context, report) {
    const reason = operativeReportReason(note, context.codeSet);
    if (!reason) return;
    const all = operativeElements(context.codeSet, context.settings);
    if ('citation' in reason && !isProcedureNote(note, context.codeSet.noteVocabulary?.().operativeReport ?? all, context.codeSet)) return;
    // An element a cited code's record checks (complications, the anesthesia record) is that rule's to report.
    const recordIds = new Set(context.documentation.flatMap((f) => f.elements.map((e) => e.element.id)));
    // The full list for a 090 code, a note titled as an operative report, or a procedure section without a code.
    const titled = isTitledOperativeReport(note);
    const global = 'citation' in reason && !titled ? reason.global : '090';
    const elements = all.filter((e) =>
      !e.conditional && !recordIds.has(e.id) && !e.sameAs.some((id) => recordIds.has(id)) && (e.globals === undefined || e.globals.includes(global))
      && (!e.onlyWhen?.globals.includes(global) || noteSays(note, e.onlyWhen.phrases, context.codeSet) !== undefined));
    if (elements.length === 0) return;
    const heading = 'section' in reason ? note.lines[reason.section.headingLine] : undefined;
    const start = 'citation' in reason ? reason.citation.code.start : (heading?.start ?? 0) + (heading?.text.length ?? 0) - (heading?.text.trimStart().length ?? 0);
    const end = 'citation' in reason ? reason.citation.code.end : heading?.end ?? 0;
    const why =
      'citation' in reason
        ? SURGICAL_GLOBALS.includes(reason.global)
          ? `${reason.citation.value} is surgical (global ${reason.global})${titled ? ' and the note is an operative report' : ''}`
          : `the note is an operative report citing ${reason.citation.value}`
        : `the note describes a procedure ("${reason.section.heading}")`;
    for (const facts of elementsFacts(note, elements, context.codeSet)) {
      const element = facts.element as OperativeReportElement;
      if (facts.state !== 'missing' || describedInSection(note, element.sections ?? [])) continue;
      const words = [element.label, ...element.synonyms.filter((s) => s.toLowerCase() !== element.label.toLowerCase())];
      const lookedFor = words.slice(0, 4).map((s) => `"${s}"`).join(', ') + (words.length > 4 ? ', ...' : '');
      const finding: Finding = {
        ruleId: operativeReportElement.id,
        severity: 'warning',
        start,
        end,
        message: `An operative report shows: ${element.label}. ${absenceText(facts, lookedFor, note)}; ${why}.`,
        data: { element: element.id, label: element.label, basis: element.basis, ...('citation' in reason ? { code: reason.citation.value, globalDays: reason.global } : { section: reason.section.heading }) },
        fixes: [insertPromptFix(note, promptLabel(element.label))],
      };
      report(finding);
    }
  },
};
