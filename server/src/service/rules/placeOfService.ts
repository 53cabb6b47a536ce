import type { Severity } from '../types';
import { feeRowOf, rowData } from '../lineFacts/feeRow';
import type { LineRule, Report } from './rule';
import type { ChargeLine, Span } from '../documents/chargeFile';
import { excerpt } from '../excerpt';

const POS_SHAPE = /^\d{2}$/;
/** Facility settings named in DOMAIN.md section 3 (used when the code set has no POS table). */
const FACILITY_FALLBACK: Readonly<Record<string, boolean>> = { '11': false, '21': true, '22': true, '24': true };
/** Codes created after the bundled POS list (2022) was published (DOMAIN.md section 2). */
const NEWER_THAN_DATA = new Set(['27', '66']);

/** A place of service that is not a code, or a setting where the fee schedule says the service is rarely or never done. */
export const placeOfService: LineRule = {
  id: 'place-of-service',
  description: 'Place of service is unknown, or the code is rarely or never performed in that setting (fee-schedule NA indicator).',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  dataTables: ['placeOfService'],
  checkLine(line, context, report) {
    const pos = line.pos;
    if (!pos) return;
    // Only a line with a finding builds its message, and no line makes a closure (a closure and
    // two strings a line were a measurable part of a 100k-line check's garbage).
    if (!POS_SHAPE.test(pos.text)) {
      sayAt(report, line, pos, 'error', `Place of service "${excerpt(pos.text)}" is not a two-digit CMS place-of-service code.`, { pos: pos.text });
      return;
    }
    const known = context.codeSet.placeOfService(pos.text);
    const posLoaded = context.codeSet.version().pos !== undefined;
    if (!known && posLoaded && !NEWER_THAN_DATA.has(pos.text)) {
      sayAt(report, line, pos, 'error', `Place of service ${excerpt(pos.text)} is not in the CMS place-of-service code set.`, { pos: pos.text });
      return;
    }
    const facility = known?.facility ?? FACILITY_FALLBACK[pos.text];
    const fee = feeRowOf(line, context.codeSet);
    if (facility === undefined || !fee) return;
    const row = fee.variant ?? fee.row;
    if (facility ? !row.rvu.facilityNA : !row.rvu.nonFacilityNA) return;
    const written = row.modifier ? `${row.code}-${row.modifier}` : row.code;
    const where = known ? `${pos.text} (${known.name})` : pos.text;
    if (!facility && row.rvu.nonFacilityNA) {
      sayAt(report, line, pos, 'warning', `${written} in place of service ${where}: the fee schedule has no non-facility value for it (NA: rarely or never performed outside a facility). Check the place of service.`, { pos: pos.text, facility, ...rowData(row, ['rvu']) });
    } else if (facility && row.rvu.facilityNA) {
      const component = fee.procedure.variants.has('26') && !fee.variant ? ' In a facility the physician usually bills the professional component (-26).' : '';
      sayAt(report, line, pos, 'warning', `${written} in place of service ${where}: the fee schedule has no facility value for it (NA: rarely or never performed in a facility setting).${component}`, { pos: pos.text, facility, ...rowData(row, ['rvu']) });
    }
  },
};

function sayAt(report: Report, line: ChargeLine, pos: Span, severity: Severity, message: string, data: Record<string, unknown>): void {
  report({ ruleId: 'place-of-service', severity, start: pos.start, end: pos.end, message, data }, line);
}
