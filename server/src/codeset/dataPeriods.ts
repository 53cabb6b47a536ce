/**
 * The effective period of each code-set table. CMS code sets change every quarter
 * (fee schedule, HCPCS) and ICD-10-CM every October 1, so a finding that rests on a table
 * is only certain for dates of service inside its period. Pure.
 */

/** The tables a finding can rest on. */
export type DataTable = 'feeSchedule' | 'hcpcs' | 'icd10' | 'placeOfService' | 'betos';

/** First and last date of service a table applies to (ISO); no `to` = until CMS changes it. */
export interface Period {
  from: string;
  to?: string;
}

export interface DataPeriod extends Period {
  table: DataTable;
  /** The table as a coder names it, with its release: "ICD-10-CM FY2025". */
  name: string;
  /** How to move to a newer release, or undefined when there is no import for the table. */
  importCommand?: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The calendar quarter that holds `year`-`month` (1-based month). */
export function quarterOf(year: number, month: number): Required<Period> {
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${lastDay(year, first + 2)}` };
}

/** The quarter of an HCPCS release name (HCPC2025_JAN, HCPC2025_JUL_...), or undefined. */
export function hcpcsQuarter(release: string): Required<Period> | undefined {
  const m = /HCPC(\d{4})_?([A-Z]{3})/i.exec(release);
  const month = m ? MONTHS.indexOf(m[2].toUpperCase()) + 1 : 0;
  return m && month > 0 ? quarterOf(Number(m[1]), month) : undefined;
}

/** ICD-10-CM fiscal year `year` (the year it ends): October 1 of the year before to September 30. */
export function fiscalYear(year: number): Required<Period> {
  return { from: `${year - 1}-10-01`, to: `${year}-09-30` };
}

/** Whether an ISO date falls inside the period. */
export function inPeriod(date: string, period: Period): boolean {
  return date >= period.from && (period.to === undefined || date <= period.to);
}

/** "2024-10-01 to 2025-09-30", or "from 2024-01-01". */
export function describePeriod(period: Period): string {
  return period.to ? `${period.from} to ${period.to}` : `from ${period.from}`;
}
