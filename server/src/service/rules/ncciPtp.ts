import type { PtpEdit } from '../../codeset/types';
import type { ChargeLine } from '../documents/chargeFile';
import { dateInRange } from '../documents/dates';
import type { Fix } from '../types';
import { distinctServiceFixes } from '../lineFacts/lineEdits';
import { ptpBypass } from '../lineFacts/ptpBypass';
import { configuredRank } from '../lineFacts/modifierFacts';
import { type ClaimRule, type RuleContext, headerFinding } from './rule';


/** NCCI procedure-to-procedure edits between lines of one claim and service day. */
export const ncciPtp: ClaimRule = {
  id: 'ncci-ptp',
  description: 'Two codes billed for one patient on one date form an NCCI procedure-to-procedure pair (on one claim or across claims): the column-2 code is denied unless the edit allows a modifier and one is present.',
  scope: 'claim',
  severity: 'error',
  fixKinds: ['judgment'],
  checkFile(file, context, report) {
    if (context.ncciLoaded || !context.columns.code || file.lines.length === 0) return;
    const note = headerFinding(file, this.id, 'information', 'NCCI procedure-to-procedure edits are not loaded, so code pairs are not checked. Import the CMS NCCI PTP files to check them.', { ncci: null });
    if (note) report(note);
  },
  checkClaim(claim, context, report) {
    if (!context.ncciLoaded) return;
    for (const lines of claim.days) {
      if (lines.length < 2) continue;
      const byCode = new Map<string, ChargeLine[]>();
      for (const line of lines) {
        if (!line.code) continue;
        const list = byCode.get(line.codeValue);
        if (list) list.push(line);
        else byCode.set(line.codeValue, [line]);
      }
      if (byCode.size < 2) continue;
      const date = lines[0].dateValue;
      for (const [code, column1Lines] of byCode) {
        for (const edit of context.codeSet.ptpEdits(code, date)) {
          if (edit.column1 !== code || edit.column2 === code || edit.modifierIndicator === '9') continue;
          const column2Lines = byCode.get(edit.column2);
          if (!column2Lines) continue;
          if (date && !dateInRange(date, edit.effective, edit.deletion)) continue;
          for (const line of column2Lines) {
            // Indicator 1: bypassed when a modifier fits the pair with any column-1 line (NCCI Policy Manual ch. I, E).
            const outcomes = edit.modifierIndicator === '1' ? column1Lines.map((c1) => ptpBypass(c1, line, context.codeSet)) : [];
            if (outcomes.some((o) => o.bypassed)) continue;
            const notApplicable = [...new Set(outcomes.flatMap((o) => o.notApplicable))];
            reportPair(this.id, line, column1Lines[0], edit, date, notApplicable, context, report);
          }
        }
      }
    }
  },
};

function reportPair(ruleId: string, line: ChargeLine, column1: ChargeLine, edit: PtpEdit, date: string | undefined, notApplicable: string[], context: RuleContext, report: Parameters<ClaimRule['checkClaim']>[2]): void {
  const code = line.code;
  if (!code) return;
  // The pair may span two claims of the patient: say so, since the coder looks at one claim at a time.
  const across = column1.claimLabel !== line.claimLabel && column1.claimLabel ? ` (${edit.column1} is on claim ${column1.claimLabel})` : '';
  const when = `${date ? `on ${date}` : 'with no date of service'}; edit effective ${edit.effective}${edit.deletion ? `, deleted ${edit.deletion}` : ''}`;
  let message: string;
  const fixes: Fix[] = [];
  if (edit.modifierIndicator === '0') {
    message = `NCCI PTP edit: ${edit.column2} (column 2) is not paid with ${edit.column1} (column 1)${across} ${when}. Modifier indicator 0: no modifier bypasses this edit; remove ${edit.column2} or accept the denial.`;
  } else {
    const why = notApplicable.length > 0 ? ` Not bypassed: ${notApplicable.join('; ')}.` : '';
    message = `NCCI PTP edit: ${edit.column2} (column 2) is bundled into ${edit.column1} (column 1)${across} ${when}. Modifier indicator 1: 59 or XE/XS/XP/XU, anatomic modifiers naming different sites on the two lines, or a global-surgery or lab modifier where it applies bypasses it when the services are distinct and documented.${why}`;
    fixes.push(...distinctServiceFixes(line, context.columns, edit.column2, configuredRank(context)));
  }
  const data: Record<string, unknown> = { ...edit };
  if (notApplicable.length > 0) data.modifiersNotBypassing = notApplicable;
  if (across) data.column1Claim = column1.claimLabel;
  report({ ruleId, severity: 'error', start: code.start, end: code.end, message, data, fixes }, line);
}
