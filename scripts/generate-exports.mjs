// Generates a SYNTHETIC multi-vendor corpus of charge exports (no real patients) to measure
// how real files are read: each file in one vendor's header style, many accounts on the same
// days, clean lines plus a few planted problems INSIDE one account (a same-day visit without
// 25 after a 010-day procedure, a duplicated line). Writes FILE.csv and FILE.planted.json
// (per planted problem, the 1-based physical lines where its claim finding may sit).
//   node scripts/generate-exports.mjs OUTDIR [--accounts N] [--seed S]
// Then: node scripts/measure-exports.mjs OUTDIR (counts false and found claim findings).
import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: generate-exports.mjs OUTDIR [--accounts N] [--seed S]\n');
  process.exit(2);
}
const option = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const accounts = option('--accounts', 400);
let seed = option('--seed', 20251128);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];

// Valid NPIs (check digit per the NPI standard).
function npi(base) {
  const digits = `80840${base}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return `${base}${(10 - (sum % 10)) % 10}`;
}
const PROVIDERS = ['123456789', '102345678', '198765432', '176543210'].map(npi);

/** Clean lines: code, modifiers, units, revenue code, charge, diagnoses. One visit per account, then tests. */
const VISITS = [
  ['99213', [], 1, '0510', '180.00', ['E11.9']],
  ['99214', [], 1, '0510', '220.00', ['I10', 'E78.5']],
  ['99203', [], 1, '0510', '210.00', ['M54.50']],
];
const TESTS = [
  ['71046', ['26'], 1, '0320', '95.00', ['R05.9']],
  ['93000', [], 1, '0730', '45.00', ['I48.91']],
];

const STYLES = {
  epic: { header: ['HAR', 'Svc Date', 'Proc Code', 'Mod 1', 'Mod 2', 'Qty', 'Rev Code', 'Chg Amt', 'Rendering Prov NPI', 'Billing Prov NPI', 'Dx 1', 'Dx 2'],
    row: (a, d, l) => [a, us(d), l.code, l.mods[0] ?? '', l.mods[1] ?? '', l.units, l.rev, l.amount, l.npi, PROVIDERS[3], l.dx[0], l.dx[1] ?? ''] },
  cerner: { header: ['FIN', 'Encounter Number', 'Service Date', 'CPT/HCPCS', 'Modifier 1', 'Modifier 2', 'Svc Units', 'UB Rev', 'Primary Dx', 'Secondary Dx', 'Performing Physician'],
    row: (a, d, l) => [`FN${a}`, `E${a}`, d, l.code, l.mods[0] ?? '', l.mods[1] ?? '', l.units, l.rev, l.dx[0], l.dx[1] ?? '', l.npi] },
  meditech: { header: ['Acct No', 'DOS From', 'Post Date', 'HCPCS/CPT', 'Mod1', 'Mod2', 'Qty', 'Rev', 'Chg Amt', 'Attending', 'ICD-10 1', 'ICD-10 2'],
    row: (a, d, l) => [`A-${a}`, d.replaceAll('-', ''), '20251130', l.code, l.mods[0] ?? '', l.mods[1] ?? '', l.units, l.rev, l.amount, l.npi, l.dx[0], l.dx[1] ?? ''] },
  clearinghouse: { header: ['Pt Acct #', 'From DOS', 'CPT-HCPCS', 'Modifier 1', 'Modifier 2', 'Days or Units', 'Line Charge', 'Rendering NPI', 'Dx 1', 'Dx 2'],
    row: (a, d, l) => [`PA${a}`, us(d), l.code, l.mods[0] ?? '', l.mods[1] ?? '', l.units, l.amount, l.npi, l.dx[0], l.dx[1] ?? ''] },
  athena: { header: ['Visit Ref', 'Date', 'Code', 'Units', 'Ref Phys', 'Dx'],
    row: (a, d, l) => [`V${a}`, d, l.code, l.units, l.npi, l.dx[0]] },
  // No column says what the key is: lines are checked alone (claim-grouping warns and names "Ref").
  'no-key': { header: ['Ref', 'Date', 'Code', 'Units', 'Dx'],
    row: (a, d, l) => [`R${a}`, d, l.code, l.units, l.dx[0]] },
};
function us(iso) {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

fs.mkdirSync(out, { recursive: true });
for (const [style, { header, row }] of Object.entries(STYLES)) {
  const lines = [header.join(',')];
  const planted = [];
  for (let a = 0; a < accounts; a++) {
    const account = String(100000 + a);
    const day = `2025-10-${String(10 + (a % 15)).padStart(2, '0')}`;
    const provider = pick(PROVIDERS);
    const line = (c) => ({ code: c[0], mods: c[1], units: c[2], rev: c[3], amount: c[4], dx: c[5], npi: provider });
    const chosen = [line(pick(VISITS))];
    for (const t of TESTS) if (random() < 0.4) chosen.push(line(t));
    // Planted, inside this account only: every 10th a same-day visit after 47383 (010-day global),
    // every 10th (offset) a duplicated line (both lines of the pair count as the finding's place).
    const plantGlobal = a % 10 === 3;
    const plantDuplicate = a % 10 === 7;
    if (plantGlobal) {
      chosen.length = 0;
      chosen.push({ code: '47383', mods: [], units: 1, rev: '0360', amount: '4210.00', dx: ['C22.0'], npi: provider });
      chosen.push({ code: '99213', mods: [], units: 1, rev: '0510', amount: '180.00', dx: ['C22.0'], npi: provider, planted: true });
    }
    if (plantDuplicate) {
      chosen[0].planted = true;
      chosen.push({ ...chosen[0], planted: true });
    }
    const problem = [];
    for (const l of chosen) {
      lines.push(row(account, day, l).join(','));
      if (l.planted) problem.push(lines.length);
    }
    if (problem.length > 0) planted.push(problem);
  }
  const file = path.join(out, `${style}.csv`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  fs.writeFileSync(path.join(out, `${style}.planted.json`), JSON.stringify(planted) + '\n');
}
process.stdout.write(`generate-exports: ${Object.keys(STYLES).length} files × ${accounts} accounts → ${out}\n`);
