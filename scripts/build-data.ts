/**
 * Builds the project's compiled data from the CMS source files kept in the repository.
 *   npm run build:data [-- --sources DIR] [--out DIR]
 * With no arguments it reads data/sources/ and rewrites data/ byte for byte as committed
 * (test/unit/data/rebuild.test.ts holds it to that). Sources may be gzip-compressed
 * (`name.gz`); the manifest names and checksums the file CMS published.
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
import { Manifest, SCHEMA_VERSION, TableSource } from '../server/src/codeset/compiled';
import { CPT_MODIFIERS } from '../server/src/codeset/modifiers';
import { compileFeeSchedule, compileHcpcs, compileIcd10, hcpcsReleaseOf, hcpcsTables } from '../server/src/codeset/compileSources';
import { parseLongDescriptionOnly } from '../server/src/codeset/sources/hcpcsFile';
import { publishedName, readSourceBytes } from '../server/src/codeset/sources/sourceBytes';
import type { SourceProblem } from '../server/src/codeset/sources/rvuFile';
import { parseBetosTable, parsePlaceOfServiceTable } from '../server/src/codeset/sources/smallTables';
import { parseGpciFile } from '../server/src/codeset/sources/gpciFile';
import { writeGpciTsv, writePosTsv, writeTsv, BETOS_FIELDS } from '../server/src/codeset/tables';
import type { PlaceOfService } from '../server/src/codeset/types';
import { fiscalYear, hcpcsQuarter } from '../server/src/codeset/dataPeriods';

function fail(message: string): never {
  process.stderr.write(`build-data: ${message}\n`);
  process.exit(2);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sources = argValue('--sources') ?? path.join(__dirname, '..', 'data', 'sources');
const outDir = argValue('--out') ?? path.join(__dirname, '..', 'data');

/** Where each published file name (relative to sources) is stored: itself or its `.gz`. */
const stored = new Map<string, string>();
/** The last file in `dir` (relative to sources) whose published name matches; returned as the published name. */
function sourceFile(dir: string, pattern: RegExp): string {
  const full = path.join(sources, dir);
  const name = fs.existsSync(full) ? fs.readdirSync(full).filter((f) => pattern.test(publishedName(f))).sort().pop() : undefined;
  if (!name) fail(`${full}: no file matching ${pattern} found.`);
  const published = path.join(dir, publishedName(name));
  stored.set(published, path.join(dir, name));
  return published;
}

const checksums = new Map<string, string>();
/** Reads a source file as Latin-1 (all CMS files here are ASCII or Latin-1) and records the checksum of the published bytes. */
function readSource(relative: string): string {
  const file = path.join(sources, stored.get(relative) ?? relative);
  let bytes: Buffer;
  try {
    bytes = readSourceBytes(file);
  } catch (error) {
    fail(`${file}: cannot read (${(error as Error).message}).`);
  }
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
const fee = compileFeeSchedule(readSource(rvuPath));
report(rvuPath, fee.problems);
if (fee.error) fail(`${rvuPath}: ${fee.error}.`);
write('fee-schedule.tsv', fee.tsv);

// The GPCI file of the same year (PFS Addendum E): locality-adjusted payment.
const gpciPath = sourceFile('mpfs-rvu', /^GPCI\d{4}\.csv$/i);
const gpci = parseGpciFile(readSource(gpciPath));
report(gpciPath, gpci.problems);
if (gpci.localities.length === 0) fail(`${gpciPath}: no localities read.`);
write('gpci.tsv', writeGpciTsv(gpci.localities));

// ---- HCPCS Level II: codes and modifiers from the fixed-width file, then the supplement's additions.
const hcpcsPath = sourceFile('hcpcs-level2', /^HCPC\d{4}_[A-Z]{3}_ANWEB_\d+\.txt$/i);
const hcpcs = compileHcpcs(readSource(hcpcsPath), hcpcsReleaseOf(hcpcsPath) ?? fail(`${hcpcsPath}: no release (HCPCyyyy_MMM) in the file name.`));
report(hcpcsPath, hcpcs.problems);
const hcpcsRows = hcpcs.rows;
const levelTwoModifiers = hcpcs.levelTwoModifiers;
const supplementDir = path.join('hcpcs-level2', '2025-07-longdesc-only');
let supplementPath: string | undefined;
let added = 0;
if (fs.existsSync(path.join(sources, supplementDir))) {
  supplementPath = sourceFile(supplementDir, /\.csv$/i);
  const supplementRelease = hcpcsReleaseOf(supplementPath) ?? 'supplement';
  const supplement = parseLongDescriptionOnly(readSource(supplementPath));
  report(supplementPath, supplement.problems);
  const known = new Set(hcpcsRows.map((r) => r.code));
  for (const s of supplement.codes) {
    if (known.has(s.code) || s.code.length !== 5) continue;
    added++;
    hcpcsRows.push({
      code: s.code, longDescription: s.longDescription, shortDescription: '', pricing: [], coverage: '', betos: '',
      addDate: '', actionEffectiveDate: '', terminationDate: '', actionCode: '', release: supplementRelease, descriptionOnly: true,
    });
  }
}
const tables = hcpcsTables(hcpcsRows, levelTwoModifiers);
// The January file, plus the codes the July file added: known through the end of July's quarter.
const hcpcsPeriod = {
  from: (hcpcsQuarter(hcpcs.release) ?? fail(`${hcpcsPath}: no quarter in the release name.`)).from,
  to: (hcpcsQuarter(supplementPath && added > 0 ? path.basename(supplementPath) : hcpcs.release) ?? fail(`${supplementPath}: no quarter in the file name.`)).to,
};
write('hcpcs.tsv', tables.hcpcsTsv);
write('modifiers.tsv', tables.modifiersTsv);

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
const icd = compileIcd10(readSource(icdPath), path.basename(icdPath));
report(icdPath, icd.problems);
write('icd10cm.tsv', icd.tsv);

const manifest: Manifest = {
  schema: SCHEMA_VERSION,
  feeSchedule: { ...fee.entry, sourceFile: rvuPath, sourceSha256: checksums.get(rvuPath) ?? '' },
  hcpcs: {
    release: hcpcs.release + (added > 0 && supplementPath ? ` + ${added} codes from ${path.basename(supplementPath)}` : ''),
    file: 'hcpcs.tsv',
    sources: origin(hcpcsPath, ...(supplementPath ? [supplementPath] : [])),
    rows: hcpcsRows.length,
    period: hcpcsPeriod,
    counts: { fromAnweb: hcpcsRows.length - added, descriptionOnlyAdditions: added, withTerminationDate: hcpcsRows.filter((r) => r.terminationDate).length },
  },
  modifiers: {
    release: `CPT numeric (CPT Lens wording) + ${hcpcs.release} Level II`,
    file: 'modifiers.tsv',
    sources: origin(hcpcsPath),
    rows: CPT_MODIFIERS.length + levelTwoModifiers.length,
    period: hcpcsPeriod,
    counts: { cpt: CPT_MODIFIERS.length, levelTwo: levelTwoModifiers.length },
  },
  betos: { release: `BETOS table of the ${hcpcs.release} record layout`, file: 'betos.tsv', sources: origin(betosPath), rows: betos.names.length, period: { from: hcpcsPeriod.from } },
  placeOfService: {
    release: 'CMS POS code set (2022 copy + 27, 66)',
    file: 'place-of-service.tsv',
    sources: origin(posPath),
    rows: places.length,
    // The latest code in the table (66, PACE Center) dates from 2024; POS codes are added rarely and never dropped.
    period: { from: '2024-01-01' },
    counts: { fromSource: pos.places.length, added: places.length - pos.places.length },
  },
  gpci: {
    release: `CY${/GPCI(\d{4})/i.exec(gpciPath)?.[1] ?? ''} GPCIs (PFS Addendum E)`,
    file: 'gpci.tsv',
    sources: origin(gpciPath),
    rows: gpci.localities.length,
    period: { from: fee.entry.effectiveFrom.slice(0, 4) + '-01-01', to: fee.entry.effectiveTo.slice(0, 4) + '-12-31' },
  },
  icd10: {
    release: icd.release,
    file: 'icd10cm.tsv',
    sources: origin(icdPath),
    rows: icd.rows,
    period: fiscalYear(Number(/FY(\d{4})/.exec(icd.release)?.[1] ?? fail(`${icdPath}: no fiscal year in the release (${icd.release}).`))),
    counts: icd.counts,
  },
};
write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
process.stdout.write(
  `build-data: ${manifest.feeSchedule.rows} fee-schedule rows (${fee.entry.release}), ${hcpcsRows.length} Level II codes (${added} description-only), ` +
    `${manifest.modifiers?.rows} modifiers, ${betos.names.length} BETOS, ${places.length} POS, ${icd.rows} ICD-10-CM → ${outDir}\n`,
);
const skipped = [fee, gpci, hcpcs, betos, pos, icd].reduce((n, p) => n + p.problems.length, 0);
if (skipped > 0) process.stdout.write(`build-data: ${skipped} source rows skipped (listed above).\n`);
