/** The distinct cited codes with what their citations say about sides: modifiers, units, fee-schedule BILAT indicator. */
import type { CodeSet } from '../../codeset/types';
import type { CodeCitation, NoteDocument } from '../documents/note';

/** Anatomic modifiers that name a side, digit, eyelid or artery: the code set's table. */
export { ANATOMIC_MODIFIERS } from '../../codeset/modifiers';

export interface CitedCode {
  code: string;
  /** The fee-schedule BILAT SURG indicator. */
  bilateral: string;
  citations: CodeCitation[];
  modifiers: Set<string>;
  /** Highest units stated with a citation; 1 when none. */
  units: number;
}

export function citedCodes(note: NoteDocument, codeSet: CodeSet): CitedCode[] {
  const byCode = new Map<string, CitedCode>();
  for (const citation of note.citations) {
    let cited = byCode.get(citation.value);
    if (!cited) {
      const bilateral = codeSet.procedure(citation.value)?.row?.bilateral ?? '';
      byCode.set(citation.value, (cited = { code: citation.value, bilateral, citations: [], modifiers: new Set(), units: 1 }));
    }
    cited.citations.push(citation);
    for (const m of citation.modifiers) cited.modifiers.add(m.value);
    if (citation.units) cited.units = Math.max(cited.units, Number(citation.units.text));
  }
  return [...byCode.values()];
}

/** Where to insert `-50`/`-LT` on a citation: after its attached modifiers, else after the code. */
export function modifierInsertionPoint(citation: CodeCitation): number {
  let end = citation.code.end;
  for (const m of citation.modifiers) if (m.start === end + 1) end = m.end;
  return end;
}
