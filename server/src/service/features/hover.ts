/**
 * Hover: what an encoder shows for the code under the cursor. Markdown, most
 * important first: code and descriptor, status, global period, RVUs and national
 * payment, then the modifier indicators in words.
 */
import {
  ASSISTANT_MEANING,
  BILATERAL_MEANING,
  CO_SURGEONS_MEANING,
  GLOBAL_DAYS_MEANING,
  MULTIPLE_PROCEDURE_MEANING,
  PCTC_MEANING,
  STATUS_MEANING,
  TEAM_SURGERY_MEANING,
  describeIndicator,
} from '../../codeset/indicators';
import type { CodeSet, FeeScheduleRow, ProcedureCode } from '../../codeset/types';
import { codeTokenAt } from '../documents/codeToken';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

/** Statuses whose RVUs Medicare uses for payment (RVU readme, status code field). */
const PAID_STATUSES = new Set(['A', 'R', 'T']);

export function doHover(text: string, offset: number, codeSet: CodeSet): HoverResult | undefined {
  const token = codeTokenAt(text, offset);
  if (!token) return undefined;
  const procedure = codeSet.procedure(token.code);
  if (!procedure) return undefined;
  const attached = attachedModifiers(text, token.end);
  return { contents: describeProcedure(procedure, attached, codeSet), start: token.start, end: token.end };
}

/** Modifiers written right after the code: `-22-51` or ` 22 51` are not taken (too ambiguous in prose). */
function attachedModifiers(text: string, codeEnd: number): string[] {
  const m = /^(?:-[A-Za-z0-9]{2}(?![A-Za-z0-9]))+/.exec(text.slice(codeEnd, codeEnd + 15));
  return m ? m[0].split('-').filter(Boolean).map((s) => s.toUpperCase()) : [];
}

function money(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function rvuLines(row: FeeScheduleRow, label: string): string[] {
  const cf = row.conversionFactor;
  const { rvu } = row;
  const paid = PAID_STATUSES.has(row.status) && !row.notUsedForMedicarePayment;
  const setting = (name: string, total: number, na: boolean): string =>
    `${name} ${total.toFixed(2)} RVU${paid ? ` = ${money(total * cf)}` : ''}${na ? ' (NA: rarely or never performed in this setting)' : ''}`;
  const lines = [
    `**RVUs${label}:** ${setting('non-facility', rvu.totalNonFacility, rvu.nonFacilityNA)} · ${setting('facility', rvu.totalFacility, rvu.facilityNA)}`,
    `work ${rvu.work.toFixed(2)} · PE ${rvu.peNonFacility.toFixed(2)} / ${rvu.peFacility.toFixed(2)} · MP ${rvu.malpractice.toFixed(2)} · conversion factor ${cf.toFixed(4)}${paid ? ' (national payment, before locality adjustment)' : ' (these RVUs are not used for Medicare payment)'}`,
  ];
  return lines;
}

/** The hover text of a code; `modifiers` picks a 26/TC/53 variant's values when one is written. */
export function describeProcedure(procedure: ProcedureCode, modifiers: readonly string[], codeSet: CodeSet): string {
  const row = procedure.row;
  if (!row) return `**${procedure.code}** ${escapeMarkdown(procedure.descriptor)}\n\nNot in the physician fee schedule.`;
  const variantKey = modifiers.find((m) => procedure.variants.has(m));
  const variant = variantKey ? procedure.variants.get(variantKey) : undefined;
  const out: string[] = [];
  out.push(`**${procedure.code}** ${escapeMarkdown(row.descriptor)}`);
  const knowledge = codeSet.knowledge(procedure.code);
  if (knowledge) out.push('', escapeMarkdown(knowledge.summary));
  out.push('');
  out.push(`**Status:** ${row.status} — ${STATUS_MEANING[row.status] ?? 'unknown status'}`);
  out.push(`**Global period:** ${row.globalDays} — ${GLOBAL_DAYS_MEANING[row.globalDays] ?? 'unknown global indicator'}`);
  out.push(...rvuLines(variant ?? row, variant ? ` with -${variantKey}` : ''));
  out.push('');
  out.push('**Modifier indicators**');
  out.push(`- Multiple procedures (51): ${describeIndicator(MULTIPLE_PROCEDURE_MEANING, row.multipleProcedure)}`);
  out.push(`- Bilateral surgery (50): ${describeIndicator(BILATERAL_MEANING, row.bilateral)}`);
  out.push(`- Assistant at surgery (80/81/82/AS): ${describeIndicator(ASSISTANT_MEANING, row.assistant)}`);
  out.push(`- Co-surgeons (62): ${describeIndicator(CO_SURGEONS_MEANING, row.coSurgeons)}`);
  out.push(`- Team surgery (66): ${describeIndicator(TEAM_SURGERY_MEANING, row.teamSurgery)}`);
  out.push(`- PC/TC (26/TC): ${describeIndicator(PCTC_MEANING, row.pctc)}`);
  if (row.endoscopicBase) out.push(`- Endoscopic base code: ${row.endoscopicBase}`);
  if (procedure.variants.size > 0 && !variant) {
    out.push('');
    out.push(`Component rows: ${[...procedure.variants.keys()].map((k) => `-${k}`).join(', ')}`);
  }
  if (knowledge && knowledge.documentation.length > 0) {
    out.push('');
    out.push('**Documentation checklist**');
    for (const element of knowledge.documentation) out.push(`- ${escapeMarkdown(element.label)}`);
  }
  out.push('');
  const { from, to } = codeSet.release.feeScheduleEffective;
  out.push(`_CMS physician fee schedule ${codeSet.release.feeSchedule}, ${from} to ${to}_`);
  return out.join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
