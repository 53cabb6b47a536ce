import { STATUS_MEANING } from '../../codeset/indicators';
import type { Severity } from '../types';
import type { FeeScheduleRow } from '../../codeset/types';
import { feeRowOf, rowData } from '../lineFacts/feeRow';
import type { LineRule } from './rule';

/** How much each non-paying status code matters on a Medicare claim (RVU readme, status code field). */
const SEVERITY: Readonly<Record<string, Severity>> = {
  D: 'error', F: 'error', G: 'error', H: 'error', I: 'error',
  B: 'warning', P: 'warning', N: 'warning',
  // Drugs (E), lab tests and ambulance (X) are paid under other Medicare fee schedules,
  // measurement codes (M) carry no charge, and C/R codes are paid case by case: none is
  // a denial, and a Problems-panel entry on every drug line of an export is noise. Hints
  // still show in the editor (and the hover explains the status).
  E: 'hint', X: 'hint', M: 'hint', C: 'hint', R: 'hint',
};

/** What a coder can do about each status. */
const ADVICE: Readonly<Record<string, string>> = {
  D: 'Use the code that replaced it.',
  F: 'Use the code that replaced it.',
  G: 'Use the code Medicare recognises for this service.',
  H: 'Bill the code without the deleted component modifier, or the component code that replaced it.',
  I: 'Use the code Medicare recognises for this service (often a G code).',
  B: 'Medicare pays it as part of another service on the claim; it is not paid on its own line.',
  P: 'No separate payment under the fee schedule.',
  N: 'Medicare denies it; an ABN (modifier GA) or GY/GZ tells the payer what to do with the line.',
  E: 'If covered, Medicare pays it outside the physician fee schedule (e.g. drug pricing).',
  X: 'If covered, Medicare pays it under another fee schedule (e.g. clinical lab or ambulance).',
  M: 'Reported for quality measurement with no charge expected.',
  C: 'Expect the payer to ask for the documentation.',
  R: 'Covered only in the circumstances the payer lists.',
};

/** A Category II code's shape (a constant: a pattern literal in a function is a new object at every call). */
const CATEGORY_TWO = /^\d{4}F$/;

/** A code whose fee-schedule status means Medicare does not pay it separately, or not at all. */
export const statusNotPayable: LineRule = {
  id: 'status-not-payable',
  description: 'The fee-schedule status says Medicare does not pay this code (deleted, not valid, bundled, excluded, non-covered, measurement only) or prices it case by case.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  dataTables: ['feeSchedule'],
  checkLine(line, context, report) {
    const code = line.code;
    const fee = code ? feeRowOf(line, context.codeSet) : undefined;
    if (!code || !fee) return;
    const row = fee.variant ?? fee.row;
    const categoryTwo = row.status === 'I' && CATEGORY_TWO.test(row.code);
    // A Category II (F) code with status I is a quality-reporting line (the measure is reported, not paid): information.
    const severity = categoryTwo ? 'information' : SEVERITY[row.status];
    if (!severity) return;
    report({ ruleId: this.id, severity, start: code.start, end: code.end, message: messageOf(row, categoryTwo), data: rowData(row, STATUS_FIELDS) }, line);
  },
};

const STATUS_FIELDS: readonly (keyof FeeScheduleRow)[] = ['status'];

/** The message of each fee-schedule row, made once per row: a file bills the same codes on thousands of lines. */
const messages = new WeakMap<FeeScheduleRow, string>();

function messageOf(row: FeeScheduleRow, categoryTwo: boolean): string {
  let message = messages.get(row);
  if (message === undefined) {
    const written = row.modifier ? `${row.code}-${row.modifier}` : row.code;
    message = categoryTwo
      ? `${written} is a Category II performance measure code (status I): a quality-reporting line with no payment, which is expected.`
      : withAdvice(`${written} has fee-schedule status ${row.status}: ${STATUS_MEANING[row.status] ?? 'unknown status'}.`, ADVICE[row.status]);
    messages.set(row, message);
  }
  return message;
}

/** The message with the status's advice after it, if there is any (built without a trailing blank to trim: a trim copies every message). */
function withAdvice(message: string, advice: string | undefined): string {
  const trimmed = advice?.trimEnd();
  return trimmed ? `${message} ${trimmed}` : message;
}
