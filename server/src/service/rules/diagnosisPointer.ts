import type { ChargeLine } from '../documents/chargeFile';
import type { ClaimRule, Report } from './rule';
import { excerpt } from '../excerpt';
import { excerptList } from '../excerpt';

const LETTERS = 'ABCDEFGHIJKL';
/** A numbered pointer (a constant: a pattern literal in a function is a new object at every call). */
const NUMBERED = /^\d{1,2}$/;

/** Diagnosis pointers (A-L) that do not resolve to one of the claim's diagnoses, or more than four on a line. */
export const diagnosisPointer: ClaimRule = {
  id: 'diagnosis-pointer',
  description: "A diagnosis pointer is not A-L, points past the claim's diagnoses, or a line has more than four pointers.",
  scope: 'claim',
  severity: 'error',
  fixKinds: [],
  checkClaim(group, _context, report) {
    if (!group.lines.some((l) => l.pointers.length > 0)) return;
    // A pointer refers to its own claim's diagnoses: the group may hold several of the patient's claims.
    const claims = new Map<string, ChargeLine[]>();
    for (const line of group.lines) {
      const list = claims.get(line.claimLabel);
      if (list) list.push(line);
      else claims.set(line.claimLabel, [line]);
    }
    for (const lines of claims.values()) checkPointers(this.id, lines, report);
  },
};

function checkPointers(ruleId: string, lines: readonly ChargeLine[], report: Report): void {
  // The claim's diagnoses: every distinct code on its lines, in order (A is the first).
  const list: string[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    for (const dx of line.diagnoses) {
      const key = dx.text.toUpperCase().replace('.', '');
      if (!seen.has(key)) {
        seen.add(key);
        list.push(dx.text.toUpperCase());
      }
    }
  }
  for (const line of lines) {
    line.pointers.forEach((p, i) => {
      const say = (severity: 'error' | 'warning', message: string): void =>
        report({ ruleId, severity, start: p.start, end: p.end, message, data: { pointer: p.text, claimDiagnoses: list } }, line);
      const upper = p.text.toUpperCase();
      const index = NUMBERED.test(upper) ? Number(upper) - 1 : upper.length === 1 ? LETTERS.indexOf(upper) : -1;
      if (index < 0 || index > 11) say('error', `Diagnosis pointer "${excerpt(p.text)}" is not a letter A-L.`);
      else if (index >= list.length) say('error', `Diagnosis pointer ${upper} points to diagnosis ${index + 1}, but this claim has ${list.length === 0 ? 'no diagnoses' : `only ${list.length} (${excerptList(list.map((d, k) => `${LETTERS[k] ?? '?'} ${d}`), ', ', 120)})`}.`);
      else if (i === 4) say('warning', 'More than four diagnosis pointers on one line: a claim line carries at most four; the rest are dropped.');
    });
  }
}
