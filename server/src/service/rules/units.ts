import type { Severity } from '../types';
import { isNumeric } from '../lineFacts/lineUnits';
import type { LineRule, Report } from './rule';
import type { ChargeLine } from '../documents/chargeFile';
import { excerpt } from '../excerpt';

/** Above this, a units value is more likely a charge amount or a date typed into the wrong column. */
const IMPLAUSIBLE = 999;

/** Units that are missing, not a number, zero, negative, fractional or implausibly large. */
export const units: LineRule = {
  id: 'units',
  description: 'Units are missing, not a number, zero, negative, fractional, or implausibly large.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  checkLine(line, context, report) {
    const column = context.columns.units?.[0];
    if (column === undefined || !line.code) return;
    const cell = line.units;
    // No closure here: one over the line or report makes a context object at every line's check.
    if (!cell) {
      const raw = line.row.cells[column];
      const at = raw ?? { start: line.row.end, end: line.row.end };
      say(report, line, 'warning', 'No units on this line: most payers read 1, some reject the line. Write the units.', at.start, at.end);
      return;
    }
    if (!isNumeric(cell.text)) {
      say(report, line, 'error', `Units "${excerpt(cell.text)}" is not a number.`, cell.start, cell.end);
      return;
    }
    const n = Number(cell.text);
    if (n === 0) say(report, line, 'error', 'Zero units: a line with 0 units is rejected. Remove the line or correct the units.', cell.start, cell.end);
    else if (n < 0) say(report, line, 'error', `Negative units (${excerpt(cell.text)}): a claim line cannot have negative units; reverse a charge through the billing system, not the charge file.`, cell.start, cell.end);
    else if (!Number.isInteger(n)) say(report, line, 'error', `Fractional units (${excerpt(cell.text)}): CPT/HCPCS units are whole numbers; round to the code's unit definition (e.g. "per 15 minutes", "per 10 mg").`, cell.start, cell.end);
    else if (n > IMPLAUSIBLE) say(report, line, 'warning', `${excerpt(cell.text)} units is implausible for one line: is this a charge amount or a date in the units column?`, cell.start, cell.end);
  },
};

function say(report: Report, line: ChargeLine, severity: Severity, message: string, start: number, end: number): void {
  report({ ruleId: 'units', severity, start, end, message, data: { units: line.units?.text ?? '' } }, line);
}
