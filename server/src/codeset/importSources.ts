/**
 * `cpt-lens import hcpcs|rvu|icd10 FILE`: compiles a later quarter's CMS file with the
 * same parsers as `npm run build:data` (compileSources.ts) into the user's data
 * folder (userData.ts), so a coder can move to a new release without a new version
 * of the extension. Writes nothing when the file yields no rows.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replaceFolder } from './replaceFolder';
import { compileFeeSchedule, compileHcpcs, compileIcd10, hcpcsReleaseOf, hcpcsTables } from './compileSources';
import type { SourceProblem } from './sources/rvuFile';
import { readSourceBytes } from './sources/sourceBytes';
import type { ImportManifest } from './userData';

export type SourceKind = 'hcpcs' | 'rvu' | 'icd10';

export interface SourceImportReport {
  release: string;
  rows: number;
  outDir: string;
  problems: SourceProblem[];
  /** Set when nothing was written. */
  error?: string;
}

export function importSource(kind: SourceKind, file: string, userDataDir: string, options: { release?: string; now?: Date; afterWrite?: (name: string) => void } = {}): SourceImportReport {
  const outDir = path.join(userDataDir, kind);
  let bytes: Buffer;
  try {
    bytes = readSourceBytes(file);
  } catch (error) {
    return { release: '', rows: 0, outDir, problems: [], error: `${file}: cannot read (${(error as Error).message})` };
  }
  const text = bytes.toString('latin1');
  const manifest: ImportManifest = {
    release: '', source: path.resolve(file), sha256: createHash('sha256').update(bytes).digest('hex'), imported: (options.now ?? new Date()).toISOString(), rows: 0,
  };
  const outputs: [string, string][] = [];
  let problems: SourceProblem[];
  if (kind === 'rvu') {
    const fee = compileFeeSchedule(text);
    problems = fee.problems;
    if (fee.error) return { release: '', rows: 0, outDir, problems, error: `${file}: ${fee.error}` };
    manifest.release = options.release ?? fee.entry.release;
    manifest.rows = fee.entry.rows;
    manifest.feeSchedule = { ...fee.entry, release: manifest.release, sourceFile: manifest.source, sourceSha256: manifest.sha256 };
    outputs.push(['fee-schedule.tsv', fee.tsv]);
  } else if (kind === 'hcpcs') {
    const hcpcs = compileHcpcs(text, options.release ?? hcpcsReleaseOf(path.basename(file)) ?? path.basename(file));
    problems = hcpcs.problems;
    if (hcpcs.rows.length === 0) return { release: '', rows: 0, outDir, problems, error: `${file}: no HCPCS procedure records read` };
    manifest.release = hcpcs.release;
    manifest.rows = hcpcs.rows.length;
    const tables = hcpcsTables(hcpcs.rows, hcpcs.levelTwoModifiers);
    outputs.push(['hcpcs.tsv', tables.hcpcsTsv], ['modifiers.tsv', tables.modifiersTsv]);
  } else {
    const icd = compileIcd10(text, path.basename(file));
    problems = icd.problems;
    if (icd.rows === 0) return { release: '', rows: 0, outDir, problems, error: `${file}: no ICD-10-CM order-file records read` };
    manifest.release = options.release ?? icd.release;
    manifest.rows = icd.rows;
    outputs.push(['icd10cm.tsv', icd.tsv]);
  }
  // Staged and swapped in whole: a failed or interrupted import leaves the previous release in use.
  try {
    replaceFolder(outDir, (staging) => {
      for (const [name, content] of [...outputs, ['manifest.json', JSON.stringify(manifest, null, 2) + '\n'] as [string, string]]) {
        fs.writeFileSync(path.join(staging, name), content);
        options.afterWrite?.(name);
      }
    });
  } catch (error) {
    return { release: '', rows: 0, outDir, problems, error: `writing ${outDir} failed (${(error as Error).message}); the previous data is unchanged` };
  }
  return { release: manifest.release, rows: manifest.rows, outDir, problems };
}
