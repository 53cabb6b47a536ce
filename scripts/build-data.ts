/**
 * Builds the project's compiled data from the CMS source files.
 *   npm run build:data -- --sources ../shared/data-sources [--out data]
 * Reads (paths under --sources):
 *   mpfs-rvu/PPRRVU*.csv                          → fee-schedule.tsv
 *   hcpcs-level2/HCPC*_ANWEB_*.txt (fixed width)  → hcpcs.tsv (RECID 3) and modifiers.tsv (RECID 7 + CPT numeric)
 *   hcpcs-level2/2025-07-longdesc-only/*.csv      → hcpcs.tsv rows for codes added since (long description only)
 *   betos/*.csv                                   → betos.tsv
 *   place-of-service/*.csv                        → place-of-service.tsv
 *   icd10cm/icd10cm_order_*.txt                   → icd10cm.tsv
 * and writes manifest.json with each table's release, source checksum and counts.
 * Exits 2 with a message naming the file when a source is missing or unreadable.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Manifest, SCHEMA_VERSION, TableSource, writeFeeScheduleTsv } from '../server/src/codeset/compiled';
import { CPT_MODIFIERS, levelTwoModifier } from '../server/src/codeset/modifiers';
import { parseHcpcsFixedWidth, parseLongDescriptionOnly } from '../server/src/codeset/sources/hcpcsFile';
import { parseIcd10OrderFile } from '../server/src/codeset/sources/icd10OrderFile';
import { parseRvuFile, releaseOfTitle, SourceProblem } from '../server/src/codeset/sources/rvuFile';
import { parseBetosTable, parsePlaceOfServiceTable } from '../server/src/codeset/sources/smallTables';
import { HcpcsRow, writeHcpcsTsv, writeIcd10Tsv, writeModifiersTsv, writePosTsv, writeTsv, BETOS_FIELDS } from '../server/src/codeset/tables';
import type { PlaceOfService } from '../server/src/codeset/types';

function fail(message: string): never {
  process.stderr.write(`build-data: ${message}\n`);
  process.exit(2);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sources = argValue('--sources') ?? fail('usage: build-data --sources DIR [--out DIR]');
const outDir = argValue('--out') ?? path.join(__dirname, '..', 'data');

/** The last file in `dir` (relative to sources) whose name matches. */
function sourceFile(dir: string, pattern: RegExp): string {
  const full = path.join(sources, dir);
  const name = fs.existsSync(full) ? fs.readdirSync(full).filter((f) => pattern.test(f)).sort().pop() : undefined;
  if (!name) fail(`${full}: no file matching ${pattern} found.`);
  return path.join(dir, name);
}

const checksums = new Map<string, string>();
/** Reads a source file as Latin-1 (all CMS files here are ASCII or Latin-1) and records its checksum. */
function readSource(relative: string): string {
  const bytes = fs.readFileSync(path.join(sources, relative));
  checksums.set(relative, createHash('sha256').update(bytes).digest('hex'));
  return bytes.toString('latin1');
}

function report(relative: string, problems: readonly SourceProblem[]): void {
  for (const p of problems) process.stderr.write(`${path.join(sources, relative)}:${p.line}: ${p.message}\n`);
}

const origin = (...paths: string[]): TableSource['sources'] => paths.map((p) => ({ path: p, sha256: checksums.get(p) ?? '' }));
fs.mkdirSync(outDir, { recursive: true });
const write = (file: string, text: string): void => fs.writeFileSync(path.join(outDir, file), text);

// ---- Fee schedule.
const rvuPath = sourceFile('mpfs-rvu', /^PPRRVU.*\.csv$/i);
const parsed = parseRvuFile(readSource(rvuPath));
report(rvuPath, parsed.problems);
if (parsed.rows.length === 0) fail(`${rvuPath}: no rows read.`);
const release = releaseOfTitle(parsed.title) ?? fail(`${rvuPath}: cannot tell the release from the title "${parsed.title}".`);
// The most common conversion factor becomes the manifest's; rows that differ keep their own.
const cfCounts = new Map<number, number>();
for (const r of parsed.rows) cfCounts.set(r.conversionFactor, (cfCounts.get(r.conversionFactor) ?? 0) + 1);
const conversionFactor = [...cfCounts].sort((a, b) => b[1] - a[1])[0][0];
write('fee-schedule.tsv', writeFeeScheduleTsv(parsed.rows, conversionFactor));

// ---- HCPCS Level II: codes and modifiers from the fixed-width file, then the supplement's additions.
const hcpcsPath = sourceFile('hcpcs-level2', /^HCPC\d{4}_[A-Z]{3}_ANWEB_\d+\.txt$/i);
const hcpcsRelease = /HCPC(\d{4}_[A-Z]{3})/i.exec(hcpcsPath)?.[1].toUpperCase() ?? 'unknown';
const hcpcs = parseHcpcsFixedWidth(readSource(hcpcsPath));
report(hcpcsPath, hcpcs.problems);
const hcpcsRows: HcpcsRow[] = hcpcs.records
  .filter((r) => r.kind === 'procedure')
  .map((r) => ({
    code: r.code, longDescription: r.longDescription, shortDescription: r.shortDescription, pricing: r.pricing, coverage: r.coverage,
    betos: r.betos, addDate: r.addDate, actionEffectiveDate: r.actionEffectiveDate, terminationDate: r.terminationDate, actionCode: r.actionCode,
    release: `HCPC${hcpcsRelease}`,
  }));
const levelTwoModifiers = hcpcs.records.filter((r) => r.kind === 'modifier').map(levelTwoModifier);
const supplementDir = path.join('hcpcs-level2', '2025-07-longdesc-only');
let supplementPath: string | undefined;
let added = 0;
if (fs.existsSync(path.join(sources, supplementDir))) {
  supplementPath = sourceFile(supplementDir, /\.csv$/i);
  const supplementRelease = /HCPC(\d{4}_[A-Z]{3})/i.exec(supplementPath)?.[1].toUpperCase() ?? 'supplement';
  const supplement = parseLongDescriptionOnly(readSource(supplementPath));
  report(supplementPath, supplement.problems);
  const known = new Set(hcpcs.records.map((r) => r.code));
  for (const s of supplement.codes) {
    if (known.has(s.code) || s.code.length !== 5) continue;
    added++;
    hcpcsRows.push({
      code: s.code, longDescription: s.longDescription, shortDescription: '', pricing: [], coverage: '', betos: '',
      addDate: '', actionEffectiveDate: '', terminationDate: '', actionCode: '', release: `HCPC${supplementRelease}`, descriptionOnly: true,
    });
  }
}
hcpcsRows.sort((a, b) => (a.code < b.code ? -1 : 1));
write('hcpcs.tsv', writeHcpcsTsv(hcpcsRows));
write('modifiers.tsv', writeModifiersTsv([...CPT_MODIFIERS, ...levelTwoModifiers]));

// ---- BETOS and places of service.
const betosPath = sourceFile('betos', /\.csv$/i);
const betos = parseBetosTable(readSource(betosPath));
report(betosPath, betos.problems);
write('betos.tsv', writeTsv(BETOS_FIELDS, betos.names));

const posPath = sourceFile('place-of-service', /\.csv$/i);
const pos = parsePlaceOfServiceTable(readSource(posPath));
report(posPath, pos.problems);
/**
 * The staged POS table is a 2022 copy. CMS has since added 27 (Oct 2023) and 66 (2024);
 * see place-of-service/SOURCE.md. They are added here by name, flagged in data/README.md.
 */
const POS_ADDITIONS: PlaceOfService[] = [
  { code: '27', name: 'Outreach Site/Street', facility: false },
  { code: '66', name: 'Programs of All-Inclusive Care for the Elderly (PACE) Center', facility: false },
];
const places = [...pos.places, ...POS_ADDITIONS.filter((a) => !pos.places.some((p) => p.code === a.code))].sort((a, b) => (a.code < b.code ? -1 : 1));
write('place-of-service.tsv', writePosTsv(places));

// ---- ICD-10-CM.
const icdPath = sourceFile('icd10cm', /^icd10cm_order_\d{4}\.txt$/i);
const icd = parseIcd10OrderFile(readSource(icdPath));
report(icdPath, icd.problems);
write('icd10cm.tsv', writeIcd10Tsv(icd.codes));
const icdYear = /(\d{4})/.exec(icdPath)?.[1] ?? '';

const manifest: Manifest = {
  schema: SCHEMA_VERSION,
  feeSchedule: {
    release: release.name,
    title: parsed.title,
    effectiveFrom: release.from,
    effectiveTo: release.to,
    sourceFile: rvuPath,
    sourceSha256: checksums.get(rvuPath) ?? '',
    rows: parsed.rows.length,
    codes: new Set(parsed.rows.map((r) => r.code)).size,
    conversionFactor,
  },
  hcpcs: {
    release: `HCPC${hcpcsRelease}` + (added > 0 && supplementPath ? ` + ${added} codes from ${path.basename(supplementPath)}` : ''),
    file: 'hcpcs.tsv',
    sources: origin(hcpcsPath, ...(supplementPath ? [supplementPath] : [])),
    rows: hcpcsRows.length,
    counts: { fromAnweb: hcpcsRows.length - added, descriptionOnlyAdditions: added, withTerminationDate: hcpcsRows.filter((r) => r.terminationDate).length },
  },
  modifiers: {
    release: `CPT numeric (CPT Lens wording) + HCPC${hcpcsRelease} Level II`,
    file: 'modifiers.tsv',
    sources: origin(hcpcsPath),
    rows: CPT_MODIFIERS.length + levelTwoModifiers.length,
    counts: { cpt: CPT_MODIFIERS.length, levelTwo: levelTwoModifiers.length },
  },
  betos: { release: `BETOS table of HCPC${hcpcsRelease} record layout`, file: 'betos.tsv', sources: origin(betosPath), rows: betos.names.length },
  placeOfService: {
    release: 'CMS POS code set (2022 copy + 27, 66)',
    file: 'place-of-service.tsv',
    sources: origin(posPath),
    rows: places.length,
    counts: { fromSource: pos.places.length, added: places.length - pos.places.length },
  },
  icd10: {
    release: `ICD-10-CM FY${icdYear}`,
    file: 'icd10cm.tsv',
    sources: origin(icdPath),
    rows: icd.codes.length,
    counts: { billable: icd.codes.filter((c) => c.billable).length, headers: icd.codes.filter((c) => !c.billable).length },
  },
};
write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
process.stdout.write(
  `build-data: ${manifest.feeSchedule.rows} fee-schedule rows (${release.name}), ${hcpcsRows.length} Level II codes (${added} description-only), ` +
    `${manifest.modifiers?.rows} modifiers, ${betos.names.length} BETOS, ${places.length} POS, ${icd.codes.length} ICD-10-CM → ${outDir}\n`,
);
const skipped = [parsed, hcpcs, betos, pos, icd].reduce((n, p) => n + p.problems.length, 0);
if (skipped > 0) process.stdout.write(`build-data: ${skipped} source rows skipped (listed above).\n`);
