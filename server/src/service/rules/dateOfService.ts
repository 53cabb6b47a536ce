import { dateInRange } from '../documents/dates';
import type { ClaimRule } from './rule';
import { excerpt } from '../excerpt';

/** Dates that do not parse; once per file, lines without a date or with dates outside the data's release. */
export const dateOfService: ClaimRule = {
  id: 'date-of-service',
  description: 'Date of service does not parse; lines without a date, or dated outside the loaded fee-schedule release, are noted once per file.',
  scope: 'claim',
  severity: 'error',
  fixKinds: [],
  checkClaim(claim, _context, report) {
    for (const line of claim.lines) {
      if (!line.code || !line.date || line.dateValue) continue;
      report({
        ruleId: this.id,
        severity: 'error',
        start: line.date.start,
        end: line.date.end,
        message: `"${excerpt(line.date.text)}" is not a date of service: write YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD.`,
        data: { date: line.date.text },
      }, line);
    }
  },
  checkFile(file, context, report) {
    if (!context.columns.code) return;
    const { feeSchedule, feeScheduleEffective: period } = context.codeSet.release;
    // A flat scan of file.lineDates (dates are shared strings, so the range test is
    // remembered per distinct date): a keystroke re-runs this.
    const inRange = new Map<string, boolean>();
    let undated = 0;
    let firstUndated = -1;
    let outside = 0;
    let firstOutside = -1;
    const dates = file.lineDates;
    for (let i = 0; i < dates.length; i++) {
      const d = dates[i];
      if (d === undefined) continue;
      if (d === null) {
        undated++;
        if (firstUndated < 0) firstUndated = i;
        continue;
      }
      let ok = inRange.get(d);
      if (ok === undefined) inRange.set(d, (ok = dateInRange(d, period.from, period.to)));
      if (!ok) {
        outside++;
        if (firstOutside < 0) firstOutside = i;
      }
    }
    const undatedAt = firstUndated >= 0 ? file.lines[firstUndated].code : undefined;
    if (undatedAt) {
      report({
        ruleId: this.id,
        severity: 'information',
        start: undatedAt.start,
        end: undatedAt.end,
        message: `${undated} line(s) have no date of service: they are checked against the loaded data, ${feeSchedule} (${period.from} to ${period.to}), as if billed in that period.`,
        data: { lines: undated, release: feeSchedule, ...period },
      });
    }
    const outsideAt = firstOutside >= 0 ? file.lines[firstOutside].date : undefined;
    if (outsideAt) {
      report({
        ruleId: this.id,
        severity: 'information',
        start: outsideAt.start,
        end: outsideAt.end,
        message: `${outside} line(s) have dates of service outside ${feeSchedule} (${period.from} to ${period.to}): their fee-schedule indicators are from that release and may differ on those dates.`,
        data: { lines: outside, release: feeSchedule, ...period },
      });
    }
  },
};
