import type { ChargeLine } from '../documents/chargeFile';
import { dateInRange } from '../documents/dates';
import type { ClaimRule } from './rule';

/** Dates that do not parse; once per file, lines without a date or with dates outside the data's release. */
export const dateOfService: ClaimRule = {
  id: 'date-of-service',
  description: 'Date of service does not parse; lines without a date, or dated outside the loaded fee-schedule release, are noted once per file.',
  scope: 'claim',
  checkClaim(claim, _context, report) {
    for (const line of claim.lines) {
      if (!line.code || !line.date || line.dateValue) continue;
      report({
        ruleId: this.id,
        severity: 'error',
        start: line.date.start,
        end: line.date.end,
        message: `"${line.date.text}" is not a date of service: write YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD.`,
        data: { date: line.date.text },
      }, line);
    }
  },
  checkFile(file, context, report) {
    if (!context.columns.code) return;
    const { feeSchedule, feeScheduleEffective: period } = context.codeSet.release;
    // By service day, not by line: every line of a day shares its date, and a keystroke re-runs this.
    let undated = 0;
    let firstUndated: ChargeLine | undefined;
    let outside = 0;
    let firstOutside: ChargeLine | undefined;
    for (const claim of file.claims.values()) {
      for (const day of claim.days.values()) {
        const line = day[0];
        if (!line.date) {
          undated += day.length;
          if (!firstUndated || line.index < firstUndated.index) firstUndated = line;
        } else if (line.dateValue && !dateInRange(line.dateValue, period.from, period.to)) {
          outside += day.length;
          if (!firstOutside || line.index < firstOutside.index) firstOutside = line;
        }
      }
    }
    const at = firstUndated?.code ?? firstUndated?.row;
    if (at) {
      report({
        ruleId: this.id,
        severity: 'information',
        start: at.start,
        end: at.end,
        message: `${undated} line(s) have no date of service: they are checked against the loaded data, ${feeSchedule} (${period.from} to ${period.to}), as if billed in that period.`,
        data: { lines: undated, release: feeSchedule, ...period },
      });
    }
    if (firstOutside?.date) {
      report({
        ruleId: this.id,
        severity: 'information',
        start: firstOutside.date.start,
        end: firstOutside.date.end,
        message: `${outside} line(s) have dates of service outside ${feeSchedule} (${period.from} to ${period.to}): their fee-schedule indicators are from that release and may differ on those dates.`,
        data: { lines: outside, release: feeSchedule, ...period },
      });
    }
  },
};
