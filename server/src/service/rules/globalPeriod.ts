import type { ChargeLine } from '../documents/chargeFile';
import { procedureOf } from '../lineFacts/feeRow';
import { isEvaluationAndManagement } from '../lineFacts/modifierFacts';
import type { ClaimRule } from './rule';

const DAY = 86_400_000;
/** Whether the line has one of the modifiers (no list made per call: it runs for every pair of line and surgery). */
function has(line: ChargeLine, a: string, b?: string, c?: string): boolean {
  for (const m of line.modifiers) if (m.value === a || m.value === b || m.value === c) return true;
  return false;
}

/**
 * The global surgical package across dates, for one patient and provider: a visit in the
 * post-operative days of a 010 or 090 procedure is included unless unrelated (24); another
 * procedure in those days needs 58 (staged), 78 (return to the operating room) or 79
 * (unrelated); a visit the day before a 090 procedure is included unless it decided the
 * surgery (57). Same-day visits are `global-surgery`'s. Basis: Medicare Claims Processing
 * Manual (Pub. 100-04) ch. 12 §40.1-40.2 (the package: pre-operative visit the day before a
 * major procedure, post-operative visits; modifiers 24, 57, 58, 78, 79).
 */
export const globalPeriod: ClaimRule = {
  id: 'global-period',
  description: 'A visit or procedure falls in the global period of a 010/090 procedure on another date (day before a major surgery, or the post-operative days) without 57, 24, 58, 78 or 79.',
  scope: 'claim',
  severity: 'warning',
  fixKinds: [],
  dataTables: ['feeSchedule'],
  checkClaim(claim, context, report) {
    if (claim.lines.length < 2) return;
    let surgeries: { line: ChargeLine; days: number; date: string; time: number; provider: string }[] | undefined;
    for (const line of claim.lines) {
      const global = procedureOf(line, context.codeSet)?.row?.globalDays;
      if (line.dateValue && (global === '010' || global === '090')) {
        (surgeries ??= []).push({ line, days: global === '090' ? 90 : 10, date: line.dateValue, time: Date.parse(line.dateValue), provider: line.field('provider')?.text ?? '' });
      }
    }
    if (!surgeries) return;
    for (const line of claim.lines) {
      const code = line.code;
      if (!code || !line.dateValue) continue;
      const visit = isEvaluationAndManagement(line.codeValue);
      const global = visit ? undefined : procedureOf(line, context.codeSet)?.row?.globalDays;
      const procedure = global === '000' || global === '010' || global === '090';
      if (!visit && !procedure) continue;
      const provider = line.field('provider')?.text ?? '';
      // The line's date, read once for all the claim's surgeries.
      const time = Date.parse(line.dateValue);
      for (const s of surgeries) {
        if (s.line === line || s.provider !== provider) continue;
        const after = Math.round((time - s.time) / DAY);
        let message: string | undefined;
        if (visit && after === -1 && s.days === 90 && !has(line, '57')) {
          message = `${line.codeValue} is the day before ${s.line.codeValue} (90-day global): the pre-operative visit is part of the surgical package unless it was the decision for surgery (57).`;
        } else if (after >= 1 && after <= s.days) {
          if (visit && !has(line, '24', '25', '57')) {
            message = `${line.codeValue} is ${after} day${after === 1 ? '' : 's'} after ${s.line.codeValue}, inside its ${s.days}-day post-operative period: the visit is included unless it was for an unrelated problem (24).`;
          } else if (procedure && !has(line, '58', '78', '79')) {
            message = `${line.codeValue} is ${after} day${after === 1 ? '' : 's'} after ${s.line.codeValue}, inside its ${s.days}-day global period: a procedure there needs 58 (staged or planned), 78 (return to the operating room for a complication) or 79 (unrelated).`;
          }
        }
        if (!message) continue;
        report({
          ruleId: this.id, severity: 'warning', start: code.start, end: code.end, message,
          data: { code: line.codeValue, surgery: s.line.codeValue, surgeryDate: s.date, globalDays: s.days },
          related: s.line.code ? [{ start: s.line.code.start, end: s.line.code.end, message: `${s.line.codeValue} on ${s.date}, whose global period this is` }] : undefined,
        }, line);
        break;
      }
    }
  },
};
