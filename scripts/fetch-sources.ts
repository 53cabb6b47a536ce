/**
 * Places a newer CMS release into data/sources/ for `npm run build:data`. Never run in CI
 * (it is the one script that may touch the network, and only when given a URL).
 *   node dist/fetch-sources.js SET URL|FILE [--sha256 HEX] [--dest DIR]   (DIR: default data/sources)
 *   SET: mpfs-rvu (PFS Relative Value File zip, e.g. RVU26A.zip), hcpcs-level2 (the
 *        alpha-numeric HCPCS file zip), icd10cm (the ICD-10-CM code descriptions zip)
 * Steps: download (or read FILE), check the SHA-256 when given, take the member the build
 * reads out of the zip, compile it with the build's own parser (it must yield rows), then
 * write it gzip-compressed as data/sources/SET/<member>.gz and remove the set's older file
 * of the same kind (git keeps it). Then: `npm run build:data`, update SET/SOURCE.md (release,
 * address, date retrieved, SHA-256), fix the counts the data tests check, `npm test`.
 * Users who only want a newer quarter in their editor use `cpt-lens import` instead.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { compileFeeSchedule, compileHcpcs, compileIcd10, hcpcsReleaseOf } from '../server/src/codeset/compileSources';
import { readZip } from '../server/src/codeset/ncci/zip';
import { publishedName } from '../server/src/codeset/sources/sourceBytes';

interface SourceSet {
  member: RegExp;
  /** Rows the build's parser reads from the member, or a reason it is not what it claims. */
  check(text: string, name: string): { rows: number; error?: string };
}

export const SOURCE_SETS: Record<string, SourceSet> = {
  'mpfs-rvu': { member: /^PPRRVU.*\.csv$/i, check: (text) => { const f = compileFeeSchedule(text); return { rows: f.entry.rows, error: f.error }; } },
  'hcpcs-level2': { member: /^HCPC\d{4}_[A-Z]{3}_ANWEB.*\.txt$/i, check: (text, name) => ({ rows: compileHcpcs(text, hcpcsReleaseOf(name) ?? name).rows.length }) },
  icd10cm: { member: /^icd10cm_order_\d{4}\.txt$/i, check: (text, name) => ({ rows: compileIcd10(text, name).rows }) },
};

function fail(message: string): never {
  process.stderr.write(`fetch-sources: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const [setName, from] = process.argv.slice(2);
  const option = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const sha = option('--sha256');
  const set = SOURCE_SETS[setName ?? ''];
  if (!set || !from) fail(`usage: fetch-sources ${Object.keys(SOURCE_SETS).join('|')} URL|FILE [--sha256 HEX]`);
  let bytes: Buffer;
  if (/^https:\/\//i.test(from)) {
    const response = await fetch(from);
    if (!response.ok) fail(`${from}: HTTP ${response.status}`);
    bytes = Buffer.from(await response.arrayBuffer());
  } else {
    try {
      bytes = fs.readFileSync(from);
    } catch (error) {
      fail(`${from}: cannot read (${(error as Error).message})`);
    }
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (sha && sha.toLowerCase() !== digest) fail(`${from}: SHA-256 is ${digest}, expected ${sha}`);
  const isZip = bytes.subarray(0, 2).toString('latin1') === 'PK';
  const members = isZip ? readZip(bytes).map((m) => ({ name: path.basename(m.name), data: m.data })) : [{ name: path.basename(from), data: bytes }];
  const member = members.find((m) => set.member.test(m.name));
  if (!member) fail(`${from}: no member matching ${set.member} (found: ${members.map((m) => m.name).slice(0, 10).join(', ')})`);
  const checked = set.check(member.data.toString('latin1'), member.name);
  if (checked.error || checked.rows === 0) fail(`${member.name}: not a ${setName} file the build can read (${checked.error ?? 'no rows'})`);
  const dir = path.join(option('--dest') ?? path.join(__dirname, '..', 'data', 'sources'), setName);
  fs.mkdirSync(dir, { recursive: true });
  const replaced = fs.readdirSync(dir).filter((f) => set.member.test(publishedName(f)) && publishedName(f) !== member.name);
  fs.writeFileSync(path.join(dir, `${member.name}.gz`), zlib.gzipSync(member.data, { level: 9 }));
  for (const old of replaced) fs.rmSync(path.join(dir, old));
  process.stdout.write(
    `fetch-sources: ${member.name}: ${checked.rows} rows; download SHA-256 ${digest}; member SHA-256 ${createHash('sha256').update(member.data).digest('hex')}\n` +
      `  wrote ${path.join(dir, member.name)}.gz${replaced.length ? `; removed ${replaced.join(', ')} (git keeps them)` : ''}\n` +
      `  next: npm run build:data, update data/sources/${setName}/SOURCE.md, fix the data tests' counts, npm test\n`,
  );
}

void main();
