import type { ChargeLine, Span } from '../documents/chargeFile';
import type { ClaimRule, Report } from './rule';

/** Office or other outpatient E/M visits: the only visits G2211 may go with. */
const OFFICE_VISIT = /^992(0[2-5]|1[1-5])$/;
/** What CMS lets a 25 visit carry G2211 for (CY2025 PFS final rule): AWV, vaccine administration, Part B preventive services. */
const EXCEPTIONS = /^(G0438|G0439|G0008|G0009|G0010|90460|90461|90471|90472|90473|90474|90480)$/;

/**
 * G2211 (visit complexity inherent to an office/outpatient E/M) is an add-on to an office or
 * outpatient E/M visit only, and is not paid when that visit carries 25, except when the other
 * service is an annual wellness visit, a vaccine administration or a Part B preventive service
 * (CMS CY2024 and CY2025 Physician Fee Schedule final rules; MLN MM13473).
 */
export const visitComplexityAddOn: ClaimRule = {
  id: 'visit-complexity-add-on',
  description: 'G2211 without an office/outpatient E/M visit on the same day, or with a visit that carries 25 (outside the CMS exceptions).',
  scope: 'claim',
  severity: 'error',
  fixKinds: [],
  checkClaim(claim, _context, report) {
    for (const day of claim.days) {
      // A plain look first: nearly every day has no G2211 (no closure per day).
      let addOn: ChargeLine | undefined;
      for (const l of day) {
        if (l.codeValue === 'G2211') {
          addOn = l;
          break;
        }
      }
      const at = addOn?.code;
      if (!addOn || !at) continue;
      checkDay(day, addOn, at, report);
    }
  },
};

/** A day with G2211: its visits, and whether one can carry it (a function of its own: its closures would make context objects for every day). */
function checkDay(day: readonly ChargeLine[], addOn: ChargeLine, at: Span, report: Report): void {
  const visits = day.filter((l) => OFFICE_VISIT.test(l.codeValue));
  const say = (severity: 'error' | 'warning', message: string, related?: ChargeLine): void =>
    report({
      ruleId: 'visit-complexity-add-on', severity, start: at.start, end: at.end, message, data: { code: 'G2211' },
      related: related?.code ? [{ start: related.code.start, end: related.code.end, message: `${related.codeValue}-25, the visit` }] : undefined,
    }, addOn);
  if (visits.length === 0) {
    say('error', 'G2211 (visit complexity) is an add-on to an office or outpatient E/M visit (99202-99215), and none is billed that day.');
    return;
  }
  const with25 = visits.find((v) => v.modifiers.some((m) => m.value === '25'));
  if (with25 && visits.every((v) => v.modifiers.some((m) => m.value === '25')) && !day.some((l) => EXCEPTIONS.test(l.codeValue))) {
    say('warning', `G2211 is not paid with a visit that carries 25 (${with25.codeValue}-25), unless the other service that day is an annual wellness visit, a vaccine administration or a Part B preventive service.`, with25);
  }
}
