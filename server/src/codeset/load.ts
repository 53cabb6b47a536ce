/**
 * Loads the compiled data from a folder (the bundled `data/` by default). The only
 * file I/O of the code set. A missing or damaged file gives a clear error naming it;
 * damaged lines are reported and skipped, the rest loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataProblem, Manifest, SCHEMA_VERSION, buildCodeSet, readFeeScheduleTsv } from './compiled';
import type { CodeSet } from './types';

export class DataLoadError extends Error {}

export interface LoadedData {
  codeSet: CodeSet;
  problems: DataProblem[];
}

/**
 * The data folder shipped with the code: the nearest `data/manifest.json` above this
 * file (dist/../data in the bundle and the .vsix, the repo's data/ from out/ in tests).
 */
export function bundledDataDir(): string {
  for (let dir = __dirname; ; ) {
    const candidate = path.join(dir, 'data');
    if (fs.existsSync(path.join(candidate, 'manifest.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(__dirname, '..', 'data');
    dir = parent;
  }
}

export function loadCodeSet(dataDir: string = bundledDataDir()): LoadedData {
  const manifestPath = path.join(dataDir, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (error) {
    throw new DataLoadError(`${manifestPath}: cannot read the data manifest (${(error as Error).message}). Run "npm run build:data".`);
  }
  if (manifest.schema !== SCHEMA_VERSION || !manifest.feeSchedule) {
    throw new DataLoadError(`${manifestPath}: data schema ${String(manifest.schema)} is not the expected ${SCHEMA_VERSION}. Rebuild with "npm run build:data".`);
  }
  const tsvPath = path.join(dataDir, 'fee-schedule.tsv');
  let text: string;
  try {
    text = fs.readFileSync(tsvPath, 'utf8');
  } catch (error) {
    throw new DataLoadError(`${tsvPath}: cannot read (${(error as Error).message}).`);
  }
  const fee = manifest.feeSchedule;
  const { rows, problems } = readFeeScheduleTsv(text, fee.conversionFactor, tsvPath);
  const codeSet = buildCodeSet(rows, {
    feeSchedule: fee.release,
    feeScheduleEffective: { from: fee.effectiveFrom, to: fee.effectiveTo },
  });
  return { codeSet, problems };
}
