/**
 * Hover sections other than the fee-schedule block: HCPCS Level II facts, the
 * knowledge record, modifiers, diagnoses, places of service, NCCI edits. Markdown
 * strings, pure.
 */
import { isManifestationTitle } from '../rules/diagnosisSequence';
import { HCPCS_ACTION_MEANING, HCPCS_COVERAGE_MEANING, HCPCS_PRICING_MEANING } from '../../codeset/indicators';
import { formatSpan, spansHold, spansOf } from '../../codeset/knowledge/codeRanges';
import type { CodeQuantity, CodeSet, DiagnosisCode, HcpcsFacts, KnowledgeRecord, ModifierInfo, PlaceOfService, QuantityKind, Validity } from '../../codeset/types';

export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

const FAMILY_MEANING: Record<ModifierInfo['family'], string> = {
  pricing: 'pricing (changes the amount paid; listed first)',
  payment: 'payment/statistical (affects whether the line is paid; after pricing modifiers)',
  anatomic: 'anatomic (site of the service; listed last)',
  informational: 'informational',
};

export function validityLine(validity: Validity | undefined, date: string | undefined): string | undefined {
  if (!validity || !date) return undefined;
  if (validity.valid) return `Valid on ${date} (date of service).`;
  return validity.reason === 'not-yet-added'
    ? `⚠ **Not valid on ${date}:** the code was added on ${validity.date}.`
    : `⚠ **Not valid on ${date}:** the code was terminated; its last valid day was ${validity.date}.`;
}

export function hcpcsLines(h: HcpcsFacts): string[] {
  const release = h.release ? ` (${h.release})` : '';
  if (h.descriptionOnly) {
    return [`**HCPCS Level II${release}:** known from a long-description-only file; short description, dates and indicators are not in the bundled data.`];
  }
  const dates = [
    h.addDate && `added ${h.addDate}`,
    h.actionCode && `action ${h.actionCode} (${HCPCS_ACTION_MEANING[h.actionCode] ?? 'unknown'})${h.actionEffectiveDate ? ` effective ${h.actionEffectiveDate}` : ''}`,
    h.terminationDate && `**terminated: last valid day ${h.terminationDate}**`,
  ].filter(Boolean);
  const lines = [`**HCPCS Level II${release}:** short "${escapeMarkdown(h.shortDescription)}" · ${dates.join(' · ')}`];
  const facts = [
    h.betos && `BETOS ${h.betos}${h.betosName ? ` ${escapeMarkdown(h.betosName)}` : ''}`,
    h.coverage && `coverage ${h.coverage} (${HCPCS_COVERAGE_MEANING[h.coverage] ?? 'unknown'})`,
    h.pricing.length > 0 && `pricing ${h.pricing.map((p) => `${p} (${HCPCS_PRICING_MEANING[p] ?? 'unknown'})`).join(', ')}`,
  ].filter(Boolean);
  if (facts.length > 0) lines.push(facts.join(' · '));
  return lines;
}

export function ncciLines(codeSet: CodeSet, code: string, date: string | undefined): string[] {
  const ncci = codeSet.version().ncci;
  if (!ncci) return [];
  const edits = codeSet.ptpEdits(code, date);
  const asColumn1 = edits.filter((e) => e.column1 === code).length;
  const mue = codeSet.mue(code, date);
  const primaries = codeSet.addOnPrimaries(code, date);
  const parts = [`${edits.length} PTP edit(s) in force${date ? ` on ${date}` : ''} (${asColumn1} as column 1, ${edits.length - asColumn1} as column 2)`];
  if (mue) parts.push(`MUE ${mue.value} (MAI ${mue.mai})`);
  if (primaries && primaries.length > 0) parts.push(`add-on code with ${primaries.length} primary code(s): ${primaries.slice(0, 8).map((p) => p.primary).join(', ')}${primaries.length > 8 ? ', …' : ''}`);
  return [`**NCCI** (${escapeMarkdown(ncci)}): ${parts.join(' · ')}`];
}

const QUANTITY_WORDS: Record<QuantityKind, [string, string]> = {
  'diameter-cm': ['excised diameter', 'cm'],
  'length-cm': ['length', 'cm'],
  'area-sq-cm': ['area', 'sq cm'],
  minutes: ['time', 'minutes'],
  count: ['number', ''],
  'age-years': ['patient age', 'years'],
  levels: ['levels', ''],
};

/** "excised diameter 1.1–2.0 cm", "area: each additional 20 sq cm". */
export function describeQuantity(q: CodeQuantity): string {
  const [what, unit] = QUANTITY_WORDS[q.kind];
  const u = unit ? ` ${unit}` : '';
  // Centimetres as the descriptors write them ("1.1–2.0 cm").
  const n = (v: number): string => (unit === 'cm' || unit === 'sq cm' ? (Number.isInteger(v) && unit === 'sq cm' ? String(v) : v.toFixed(1)) : String(v));
  const range =
    q.min !== undefined && q.max !== undefined ? `${n(q.min)}–${n(q.max)}${u}` : q.min !== undefined ? `${n(q.min)}${u} or more` : q.max !== undefined ? `up to ${n(q.max)}${u}` : '';
  const each = q.each !== undefined ? `each ${q.each}${u}` : '';
  return `${what} ${[range, each].filter(Boolean).join(', ')}`;
}

/** The family's members and entries, this code's quantity and the bundling facts that name it. */
function familyLines(record: KnowledgeRecord): string[] {
  const out: string[] = [];
  const members = spansOf(record.codes).map(formatSpan).join(', ');
  if (record.family) out.push(`**Family:** ${escapeMarkdown(record.family)} (${members})`);
  const entry = record.entry;
  if (entry) {
    out.push(`**What sets ${record.code} apart:** ${escapeMarkdown(entry.distinguishing)}`);
    if (entry.quantity) out.push(`**Picked by:** ${escapeMarkdown(describeQuantity(entry.quantity))}`);
    // The neighbours, so a coder sees the choice at a glance (capped: a family can be large).
    const members = [...record.entries];
    const at = members.findIndex(([c]) => c === record.code);
    // The nearest members in the family's order (the same site group or kind sits together).
    const others = members
      .map((m, i) => ({ m, d: Math.abs(i - at) }))
      .filter(({ d }) => d > 0)
      .sort((a, b) => a.d - b.d)
      .slice(0, 12)
      .sort((a, b) => a.m[0].localeCompare(b.m[0]))
      .map(({ m }) => m);
    if (others.length > 0) out.push('', '**Neighbours**', ...others.map(([c, e]) => `- ${c}: ${escapeMarkdown(e.distinguishing)}`));
  }
  const bundling = record.bundling.filter((b) => spansHold(spansOf(b.codes), record.code));
  if (bundling.length > 0) out.push('', '**Included (bundled) services**', ...bundling.map((b) => `- ${escapeMarkdown(b.fact)} (${b.includes.join(', ')}; ${escapeMarkdown(b.basis)})`));
  return out.length > 0 ? ['', ...out] : [];
}

export function knowledgeLines(record: KnowledgeRecord, codeSet: CodeSet): string[] {
  const out: string[] = ['---', `**In plain words:** ${escapeMarkdown(record.summary)}`, '', `**Procedure:** ${escapeMarkdown(record.description)}`];
  out.push(...familyLines(record));
  const list = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.push('', `**${title}**`, ...items.map((i) => `- ${i}`));
  };
  if (record.performedBy) out.push('', `**Performed by:** ${escapeMarkdown(record.performedBy)}`);
  if (record.physicianWork) out.push('', `**Physician work:** ${escapeMarkdown(record.physicianWork)}`);
  list('Medical necessity', record.medicalNecessity.map(escapeMarkdown));
  list('Modifiers', record.modifiers.map((m) => `**${m.code}** ${escapeMarkdown(m.guidance)}`));
  list('Documentation to look for', record.documentation.map((d) => `${escapeMarkdown(d.label)}${d.conditional ? ' _(when applicable)_' : ''}`));
  list('Coding notes', record.codingNotes.map(escapeMarkdown));
  list('Examples', record.examples.map(escapeMarkdown));
  const facts = [
    record.betos && `**BETOS** ${record.betos}${record.betosName ? ` ${escapeMarkdown(record.betosName)}` : ''}`,
    record.specialties.length > 0 && `**Specialties:** ${record.specialties.map(escapeMarkdown).join(', ')}`,
    record.placesOfService.length > 0 && `**Places of service:** ${record.placesOfService.map((p) => `${p} ${escapeMarkdown(codeSet.placeOfService(p)?.name ?? '')}`.trim()).join(', ')}`,
  ].filter(Boolean);
  if (facts.length > 0) out.push('', facts.join(' · '));
  out.push('', `_Knowledge record: ${escapeMarkdown(record.source)}${record.basis ? ` — ${escapeMarkdown(record.basis.replace(/\.$/, ''))}` : ''}. CMS data drives the checks where they differ._`);
  return out;
}

export function describeModifier(m: ModifierInfo, date: string | undefined): string {
  const out = [`**Modifier ${m.code}** ${escapeMarkdown(m.name)}`];
  const valid = validityLine(m.validity, date)?.replace('the code was', 'the modifier was');
  if (valid) out.push('', valid);
  out.push('', escapeMarkdown(m.description), '');
  out.push(`**Family:** ${FAMILY_MEANING[m.family]}`);
  out.push(`**NCCI-associated:** ${m.ncciAssociated ? 'yes — can bypass a PTP edit whose modifier indicator is 1, when the documentation supports it' : 'no — does not bypass NCCI PTP edits'}`);
  if (m.source === 'cpt') out.push('', '_CPT numeric modifier; name and description in CPT Lens\'s own words._');
  else {
    const dates = [m.addDate && `added ${m.addDate}`, m.actionCode && `action ${m.actionCode} (${HCPCS_ACTION_MEANING[m.actionCode] ?? 'unknown'})`, m.terminationDate && `**terminated: last valid day ${m.terminationDate}**`].filter(Boolean);
    out.push('', `_HCPCS Level II modifier${dates.length ? `: ${dates.join(' · ')}` : ''}._`);
  }
  return markdownLines(out);
}

export function describeDiagnosis(d: DiagnosisCode, codeSet: CodeSet): string {
  const out = [`**${d.display}** ${escapeMarkdown(d.longDescription)}`, ''];
  out.push(d.billable ? '**Billable:** yes' : '**Billable:** no — a header (category) code; a more specific code is needed on a claim.');
  if (d.shortDescription !== d.longDescription) out.push(`Short description: ${escapeMarkdown(d.shortDescription)}`);
  // ICD-10-CM Official Guidelines I.A.13: a manifestation ("in diseases classified elsewhere") is never first-listed.
  if (isManifestationTitle(d.longDescription || d.shortDescription)) out.push('', '**Manifestation code:** never first-listed; its underlying condition is coded first (ICD-10-CM guidelines I.A.13).');
  // The tabular list's "code first" note, when imported (cpt-lens import icd10-tabular FILE).
  const notes = codeSet.tabularNotes?.();
  const codeFirst = notes?.codeFirst(d.code);
  if (notes && codeFirst) {
    const on = codeFirst.code === d.code ? '' : ` (on ${codeSet.diagnosis(codeFirst.code)?.display ?? codeFirst.code})`;
    out.push('', `**Code first**${on}: ${escapeMarkdown(codeFirst.note)} — the condition it names is listed before this code (${escapeMarkdown(notes.release)})`);
  }
  const release = codeSet.version().icd10;
  if (release) out.push('', `_${release}_`);
  return markdownLines(out);
}

export function describePlaceOfService(p: PlaceOfService): string {
  return [
    `**POS ${p.code}** ${escapeMarkdown(p.name)}`,
    '',
    p.facility ? 'Facility setting: the fee schedule\'s facility RVUs apply.' : 'Non-facility setting: the fee schedule\'s non-facility RVUs apply.',
  ].join('\n');
}

/**
 * Joins hover lines into Markdown that keeps them apart: consecutive text lines get a
 * hard line break (two trailing spaces), where a plain newline would run them together
 * into one paragraph. Blank lines and list items are already separate.
 */
export function markdownLines(lines: readonly string[]): string {
  return lines
    .map((line, i) => {
      const next = lines[i + 1];
      const joinsNext = line !== '' && next !== undefined && next !== '' && !next.startsWith('- ') && !line.startsWith('- ');
      return joinsNext ? `${line}  ` : line;
    })
    .join('\n');
}
