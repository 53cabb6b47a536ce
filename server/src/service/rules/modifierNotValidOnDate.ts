import { MODIFIER_SHAPE } from '../documents/codeToken';
import type { LineRule } from './rule';

/** A modifier used before it was added or after it was terminated (HCPCS Level II modifier dates). */
export const modifierNotValidOnDate: LineRule = {
  id: 'modifier-not-valid-on-date',
  description: 'Modifier is not valid on the date of service: not yet added, or terminated.',
  scope: 'line',
  severity: 'error',
  fixKinds: [],
  checkLine(line, context, report) {
    if (!line.dateValue) return;
    for (const m of line.modifiers) {
      if (!MODIFIER_SHAPE.test(m.text)) continue;
      const validity = context.codeSet.modifier(m.value, line.dateValue)?.validity;
      if (!validity || validity.valid) continue;
      const message =
        validity.reason === 'terminated'
          ? `Modifier ${m.value} was terminated on ${validity.date}; it is not valid for a date of service of ${line.dateValue}.`
          : `Modifier ${m.value} takes effect on ${validity.date}; it is not valid yet for a date of service of ${line.dateValue}.`;
      report({ ruleId: this.id, severity: 'error', start: m.start, end: m.end, message, data: { modifier: m.value, dateOfService: line.dateValue, ...validity } }, line);
    }
  },
};
