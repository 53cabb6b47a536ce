/**
 * Builds the project's compiled data from the CMS source files.
 *   npm run build:data -- --sources ../shared/data-sources [--out data]
 * Reads mpfs-rvu/PPRRVU*.csv; writes data/fee-schedule.tsv and data/manifest.json.
 * Exits 2 with a message naming the file when a source is missing or unreadable.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Manifest, SCHEMA_VERSION, writeFeeScheduleTsv } from '../server/src/codeset/compiled';
import { parseRvuFile, releaseOfTitle } from '../server/src/codeset/sources/rvuFile';

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
const rvuDir = path.join(sources, 'mpfs-rvu');
const rvuName = fs.existsSync(rvuDir) ? fs.readdirSync(rvuDir).filter((f) => /^PPRRVU.*\.csv$/i.test(f)).sort().pop() : undefined;
if (!rvuName) fail(`${rvuDir}: no PPRRVU*.csv file found.`);
const rvuPath = path.join(rvuDir, rvuName);
const bytes = fs.readFileSync(rvuPath);
const parsed = parseRvuFile(bytes.toString('latin1'));
for (const p of parsed.problems) process.stderr.write(`${rvuPath}:${p.line}: ${p.message}\n`);
if (parsed.rows.length === 0) fail(`${rvuPath}: no rows read.`);
const release = releaseOfTitle(parsed.title) ?? fail(`${rvuPath}: cannot tell the release from the title "${parsed.title}".`);

// The most common conversion factor becomes the manifest's; rows that differ keep their own.
const cfCounts = new Map<number, number>();
for (const r of parsed.rows) cfCounts.set(r.conversionFactor, (cfCounts.get(r.conversionFactor) ?? 0) + 1);
const conversionFactor = [...cfCounts].sort((a, b) => b[1] - a[1])[0][0];

const manifest: Manifest = {
  schema: SCHEMA_VERSION,
  feeSchedule: {
    release: release.name,
    title: parsed.title,
    effectiveFrom: release.from,
    effectiveTo: release.to,
    sourceFile: `mpfs-rvu/${rvuName}`,
    sourceSha256: createHash('sha256').update(bytes).digest('hex'),
    rows: parsed.rows.length,
    codes: new Set(parsed.rows.map((r) => r.code)).size,
    conversionFactor,
  },
};
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'fee-schedule.tsv'), writeFeeScheduleTsv(parsed.rows, conversionFactor));
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
process.stdout.write(`build-data: ${manifest.feeSchedule.rows} fee-schedule rows, ${manifest.feeSchedule.codes} codes (${release.name}) → ${outDir}\n`);
if (parsed.problems.length > 0) process.stdout.write(`build-data: ${parsed.problems.length} source rows skipped (listed above).\n`);
