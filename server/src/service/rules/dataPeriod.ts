import { type DataPeriod, describePeriod } from '../../codeset/dataPeriods';
import { periodsOutside } from '../dataPeriods';
import { type FileRule, headerFinding } from './rule';

/** One note per file when findings rest on a table whose period a date of service falls outside. */
export const dataPeriod: FileRule = {
  id: 'data-period',
  description: 'Dates of service fall outside the period of a code-set table some findings rest on; those findings are warnings, not errors.',
  scope: 'file',
  severity: 'information',
  fixKinds: [],
  checkFile(file, context, report, others) {
    const outside = periodsOutside(others.outsidePeriod, context.codeSet);
    if (outside.length === 0) return;
    const { message, data } = dataPeriodNote(outside);
    const note = headerFinding(file, this.id, 'information', message, data);
    if (note) report(note);
  },
};

/**
 * The note's message and data for the tables findings rest on and how many findings each
 * (exported for the CLI's streaming check, which adds up the counts of a file's parts).
 */
export function dataPeriodNote(outside: readonly { period: DataPeriod; count: number }[]): { message: string; data: Record<string, unknown> } {
  const parts = outside.map(({ period, count }) =>
    `${period.name} (${describePeriod(period)}): ${count} finding${count === 1 ? '' : 's'}${period.importCommand ? `; for a later release: ${period.importCommand}` : ''}`);
  return {
    message: `Some dates of service fall outside the period of the data a finding rests on, so those findings are warnings, not errors: ${parts.join('; ')}.`,
    data: { tables: outside.map(({ period }) => ({ table: period.table, from: period.from, to: period.to, findings: outside.find((o) => o.period === period)?.count })) },
  };
}
