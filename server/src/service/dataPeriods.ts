/**
 * Findings against the periods of the tables they rest on. A rule's error is certain only
 * for dates of service inside the period of its tables (codeset/dataPeriods.ts): an ICD-10-CM
 * code missing from FY2025 may be valid in FY2026, a Level II code missing from the July file
 * may have been added in October. Outside, the error becomes a warning that names the table,
 * and the file gets one information finding (rules/dataPeriod.ts) with the import command.
 */
import { DataPeriod, describePeriod, inPeriod } from '../codeset/dataPeriods';
import type { CodeSet } from '../codeset/types';
import type { ChargeLine } from './documents/chargeFile';
import { ruleMeta } from './registry';
import type { Finding } from './types';

/** What a downgraded finding's data carries: the table whose period its date fell outside. */
export const OUTSIDE_PERIOD = 'outsidePeriod';

/** Returns the gate for one code set: it turns an error into a warning when the line's date falls outside a table it rests on. */
export function periodGate(codeSet: CodeSet): (finding: Finding, line: ChargeLine | undefined) => Finding {
  const periods = codeSet.version().periods ?? [];
  if (periods.length === 0) return (finding) => finding;
  return (finding, line) => {
    const date = line?.dateValue;
    if (finding.severity !== 'error' || !date) return finding;
    const declared = ruleMeta(finding.ruleId)?.dataTables;
    if (!declared) return finding;
    const tables = typeof declared === 'function' ? declared(line) : declared;
    const outside = periods.find((p) => tables.includes(p.table) && !inPeriod(date, p));
    if (!outside) return finding;
    finding.severity = 'warning';
    finding.message = `${finding.message} (${outside.name} covers ${describePeriod(outside)}; this date is outside it.)`;
    finding.data = { ...(finding.data as object | undefined), [OUTSIDE_PERIOD]: outside.table };
    return finding;
  };
}

/** The periods that some finding was downgraded for, in the code set's table order, from the claims' findings counted. */
export function periodsOutside(counts: ReadonlyMap<string, number>, codeSet: CodeSet): { period: DataPeriod; count: number }[] {
  if (counts.size === 0) return [];
  return (codeSet.version().periods ?? []).filter((p) => counts.has(p.table)).map((period) => ({ period, count: counts.get(period.table) ?? 0 }));
}
