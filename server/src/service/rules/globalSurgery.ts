import { GLOBAL_DAYS_MEANING } from '../../codeset/indicators';
import type { ChargeLine } from '../documents/chargeFile';
import type { Fix } from '../types';
import { addModifier } from '../lineFacts/lineEdits';
import { configuredRank, isEvaluationAndManagement } from '../lineFacts/modifierFacts';
import { procedureOf } from '../lineFacts/feeRow';
import type { ClaimRule } from './rule';

/** An E/M on the day of a procedure with a global period, without 57 (major, 090) or 25 (minor, 000/010). */
export const globalSurgery: ClaimRule = {
  id: 'global-surgery',
  description: 'E/M billed on the same date as a procedure with a global period, without 57 (090 major surgery) or 25 (000/010 minor procedure).',
  scope: 'claim',
  severity: 'error',
  fixKinds: ['judgment'],
  dataTables: ['feeSchedule'],
  checkClaim(claim, context, report) {
    for (const lines of claim.days) {
      if (lines.length < 2) continue;
      // One pass for the procedures, a second for the visits: no list or closure per day.
      let major: ChargeLine | undefined;
      let minor: ChargeLine | undefined;
      let visits = 0;
      for (const line of lines) {
        if (!line.code) continue;
        if (isEvaluationAndManagement(line.codeValue)) {
          visits++;
          continue;
        }
        const global = procedureOf(line, context.codeSet)?.row?.globalDays;
        if (global === '090') major ??= line;
        else if (global === '000' || global === '010') minor ??= line;
      }
      if (visits === 0 || (!major && !minor)) continue;
      for (const visit of lines) {
        const code = visit.code;
        if (!code || !isEvaluationAndManagement(visit.codeValue)) continue;
        const procedure = (major ?? minor) as ChargeLine;
        const global = major ? '090' : (procedureOf(procedure, context.codeSet)?.row?.globalDays ?? '');
        const needed = major ? '57' : '25';
        if (hasModifier(visit, needed)) continue;
        const why = major
          ? 'unless the visit was the decision for surgery (modifier 57)'
          : 'unless it was a significant, separately identifiable service beyond the usual pre-procedure assessment (modifier 25)';
        const wrong = major && hasModifier(visit, '25') ? ' Modifier 25 does not apply to the decision for a major surgery; 57 does.' : !major && hasModifier(visit, '57') ? ' Modifier 57 is for the decision for major (090) surgery; a minor procedure takes 25.' : '';
        const fixes: Fix[] = [];
        const edit = addModifier(visit, context.columns, needed, configuredRank(context));
        if (edit) {
          const label = major ? 'the visit resulted in the decision for surgery' : 'a significant, separately identifiable E/M service';
          fixes.push({ title: `Add ${needed} to ${visit.codeValue} (only if the documentation supports ${label})`, safe: false, edits: [edit] });
        }
        report({
          ruleId: this.id,
          severity: 'error',
          start: code.start,
          end: code.end,
          message: `${visit.codeValue} is on the same date as ${procedure.codeValue} (${GLOBAL_DAYS_MEANING[global] ?? global}): the visit is part of the surgical package ${why}.${wrong}`,
          data: { visit: visit.codeValue, procedure: procedure.codeValue, globalDays: global, needed },
          fixes,
          related: procedure.code ? [{ start: procedure.code.start, end: procedure.code.end, message: `${procedure.codeValue}, the procedure whose global period the visit falls in` }] : undefined,
        }, visit);
      }
    }
  },
};

function hasModifier(line: ChargeLine, value: string): boolean {
  for (const m of line.modifiers) if (m.value === value) return true;
  return false;
}
