/**
 * fast-check generators of damaged charge files and notes, as they arrive in practice:
 * exports cut mid-row, cells pasted from spreadsheets, binary attachments saved as
 * .csv, UTF-16 exports, formula cells, emoji and combining marks next to codes.
 *
 * A document is built as real-looking rows, then damaged by a list of operations. The
 * service sees text (what an editor holds); the CLI sees bytes (`documentBytes`), so
 * invalid UTF-8, UTF-16 and NULs reach its decoding.
 */
import fc from 'fast-check';

/** Fixed seed of the short run inside `npm test`; `npm run fuzz` picks one and prints it. */
export const DEFAULT_SEED = 20261128;

/** Multiplier of every property's number of cases: 1 in `npm test`, larger in `npm run fuzz` (FUZZ_SCALE). */
function scale(): number {
  const value = Number(process.env.FUZZ_SCALE ?? '1');
  return Number.isFinite(value) && value > 0 ? value : 1;
}

/** Cases run so far in this process, for the closing line of `npm run fuzz`. */
export const counted = { cases: 0 };

/** fast-check parameters: `short` cases times FUZZ_SCALE, the seed from FUZZ_SEED or the fixed one. */
export function params(short: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
  const numRuns = Math.max(1, Math.round(short * scale()));
  counted.cases += numRuns;
  return { numRuns, seed, endOnFailure: true, verbose: fc.VerbosityLevel.None };
}

const CODES = ['47383', '76940', '99213', '99214', '20610', '20611', '11045', '11042', '71046', '27447', '29881', '29870', '17000', '11102', 'J1100', 'A9615', '0001U', '1234F', '99999', 'G0008', '22614', '22612'];
const MODIFIERS = ['22', '26', '50', '51', '59', 'LT', 'RT', 'TC', 'XS', 'XU', '25', '76', '91', 'QW', 'ZZ', 'lt', ' 22', 'X', '22 '];
const DATES = ['2025-10-14', '10/14/2025', '20251014', '2025-13-40', '', 'yesterday', '2024-01-01'];
const DIAGNOSES = ['C22.0', 'E11.9', 'M17.0', 'R05.9', 'L97.812', 'E11', 'Z00', 'XYZ', '', 'M25.561'];
const POS = ['11', '21', '22', '23', '99', '1', 'AB', ''];
const UNITS = ['1', '2', '0', '-1', '1.5', '', 'x', '99999', '3'];
const HEADERS = [
  'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,dx_pointer,override_reason',
  'Claim,Patient,Date of Service,CPT/HCPCS,Mod1,Mod2,Mod3,Mod4,Units,POS,Dx1,Dx2',
  'patient_id\tdos\tcpt\tmodifiers\tunits\tdx1',
  'claim_id;patient_id;dos;code;units',
  'cpt',
  'Svc Cd,Qty',
  '',
];
const NEAR_CODES = ['47383😀', '😀47383', '4\u03087383', '47383\u0301', '\u200b47383', '４７３８３', '47383\u{1F3FD}', 'e\u0301', '=47383', '+99213', '@SUM(A1)', '=HYPERLINK("http://x","47383")', '-2+3', '\ud83d', '\udc00'];
const PROSE = [
  '# Operative note\n',
  'Procedure: CPT 47383, percutaneous cryoablation of a liver tumor.\n',
  'Left knee arthroscopy (29881-LT) with meniscectomy.\n',
  'Billed 99213-25 and 20610 RT; right knee injected.\n',
  'Bilateral procedure 27447-50.\n',
  'Units: 2 of 20610.\n',
  'Findings: ***\n',
  'Plan: {{plan}}\n',
  '<!-- hidden 47383 -->\n',
  'CPT® 71046 and HCPCS J1100 x 3 units.\n',
  'Dx: E11.9, C22.0\n',
  '## Indications\n',
];

const cellArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CODES) },
  { weight: 4, arbitrary: fc.constantFrom(...MODIFIERS) },
  { weight: 2, arbitrary: fc.constantFrom(...DATES) },
  { weight: 2, arbitrary: fc.constantFrom(...DIAGNOSES) },
  { weight: 2, arbitrary: fc.constantFrom(...POS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNITS) },
  { weight: 2, arbitrary: fc.constantFrom(...NEAR_CODES) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CODES), fc.array(fc.constantFrom(...MODIFIERS), { maxLength: 6 })).map(([c, m]) => [c, ...m].join('-')) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...MODIFIERS), { maxLength: 7 }).map((m) => m.join(' ')) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...DIAGNOSES), { maxLength: 5 }).map((m) => m.join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constantFrom('A', 'AB', 'A,B', '1', '13', 'M') },
);

/** One well-formed-looking row of a claim. */
const rowArb = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(fc.constantFrom('C1', 'C2', 'C3', ''), fc.constantFrom('P1', 'P2', ''), fc.array(cellArb, { minLength: 1, maxLength: 10 })).map(([c, p, cells]) => [c, p, ...cells].join(',')) },
  { weight: 1, arbitrary: fc.constantFrom('# cpt-lens-disable-next-line ncci-ptp: reviewed', '# cpt-lens-disable-next-line', '# cpt-lens-disable-next-line no-such-rule: x', '# cpt-lens-disable units', '# a comment', '') },
);

/** An operation that damages a document's text. */
type Damage = (text: string) => string;

const at = (text: string, fraction: number): number => Math.floor(fraction * (text.length + 1));
const fraction = fc.double({ min: 0, max: 0.999999, noNaN: true });

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  // Cut mid-row (an export that stopped).
  fraction.map((f): Damage => (t) => t.slice(0, at(t, f))),
  // Quote damage: insert or delete a double quote.
  fraction.map((f): Damage => (t) => t.slice(0, at(t, f)) + '"' + t.slice(at(t, f))),
  fraction.map((f): Damage => (t) => {
    const i = t.indexOf('"', at(t, f));
    return i < 0 ? t : t.slice(0, i) + t.slice(i + 1);
  }),
  fc.tuple(fraction, fraction).map(([a, b]): Damage => (t) => {
    const [x, y] = [at(t, a), at(t, b)].sort((p, q) => p - q);
    return `${t.slice(0, x)}"${t.slice(x, y).replace(/"/g, '""')}"${t.slice(y)}`;
  }),
  // Mixed line endings.
  fc.constantFrom('\r\n', '\r', '\n\n', '\u2028', '\u0085').chain((eol) => fraction.map((f): Damage => (t) => {
    const i = t.indexOf('\n', at(t, f));
    return i < 0 ? t + eol : t.slice(0, i) + eol + t.slice(i + 1);
  })),
  fc.constant<Damage>((t) => t.replace(/\n/g, '\r\n')),
  // BOMs, NULs, control characters.
  fc.constantFrom<Damage>((t) => '\ufeff' + t, (t) => '\ufeff\ufeff' + t, (t) => t + '\ufeff'),
  fc.tuple(fraction, fc.constantFrom('\0', '\u0001', '\u001b[31m', '\ufffd', '\t', '\u00a0', '\u202e')).map(([f, s]): Damage => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f))),
  // Emoji, combining marks and zero-width characters next to codes.
  fc.tuple(fraction, fc.constantFrom('😀', '\u0301', '\u0308', '\u200d', '\u{1F3FD}', '👩‍⚕️', '\ud83d', '\udc00', '𝟒𝟕')).map(([f, s]): Damage => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f))),
  // Formula cells.
  fc.tuple(fraction, fc.constantFrom('=1+2', '+47383', '-22', '@A1', '=CONCAT("4","7383")', "'47383")).map(([f, s]): Damage => (t) => {
    const i = t.indexOf(',', at(t, f));
    return i < 0 ? t : t.slice(0, i + 1) + s + t.slice(i + 1);
  }),
  // Character flips.
  fc.tuple(fraction, fc.integer({ min: 0, max: 0xffff })).map(([f, c]): Damage => (t) => {
    const i = at(t, f);
    return t.slice(0, i) + String.fromCharCode(c) + t.slice(i + 1);
  }),
  // Duplicate or delete a span.
  fc.tuple(fraction, fraction).map(([a, b]): Damage => (t) => {
    const [x, y] = [at(t, a), at(t, b)].sort((p, q) => p - q);
    return t.slice(0, y) + t.slice(x, y) + t.slice(y);
  }),
  fc.tuple(fraction, fraction).map(([a, b]): Damage => (t) => {
    const [x, y] = [at(t, a), at(t, b)].sort((p, q) => p - q);
    return t.slice(0, x) + t.slice(y);
  }),
);

/** Rare, large damage: a huge cell, a row of many columns, a cell of many codes or modifiers. */
const bigDamageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.tuple(fraction, fc.constantFrom('X', '4', '"', ' ', 'E11.9 ', 'XS-', 'A', '😀', '\u0301'), fc.integer({ min: 1_000, max: 200_000 })).map(([f, s, n]): Damage => (t) => {
    const i = t.indexOf(',', at(t, f));
    const j = i < 0 ? t.length : i + 1;
    return t.slice(0, j) + s.repeat(Math.ceil(n / s.length)) + t.slice(j);
  }),
  fc.tuple(fraction, fc.integer({ min: 1_000, max: 100_000 })).map(([f, n]): Damage => (t) => {
    const i = t.indexOf('\n', at(t, f));
    const j = i < 0 ? t.length : i;
    return t.slice(0, j) + ',47383'.repeat(n) + t.slice(j);
  }),
  fc.integer({ min: 1_000, max: 20_000 }).map((n): Damage => (t) => t + 'C9,P9,2025-10-14,99213,,1,11,E11.9\n'.repeat(n)),
);

/** A charge file: a header, rows, and damage (large damage rarely: `big` enables it). */
export function chargeText(big = true): fc.Arbitrary<string> {
  const damage = big ? fc.oneof({ weight: 30, arbitrary: damageArb }, { weight: 1, arbitrary: bigDamageArb }) : damageArb;
  return fc
    .tuple(fc.constantFrom(...HEADERS), fc.array(rowArb, { maxLength: 14 }), fc.array(damage, { maxLength: 5 }), fc.constantFrom('\n', '\r\n', ''))
    .map(([header, rows, damages, end]) => damages.reduce((t, d) => d(t), [header, ...rows].join('\n') + end));
}

/** A note (prose citing codes), damaged the same way. */
export function noteText(big = true): fc.Arbitrary<string> {
  const damage = big ? fc.oneof({ weight: 30, arbitrary: damageArb }, { weight: 1, arbitrary: bigDamageArb }) : damageArb;
  return fc
    .tuple(fc.array(fc.oneof(fc.constantFrom(...PROSE), fc.tuple(fc.constantFrom(...NEAR_CODES, ...CODES), fc.constantFrom(' ', '-', '\n')).map(([a, b]) => a + b)), { maxLength: 16 }), fc.array(damage, { maxLength: 4 }))
    .map(([parts, damages]) => damages.reduce((t, d) => d(t), parts.join('')));
}

/** How the bytes of a file are written: UTF-8 (± BOM), UTF-16 LE/BE with BOM, or with bytes flipped (invalid UTF-8). */
export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'latin1' | 'flipped';

export function documentBytes(text: string, encoding: Encoding, flips: readonly [number, number][] = []): Buffer {
  let bytes: Buffer;
  switch (encoding) {
    case 'utf8-bom':
      bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      break;
    case 'utf16le':
      bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      break;
    case 'utf16be': {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
      break;
    }
    case 'latin1':
      bytes = Buffer.from(text, 'latin1');
      break;
    default:
      bytes = Buffer.from(text, 'utf8');
  }
  if (encoding === 'flipped' && bytes.length > 0) {
    for (const [where, value] of flips) bytes[Math.floor(where * bytes.length) % bytes.length] = value;
  }
  return bytes;
}

export const encodingArb = fc.constantFrom<Encoding>('utf8', 'utf8', 'utf8', 'utf8-bom', 'utf16le', 'utf16be', 'latin1', 'flipped', 'flipped');
export const flipsArb = fc.array(fc.tuple(fraction, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });

/** A random edit of a text: replace the range [start, end) with `insert` (fractions of the length). */
export interface RandomEdit {
  from: number;
  length: number;
  insert: string;
}

export const editArb: fc.Arbitrary<RandomEdit> = fc.record({
  from: fraction,
  length: fc.oneof(fc.constant(0), fc.constant(1), fc.integer({ min: 0, max: 40 })),
  insert: fc.oneof(
    fc.constantFrom('', '1', '2', ',', '-', ' ', '"', '\n', '\r\n', '#', 'X', 'S', 'L', 'T', '5', '9', '.', 'E', '😀', '\u0301'),
    cellArb,
    rowArb.map((r) => `${r}\n`),
  ),
});

/** Applies an edit; returns the new text and the LSP-style change (offsets into the old text). */
export function applyEdit(text: string, edit: RandomEdit): { text: string; start: number; end: number } {
  const start = Math.min(text.length, Math.floor(edit.from * (text.length + 1)));
  const end = Math.min(text.length, start + edit.length);
  return { text: text.slice(0, start) + edit.insert + text.slice(end), start, end };
}

/** Whether `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
