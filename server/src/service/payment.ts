/**
 * Medicare physician fee schedule payment of a claim's lines, as the fee schedule computes it
 * (national amounts, or locality-adjusted with the GPCIs of a MAC locality; before deductible
 * and coinsurance):
 *
 *   fee = total RVUs of the line's row (26/TC/53 variant when written) in the line's setting
 *         (facility or non-facility, from the place of service) x conversion factor
 *
 * then, in this order: bilateral 50 on BILAT 1 = 150% of the fee; assistant at surgery
 * 80/81/82 = 16%, AS = 85% of 16%; co-surgeons 62 = 62.5%; multiple procedures (MULT PROC 2 or
 * 3) on one service day ranked by amount: 100% for the highest, 50% for the others; units
 * multiply the rest. Sources: the PFS Relative Value File readme (RVU25D: status, PC/TC, NA,
 * MULT PROC, BILAT, ASST, CO SURG) and the Medicare Claims Processing Manual (Pub. 100-04)
 * chapter 12: §40.6 (multiple and bilateral surgery), §20.4.3 and §110 (assistants), §40.8
 * (co-surgeons). A setting marked NA is not priced; statuses other than A, R and T are not
 * paid under the fee schedule; status T is not paid with another fee-schedule service that day.
 * The OPPS imaging cap pays the lower of the fee and the same formula with the PE and MP RVUs
 * "used for OPPS payment amount" (RVU readme; DRA 2005 §5102(b)).
 * What is not modelled is said, never guessed: MULT PROC 4-7 (imaging, therapy, cardiology,
 * ophthalmology reductions), 6+ procedures, endoscopy family rules, team surgery (by report).
 * Pure: no I/O.
 */
import type { CodeSet, FeeScheduleRow, PaymentLocality } from '../codeset/types';
import type { ChargeLine, Claim } from './documents/chargeFile';
import { procedureOf } from './lineFacts/feeRow';
import { statusTBundling } from './lineFacts/sameDayServices';
import { PRICED_STATUSES as PRICED } from '../codeset/indicators';

/** MULT PROC indicators the standard reduction applies to (2; 3 between families is standard too). */
const STANDARD_REDUCTION = new Set(['2', '3']);
const NOT_MODELLED: Readonly<Record<string, string>> = {
  '4': 'diagnostic imaging reduction (MULT PROC 4) not applied',
  '5': 'therapy practice-expense reduction (MULT PROC 5) not applied',
  '6': 'diagnostic cardiovascular reduction (MULT PROC 6) not applied',
  '7': 'diagnostic ophthalmology reduction (MULT PROC 7) not applied',
};

/** The payment of one charge line. */
export interface LinePayment {
  line: ChargeLine;
  /** The row priced: code, and 26/TC/53 when a variant row was used. */
  row?: FeeScheduleRow;
  setting: 'facility' | 'non-facility';
  units: number;
  /** Total RVUs x conversion factor for one unit, before any adjustment; undefined when not priced. */
  fee?: number;
  /** The line's amount in dollars (cents rounded) after the adjustments; undefined when not priced. */
  amount?: number;
  /** What was applied, in order, in words ("bilateral 150%", "multiple procedure 50%"). */
  applied: string[];
  /** Why the line is not priced, or what was not modelled. */
  notes: string[];
}

/** The payment of a claim (one patient's lines, all service days). */
export interface ClaimPayment {
  lines: LinePayment[];
  /** Sum of the priced lines' amounts. */
  total: number;
  /** Every adjustment applied on the claim, each once ("multiple procedure 50% (27447 ranked first)"). */
  applied: string[];
  notes: string[];
  /** The locality applied ("01182-18 LOS ANGELES ..."), absent for national amounts. */
  locality?: string;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

function unitsOf(line: ChargeLine): number {
  const text = line.units?.text.trim();
  return text && /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : 1;
}

function has(line: ChargeLine, m: string): boolean {
  return line.modifiers.some((x) => x.value === m);
}

/** The line's fee and the per-line adjustments (everything but the multiple-procedure ranking). */
function priceLine(line: ChargeLine, codeSet: CodeSet, gpci: PaymentLocality | undefined): LinePayment {
  const procedure = procedureOf(line, codeSet);
  const pos = line.pos?.text.trim();
  const facility = pos ? codeSet.placeOfService(pos)?.facility ?? false : false;
  const out: LinePayment = { line, setting: facility ? 'facility' : 'non-facility', units: unitsOf(line), applied: [], notes: [] };
  if (!procedure?.row) {
    if (line.codeValue) out.notes.push(`${line.codeValue} has no fee-schedule row`);
    return out;
  }
  let row = procedure.row;
  for (const m of ['26', 'TC', '53']) if (has(line, m) && procedure.variants.has(m)) row = procedure.variants.get(m) ?? row;
  out.row = row;
  const name = row.modifier ? `${row.code}-${row.modifier}` : row.code;
  if (!PRICED.has(row.status) || row.notUsedForMedicarePayment) {
    out.notes.push(`${name}: status ${row.status}, not paid under the fee schedule`);
    return out;
  }
  const na = facility ? row.rvu.facilityNA : row.rvu.nonFacilityNA;
  if (na) {
    // A PC/TC 1 global row NA in a facility: the hospital bills the technical part; the physician's -26 row is priced.
    const hint = !row.modifier && row.pctc === '1' && procedure.variants.has('26') ? `; bill ${row.code}-26 for the professional component` : '';
    out.notes.push(`${name}: not priced in the ${out.setting} setting (NA)${hint}`);
    return out;
  }
  const pe = facility ? row.rvu.peFacility : row.rvu.peNonFacility;
  // With a locality: (work x work GPCI + PE x PE GPCI + MP x MP GPCI) x CF; national: total RVUs x CF.
  let total = gpci
    ? row.rvu.work * gpci.work + pe * gpci.practiceExpense + row.rvu.malpractice * gpci.malpractice
    : facility ? row.rvu.totalFacility : row.rvu.totalNonFacility;
  // OPPS imaging cap (RVU readme; Deficit Reduction Act of 2005 §5102(b)): the same formula with
  // the PE and MP "used for OPPS payment amount"; the lower of the two amounts is paid.
  const oppsPe = row.opps && (facility ? row.opps.peFacility : row.opps.peNonFacility);
  if (row.opps && oppsPe) {
    const capped = gpci
      ? row.rvu.work * gpci.work + oppsPe * gpci.practiceExpense + row.opps.malpractice * gpci.malpractice
      : row.rvu.work + oppsPe + row.opps.malpractice;
    if (capped < total - 1e-9) {
      out.applied.push(`OPPS imaging cap (the OPPS amount, ${capped.toFixed(2)} RVU-equivalents, is lower than the fee schedule's ${total.toFixed(2)})`);
      total = capped;
    }
  }
  out.fee = total * row.conversionFactor;
  // PC/TC 7 (RVU readme, Attachment A): a therapy service not paid when an independently practicing
  // PT or OT furnishes it to a hospital outpatient or inpatient; who furnished it is not on the line.
  if (row.pctc === '7' && ['19', '21', '22', '23'].includes(pos ?? '')) {
    out.notes.push(`${name}: PC/TC 7, not paid if an independently practicing physical or occupational therapist furnished it to a hospital patient (POS ${pos})`);
  }
  let amount = out.fee;
  const global = procedure.row;
  if (has(line, '50')) {
    // RVU readme, BILAT SURG: 1 = 150%; 3 = each side at 100%; 0 and 2 = 100% for both sides.
    if (global.bilateral === '1') {
      amount *= 1.5;
      out.applied.push('bilateral 150%');
    } else if (global.bilateral === '3') {
      amount *= 2;
      out.applied.push('bilateral, each side 100% (BILAT 3)');
    } else out.applied.push(`bilateral at 100% (BILAT ${global.bilateral}: no 150% adjustment)`);
  }
  if (has(line, 'AS')) {
    amount *= 0.16 * 0.85;
    out.applied.push('assistant at surgery (AS, non-physician) 85% of 16%');
  } else if (['80', '81', '82'].some((m) => has(line, m))) {
    amount *= 0.16;
    out.applied.push('assistant at surgery 16%');
  }
  if (has(line, '62') && (global.coSurgeons === '1' || global.coSurgeons === '2')) {
    amount *= 0.625;
    out.applied.push('co-surgeon 62.5%');
  }
  if (has(line, '66')) out.notes.push(`${name}: team surgery (66) is priced by report; the full fee is shown`);
  out.amount = amount;
  return out;
}

/** The fee of a code alone in a setting (for an endoscopy base that is not billed). */
function feeOf(code: string, setting: LinePayment['setting'], codeSet: CodeSet, gpci: PaymentLocality | undefined): number | undefined {
  const row = codeSet.procedure(code)?.row;
  if (!row) return undefined;
  const pe = setting === 'facility' ? row.rvu.peFacility : row.rvu.peNonFacility;
  const total = gpci ? row.rvu.work * gpci.work + pe * gpci.practiceExpense + row.rvu.malpractice * gpci.malpractice : setting === 'facility' ? row.rvu.totalFacility : row.rvu.totalNonFacility;
  return total * row.conversionFactor;
}

/** Prices a claim: each line, then the multiple-procedure ranking and status T per service day. */
export function priceClaim(claim: Claim, codeSet: CodeSet, locality?: string): ClaimPayment {
  const claimApplied: string[] = [];
  const claimNotes: string[] = [];
  const [mac, number] = locality ? locality.split('-') : [];
  const gpci = mac && number ? codeSet.paymentLocality?.(mac, number) : undefined;
  if (locality && !gpci) claimNotes.push(`locality ${locality} is not in the loaded GPCI file: national amounts shown`);
  const priced = new Map<ChargeLine, LinePayment>();
  for (const line of claim.lines) if (line.codeValue) priced.set(line, priceLine(line, codeSet, gpci));
  for (const day of claim.days) {
    const payments = day.map((l) => priced.get(l)).filter((p): p is LinePayment => p !== undefined);
    // Status T: bundled into another fee-schedule service of the day (RVU readme, status T), by
    // the same test as the status-t-bundled finding.
    const bundledT = statusTBundling(day, codeSet)?.tLines;
    for (const p of payments) {
      if (bundledT?.includes(p.line) && p.amount !== undefined) {
        p.amount = 0;
        p.applied.push('status T bundled (another fee-schedule service that day)');
      }
    }
    // Endoscopy families (MULT PROC 3, RVU readme): within a family sharing an ENDO BASE, the
    // highest is paid in full and each other at its fee minus the base's fee; the base alone
    // with its family is not paid. The family then ranks as one procedure with the others.
    const families = new Map<string, LinePayment[]>();
    for (const p of payments) {
      const global = procedureOf(p.line, codeSet)?.row;
      if (p.amount === undefined || global?.multipleProcedure !== '3' || !global.endoscopicBase) continue;
      const list = families.get(global.endoscopicBase) ?? [];
      list.push(p);
      families.set(global.endoscopicBase, list);
    }
    // The base itself (often MULT PROC 2, no ENDO BASE) joins the family it heads.
    for (const [base, members] of families) {
      for (const p of payments) if (p.line.codeValue === base && p.amount !== undefined && !members.includes(p)) members.push(p);
    }
    const inFamily = new Set<LinePayment>();
    const units: Array<{ p: LinePayment[]; each: number }> = [];
    for (const [base, members] of families) {
      const baseMember = members.find((m) => m.line.codeValue === base);
      if (members.length < 2) continue;
      const baseFee = baseMember?.amount ?? feeOf(base, members[0].setting, codeSet, gpci) ?? 0;
      members.sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0));
      members.forEach((m, i) => {
        inFamily.add(m);
        if (i === 0) return;
        m.amount = m.line.codeValue === base ? 0 : Math.max(0, (m.amount ?? 0) - baseFee);
        m.applied.push(m.line.codeValue === base ? `base endoscopy included in ${members[0].line.codeValue}` : `endoscopy family: fee less base ${base}`);
      });
      units.push({ p: members, each: members.reduce((sum, m) => sum + (m.amount ?? 0), 0) });
      claimApplied.push(`endoscopy family of ${base}: ${members[0].line.codeValue} in full, the others less the base`);
    }
    // Multiple procedures: each unit of each MULT PROC 2/3 line is one procedure; rank by amount.
    for (const p of payments) {
      const mult = p.row && procedureOf(p.line, codeSet)?.row?.multipleProcedure;
      if (p.amount === undefined || p.amount === 0 || !mult || inFamily.has(p)) continue;
      if (STANDARD_REDUCTION.has(mult)) for (let u = 0; u < p.units; u++) units.push({ p: [p], each: p.amount });
      else if (NOT_MODELLED[mult]) p.notes.push(NOT_MODELLED[mult]);
    }
    const reduced = new Map<LinePayment, number>();
    if (units.length > 1) {
      // Stable: ties keep file order.
      units.sort((a, b) => b.each - a.each);
      units.forEach((u, i) => {
        // A family's total is split back over its members in proportion.
        for (const p of u.p) {
          const share = u.p.length === 1 ? u.each : (p.amount ?? 0);
          reduced.set(p, (reduced.get(p) ?? 0) + (i === 0 ? share : share * 0.5));
        }
      });
      const first = units[0].p[0].line.codeValue;
      claimApplied.push(`multiple procedures: ${first} at 100%, ${units.length - 1} other procedure unit(s) at 50%`);
      if (units.length > 5) claimNotes.push('more than five procedures on one day are priced by report beyond the fifth; 50% is shown');
    }
    for (const p of payments) {
      if (p.amount === undefined) continue;
      const r = reduced.get(p);
      if (r !== undefined) {
        if (r < (inFamily.has(p) ? p.amount : p.amount * p.units) - 1e-9) p.applied.push('multiple procedure 50%');
        p.amount = cents(r);
      } else p.amount = cents(inFamily.has(p) ? p.amount : p.amount * p.units);
      if (p.units > 1 && r === undefined) p.applied.push(`${p.units} units`);
    }
  }
  const lines = [...priced.values()];
  for (const p of lines) for (const a of p.applied) if (!a.startsWith('multiple procedure') && !claimApplied.includes(`${p.line.codeValue}: ${a}`)) claimApplied.push(`${p.line.codeValue}: ${a}`);
  for (const p of lines) claimNotes.push(...p.notes);
  const total = cents(lines.reduce((sum, p) => sum + (p.amount ?? 0), 0));
  const where = gpci ? { locality: `${gpci.mac}-${gpci.locality} ${gpci.name}` } : {};
  return { lines, total, applied: claimApplied, notes: [...new Set(claimNotes)], ...where };
}
