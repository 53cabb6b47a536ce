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
    // The file's distinct dates and their first lines (file.dates), not its lines: a keystroke re-runs this.
    const dates = file.dates;
    const undated = dates.count('');
    const firstUndated = undated > 0 ? (dates.first('') ?? -1) : -1;
    let outside = 0;
    let firstOutside = -1;
    for (const d of dates.values()) {
      if (d === '' || dateInRange(d, period.from, period.to)) continue;
      outside += dates.count(d);
      const first = dates.first(d) ?? -1;
      if (firstOutside < 0 || first < firstOutside) firstOutside = first;
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
