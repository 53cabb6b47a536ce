import { dateInRange } from '../documents/dates';
import type { FileRule } from './rule';

/** Dates that do not parse; once per file, lines without a date or with dates outside the data's release. */
export const dateOfService: FileRule = {
  id: 'date-of-service',
  description: "Date of service does not parse; lines without a date, or dated outside the loaded fee-schedule release, are noted once per file.",
  scope: 'file',
  checkFile(file, context, report) {
    if (!context.columns.code) return;
    const { feeSchedule, feeScheduleEffective: period } = context.codeSet.release;
    let undated = 0;
    let firstUndated: { start: number; end: number } | undefined;
    let outside = 0;
    let firstOutside: { start: number; end: number } | undefined;
    for (const line of file.lines) {
      if (!line.code) continue;
      if (!line.date) {
        undated++;
        firstUndated ??= line.code;
        continue;
      }
      if (!line.dateValue) {
        report({
          ruleId: this.id,
          severity: 'error',
          start: line.date.start,
          end: line.date.end,
          message: `"${line.date.text}" is not a date of service: write YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD.`,
          data: { date: line.date.text },
        }, line);
      } else if (!dateInRange(line.dateValue, period.from, period.to)) {
        outside++;
        firstOutside ??= line.date;
      }
    }
    if (firstUndated) {
      report({
        ruleId: this.id,
        severity: 'information',
        start: firstUndated.start,
        end: firstUndated.end,
        message: `${undated} line(s) have no date of service: they are checked against the loaded data, ${feeSchedule} (${period.from} to ${period.to}), as if billed in that period.`,
        data: { lines: undated, release: feeSchedule, ...period },
      });
    }
    if (firstOutside) {
      report({
        ruleId: this.id,
        severity: 'information',
        start: firstOutside.start,
        end: firstOutside.end,
        message: `${outside} line(s) have dates of service outside ${feeSchedule} (${period.from} to ${period.to}): their fee-schedule indicators are from that release and may differ on those dates.`,
        data: { lines: outside, release: feeSchedule, ...period },
      });
    }
  },
};
