/**
 * Hover: what an encoder shows for the code under the cursor. In a charge file the
 * column says what a cell is (code, modifier, diagnosis, place of service) and the
 * row's date of service dates the answer; in free text the word's shape decides
 * (CPT/HCPCS code, a modifier attached to one as `47383-22`, an ICD-10-CM code with
 * its dot, or "POS 22"). Markdown, most important first.
 */
import {
  ASSISTANT_MEANING,
  BILATERAL_MEANING,
  CO_SURGEONS_MEANING,
  GLOBAL_DAYS_MEANING,
  MULTIPLE_PROCEDURE_MEANING,
  PCTC_MEANING,
  PRICED_STATUSES,
  STATUS_MEANING,
  TEAM_SURGERY_MEANING,
  describeIndicator,
} from '../../codeset/indicators';
import { excerpt } from '../excerpt';
import type { CodeSet, FeeScheduleRow, ProcedureCode } from '../../codeset/types';
import { bodySiteOf } from '../../codeset/anatomy';
import type { AnatomicGroup } from '../../codeset/modifiers';
import { ChargeFile, ChargeLine, parseChargeFile } from '../documents/chargeFile';
import { priceClaim } from '../payment';
import { codeTokenAt } from '../documents/codeToken';
import { RowText, cellAt, rowTextAt } from './chargeCell';
import {
  describeDiagnosis,
  describeModifier,
  describePlaceOfService,
  escapeMarkdown,
  hcpcsLines,
  knowledgeLines,
  markdownLines,
  ncciLines,
  validityLine,
} from './hoverSections';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

/** Statuses whose RVUs Medicare uses for payment (RVU readme, status code field). */
const ICD10_SHAPE = /^[A-Z]\d[A-Z0-9](?:\.?[A-Z0-9]{1,4})?$/;

/**
 * The hover at `offset`. `file` is the document's charge-file model when the caller
 * holds one (the language service keeps one per open document, so a hover costs no
 * parse); without it, a text whose first line looks like a header is parsed here.
 */
export function doHover(text: string, offset: number, codeSet: CodeSet, file?: ChargeFile, locality?: string): HoverResult | undefined {
  // In a charge file the words are read from the row's own text, not from `text`: an
  // editor's text joined from pieces is copied whole by the first read of it (editedDocument.ts).
  const local = file ? rowTextAt(file, offset) : undefined;
  const charge = chargeFileHover(text, offset, codeSet, file, locality, local);
  if (charge) return charge;
  if (!local) return freeTextHover(text, offset, codeSet);
  const found = freeTextHover(local.text, offset - local.start, codeSet);
  return found && { ...found, start: found.start + local.start, end: found.end + local.start };
}

/** What the line is paid on its claim (service/payment.ts): after reductions, in its setting. */
function linePaymentLines(file: ChargeFile, line: ChargeLine, codeSet: CodeSet, locality: string | undefined): string[] {
  const claim = file.claims.get(line.claimKey);
  if (!claim) return [];
  const pay = priceClaim(claim, codeSet, locality);
  const mine = pay.lines.find((p) => p.line === line);
  if (!mine?.row) return [];
  const where = pay.locality ? `locality ${escapeMarkdown(pay.locality)}` : 'national';
  if (mine.amount === undefined) return ['', `**Payment on this claim:** not priced: ${escapeMarkdown(mine.notes.join('; '))}`];
  const applied = [mine.setting, ...(mine.units > 1 ? [`${mine.units} units`] : []), ...mine.applied];
  return ['', `**Payment on this claim:** ${money(mine.amount)} ${where} (${escapeMarkdown([...new Set(applied)].join('; '))})`];
}

/** A charge file (a header naming a code column): hover by the cell's column. */
function chargeFileHover(text: string, offset: number, codeSet: CodeSet, model?: ChargeFile, locality?: string, local?: RowText): HoverResult | undefined {
  let file = model;
  if (!file) {
    const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
    if (!/[,\t;|]/.test(firstLine)) return undefined;
    file = parseChargeFile(text);
  }
  if (!file.columns.code) return undefined;
  const header = headerHover(file, offset);
  if (header) return header;
  const cell = cellAt(file, offset);
  const line = cell?.line;
  if (!line) return undefined;
  const role = cell.role;
  const date = line.dateValue;
  const word = local ? wordIn(local, offset, /[A-Za-z0-9.]/) : wordAt(text, offset, /[A-Za-z0-9.]/);
  if (!word) return undefined;
  const value = word.text.replace(/\.$/, '').toUpperCase();
  const at = (contents: string | undefined): HoverResult | undefined => (contents ? { contents, start: word.start, end: word.start + value.length } : undefined);
  if (role === 'code') {
    if (line.code && offset >= line.code.start && offset <= line.code.end) {
      const procedure = codeSet.procedure(line.code.text.toUpperCase(), date);
      if (!procedure) return undefined;
      const described = describeProcedure(procedure, line.modifiers.map((m) => m.text.toUpperCase()), codeSet, date);
      return { contents: [described, ...linePaymentLines(file, line, codeSet, locality)].join('\n'), start: line.code.start, end: line.code.end };
    }
    return at(modifierHover(value, codeSet, date));
  }
  if (role === 'modifiers' || role === 'modifier') return at(modifierHover(value, codeSet, date));
  if (role === 'diagnosis') {
    const d = codeSet.diagnosis(value);
    return at(d && describeDiagnosis(d, codeSet));
  }
  if (role === 'pos') {
    const p = codeSet.placeOfService(value);
    return at(p && describePlaceOfService(p));
  }
  return undefined;
}

const SOURCE_SAYS = { header: 'from its header', setting: 'from your `columns` mapping', content: 'from its values' } as const;

/** A header cell: the role its column got, and how. */
function headerHover(file: ChargeFile, offset: number): HoverResult | undefined {
  const row = file.table.rows[0];
  if (!row || offset < row.start || offset > row.end) return undefined;
  const at = row.cells.findIndex((c) => offset >= c.start && offset <= c.end);
  const col = file.reading.columns[at];
  if (!col) return undefined;
  const cell = row.cells[at];
  const name = `**${excerpt(col.header || `column ${at + 1}`, 40)}**`;
  let contents: string;
  if (col.role) {
    const grouped = file.reading.groupBy === col.role ? ' Lines are grouped by this column.' : '';
    contents = `${name}: read as **${col.role}** ${SOURCE_SAYS[col.source ?? 'header']}${col.evidence ? ` (${col.evidence})` : ''}.${grouped}`;
  } else if (col.unused) {
    contents = `${name}: a ${col.unused} column; the checks do not use it.`;
  } else {
    contents = `${name}: not a column the checks use.${at === file.reading.groupCandidate ? ' Its values repeat in runs of lines, as an account or claim key does: map it with `"columns": { "' + excerpt(col.header, 40) + '": "account" }` in .cptlens.json.' : ''}`;
  }
  return { contents, start: cell.start, end: cell.end };
}

function modifierHover(code: string, codeSet: CodeSet, date: string | undefined): string | undefined {
  const m = codeSet.modifier(code, date);
  return m && describeModifier(m, date);
}

function wordAt(text: string, offset: number, char: RegExp): { text: string; start: number } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && char.test(text[start - 1])) start--;
  while (end < text.length && char.test(text[end])) end++;
  return start === end ? undefined : { text: text.slice(start, end), start };
}

/** wordAt in a row's text, at document offsets. */
function wordIn(local: RowText, offset: number, char: RegExp): { text: string; start: number } | undefined {
  const word = wordAt(local.text, offset - local.start, char);
  return word && { text: word.text, start: word.start + local.start };
}

function freeTextHover(text: string, offset: number, codeSet: CodeSet): HoverResult | undefined {
  const plain = wordAt(text, offset, /[A-Za-z0-9]/);
  if (!plain) return undefined;
  // A modifier attached to a code: `47383-2|2`.
  if (plain.text.length === 2 && text[plain.start - 1] === '-' && codeTokenAt(text, offset)) {
    const contents = modifierHover(plain.text.toUpperCase(), codeSet, undefined);
    if (contents) return { contents, start: plain.start, end: plain.start + 2 };
  }
  const token = codeTokenAt(text, offset);
  if (token && token.end - token.start === 5) {
    const procedure = codeSet.procedure(token.code);
    if (procedure) return { contents: describeProcedure(procedure, attachedModifiers(text, token.end), codeSet), start: token.start, end: token.end };
  }
  // "POS 22", "POS: 11", "place of service 21".
  if (/^\d{2}$/.test(plain.text) && /(?:\bPOS|place of service)\s*:?\s*$/i.test(text.slice(Math.max(0, plain.start - 20), plain.start))) {
    const p = codeSet.placeOfService(plain.text);
    if (p) return { contents: describePlaceOfService(p), start: plain.start, end: plain.start + 2 };
  }
  const dotted = wordAt(text, offset, /[A-Za-z0-9.]/);
  const candidate = dotted?.text.replace(/\.$/, '').toUpperCase() ?? '';
  if (dotted && ICD10_SHAPE.test(candidate) && !/^[A-Z]\d{4}$/.test(candidate)) {
    const d = codeSet.diagnosis(candidate);
    if (d) return { contents: describeDiagnosis(d, codeSet), start: dotted.start, end: dotted.start + candidate.length };
  }
  return undefined;
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
  const paid = PRICED_STATUSES.has(row.status) && !row.notUsedForMedicarePayment;
  // NA (RVU readme): the setting is not priced, so no dollar figure is shown for it.
  const setting = (name: string, total: number, na: boolean): string =>
    na ? `${name} NA: not priced in this setting` : `${name} ${total.toFixed(2)} RVU${paid ? ` = ${money(total * cf)}` : ''}`;
  const lines = [
    `**RVUs${label}:** ${setting('non-facility', rvu.totalNonFacility, rvu.nonFacilityNA)} · ${setting('facility', rvu.totalFacility, rvu.facilityNA)}`,
    `work ${rvu.work.toFixed(2)} · PE ${rvu.peNonFacility.toFixed(2)} / ${rvu.peFacility.toFixed(2)} · MP ${rvu.malpractice.toFixed(2)} · conversion factor ${cf.toFixed(4)}${paid ? ' (national payment, before locality adjustment)' : ' (these RVUs are not used for Medicare payment)'}`,
  ];
  // OPPS imaging cap (RVU readme): where the amount with the OPPS PE and MP is lower, that is what is paid.
  const opps = row.opps;
  if (opps && paid) {
    const capped = (name: string, pe: number, total: number, na: boolean): string | undefined => {
      const amount = rvu.work + pe + opps.malpractice;
      return !na && pe > 0 && amount < total - 1e-9 ? `${name} ${amount.toFixed(2)} RVU = ${money(amount * cf)}` : undefined;
    };
    const parts = [capped('non-facility', opps.peNonFacility, rvu.totalNonFacility, rvu.nonFacilityNA), capped('facility', opps.peFacility, rvu.totalFacility, rvu.facilityNA)].filter(Boolean);
    if (parts.length > 0) lines.push(`**OPPS imaging cap:** ${parts.join(' · ')} is paid (lower than the fee-schedule amount; PE and MP used for OPPS)`);
  }
  return lines;
}

/** What the imported CMS lists say of a code (therapy code list, single-dose drug list); nothing when not imported. */
function requiredModifierLines(codeSet: CodeSet, code: string): string[] {
  const out: string[] = [];
  const therapy = codeSet.modifierList?.('therapy');
  const t = therapy?.entry(code);
  if (therapy && t) {
    out.push(t.status === 'always'
      ? `**Therapy code list:** always therapy: ${t.modifiers.length === 1 ? `takes ${t.modifiers[0]}` : 'every line takes GP, GO or GN'} (${escapeMarkdown(therapy.release)})`
      : `**Therapy code list:** sometimes therapy: GP, GO or GN when furnished under a therapy plan of care (${escapeMarkdown(therapy.release)})`);
  }
  const drugs = codeSet.modifierList?.('jz');
  if (drugs?.entry(code)) out.push(`**Single-dose container drug:** JZ when none is discarded, a JW line for a discarded amount (${escapeMarkdown(drugs.release)})`);
  return out;
}

/**
 * The hover text of a code; `modifiers` picks a 26/TC/53 variant's values when one is
 * written; `date` (the date of service) adds the validity line and dates NCCI edits.
 */
const ANATOMIC_GROUP_MODIFIERS: Readonly<Record<AnatomicGroup, string>> = {
  side: 'LT/RT',
  finger: 'fingers (FA, F1-F9)',
  toe: 'toes (TA, T1-T9)',
  eyelid: 'eyelids (E1-E4)',
  coronary: 'coronary arteries (LC, LD, LM, RC, RI)',
};

/** Which anatomic modifiers the code's body site takes and rules out (codeset/anatomy.ts), or undefined when the table says nothing. */
function anatomicLine(procedure: ProcedureCode): string | undefined {
  const site = bodySiteOf(procedure.code, procedure.descriptor);
  if (!site || (site.fits.size === 0 && site.misfits.size === 0)) return undefined;
  const list = (groups: ReadonlySet<AnatomicGroup>): string => [...groups].map((g) => ANATOMIC_GROUP_MODIFIERS[g]).join(', ');
  const parts = [site.fits.size ? `fit ${list(site.fits)}` : '', site.misfits.size ? `do not fit ${list(site.misfits)}` : ''].filter(Boolean);
  return `- Anatomic modifiers: ${parts.join('; ')} — ${site.site ? `${site.site}, ` : ''}${site.basis}`;
}

export function describeProcedure(procedure: ProcedureCode, modifiers: readonly string[], codeSet: CodeSet, date?: string): string {
  const out: string[] = [`**${procedure.code}** ${escapeMarkdown(procedure.descriptor)}`];
  const record = codeSet.knowledge(procedure.code);
  // The CMS short descriptor often reads the same for a whole family ("Knee arthroscopy/surgery"):
  // what sets this code apart comes right under it.
  if (record?.entry) out.push(`_${escapeMarkdown(record.family ?? 'This code')}:_ ${escapeMarkdown(record.entry.distinguishing)}`);
  const valid = validityLine(procedure.validity, date);
  if (valid) out.push('', valid);
  const row = procedure.row;
  if (row) {
    const variantKey = modifiers.find((m) => procedure.variants.has(m));
    const variant = variantKey ? procedure.variants.get(variantKey) : undefined;
    if (row.descriptor !== procedure.descriptor) out.push(`Fee-schedule descriptor: ${escapeMarkdown(row.descriptor)}`);
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
    const anatomic = anatomicLine(procedure);
    if (anatomic) out.push(anatomic);
    if (row.endoscopicBase) out.push(`- Endoscopic base code: ${row.endoscopicBase}`);
    if (procedure.variants.size > 0 && !variant) out.push('', `Component rows: ${[...procedure.variants.keys()].map((k) => `-${k}`).join(', ')}`);
  } else {
    out.push('', 'Not in the physician fee schedule.');
  }
  if (procedure.hcpcs) out.push('', ...hcpcsLines(procedure.hcpcs));
  const ncci = ncciLines(codeSet, procedure.code, date);
  if (ncci.length > 0) out.push('', ...ncci);
  const required = requiredModifierLines(codeSet, procedure.code);
  if (required.length > 0) out.push('', ...required);
  if (row) {
    const { from, to } = codeSet.release.feeScheduleEffective;
    out.push('', `_CMS physician fee schedule ${codeSet.release.feeSchedule}, ${from} to ${to}_`);
  }
  if (record) out.push('', ...knowledgeLines(record, codeSet));
  return markdownLines(out);
}
