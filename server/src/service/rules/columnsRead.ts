import type { ColumnRead } from '../documents/columnReading';
import type { ColumnRole } from '../documents/columns';
import { excerpt } from '../excerpt';
import { type FileRule, headerFinding } from './rule';

const ROLE_NAMES: Record<ColumnRole, string> = {
  code: 'code', modifiers: 'modifiers', modifier: 'modifiers', units: 'units', date: 'date of service', patient: 'patient', account: 'account',
  claim: 'claim', provider: 'provider', pos: 'place of service', diagnosis: 'diagnoses', pointer: 'diagnosis pointers', overrideReason: 'override reasons',
};

const quote = (c: ColumnRead): string => `"${excerpt(c.header || `column ${c.index + 1}`, 30)}"`;
const names = (cols: readonly ColumnRead[]): string => (cols.length > 3 ? `${quote(cols[0])}…${quote(cols[cols.length - 1])} (${cols.length})` : cols.map(quote).join(', '));

/**
 * One note on the header row saying how the file was read, when there is something to say: a
 * column read from its values or the user's mapping, or columns the checks do not use.
 */
export const columnsRead: FileRule = {
  id: 'columns-read',
  description: 'Says how the columns of a charge file were read: grouping, provider, roles found from values, and columns not used.',
  scope: 'file',
  severity: 'information',
  fixKinds: [],
  checkFile(file, context, report) {
    const { reading } = file;
    if (!file.table.rows[0] || !context.columns.code || file.lines.length === 0) return;
    const notHeader = reading.columns.filter((c) => c.role && c.source !== 'header');
    const unused = reading.columns.filter((c) => !c.role && c.header.trim() !== '');
    if (notHeader.length === 0 && unused.length === 0) return;
    const of = (role: ColumnRole): ColumnRead[] => reading.columns.filter((c) => c.role === role);
    const parts: string[] = [];
    const date = of('date')[0];
    const group = reading.groupBy ? of(reading.groupBy)[0] : undefined;
    parts.push(group
      ? `lines grouped by ${quote(group)} (${reading.groupBy})${date ? ` and ${quote(date)}` : ''}`
      : 'no claim, account or patient column: each line is checked alone');
    const provider = of('provider')[0];
    if (provider) parts.push(`provider from ${quote(provider)}`);
    for (const c of notHeader) parts.push(`${quote(c)} read as ${ROLE_NAMES[c.role as ColumnRole]} (${c.source === 'setting' ? 'your mapping' : `its values: ${c.evidence}`})`);
    if (unused.length > 0) {
      const known = unused.filter((c) => c.unused).map((c) => `${quote(c)} (${c.unused})`);
      const other = unused.filter((c) => !c.unused);
      parts.push(`not used: ${[...known.slice(0, 6), ...(other.length ? [names(other)] : [])].join(', ')}`);
    }
    const note = headerFinding(file, this.id, 'information', `Columns read: ${parts.join('; ')}.`, {
      columns: reading.columns.map((c) => ({ header: excerpt(c.header, 40), role: c.role, unused: c.unused, source: c.source })),
      groupBy: reading.groupBy,
    });
    if (note) report(note);
  },
};
