import type { ClaimRule } from './rule';

const LETTERS = 'ABCDEFGHIJKL';

/** Diagnosis pointers (A-L) that do not resolve to one of the claim's diagnoses, or more than four on a line. */
export const diagnosisPointer: ClaimRule = {
  id: 'diagnosis-pointer',
  description: "A diagnosis pointer is not A-L, points past the claim's diagnoses, or a line has more than four pointers.",
  scope: 'claim',
  severity: 'error',
  fixKinds: [],
  checkClaim(claim, _context, report) {
    if (!claim.lines.some((l) => l.pointers.length > 0)) return;
    // The claim's diagnoses: every distinct code on its lines, in order (A is the first).
    const list: string[] = [];
    const seen = new Set<string>();
    for (const line of claim.lines) {
      for (const dx of line.diagnoses) {
        const key = dx.text.toUpperCase().replace('.', '');
        if (!seen.has(key)) {
          seen.add(key);
          list.push(dx.text.toUpperCase());
        }
      }
    }
    for (const line of claim.lines) {
      line.pointers.forEach((p, i) => {
        const say = (severity: 'error' | 'warning', message: string): void =>
          report({ ruleId: this.id, severity, start: p.start, end: p.end, message, data: { pointer: p.text, claimDiagnoses: list } }, line);
        const upper = p.text.toUpperCase();
        const index = /^\d{1,2}$/.test(upper) ? Number(upper) - 1 : upper.length === 1 ? LETTERS.indexOf(upper) : -1;
        if (index < 0 || index > 11) say('error', `Diagnosis pointer "${p.text}" is not a letter A-L.`);
        else if (index >= list.length) say('error', `Diagnosis pointer ${upper} points to diagnosis ${index + 1}, but this claim has ${list.length === 0 ? 'no diagnoses' : `only ${list.length} (${list.map((d, k) => `${LETTERS[k]} ${d}`).join(', ')})`}.`);
        else if (i === 4) say('warning', 'More than four diagnosis pointers on one line: a claim line carries at most four; the rest are dropped.');
      });
    }
  },
};
