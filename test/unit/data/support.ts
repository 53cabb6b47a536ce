/** Paths and a shared load of the bundled data for the data tests. */
import * as path from 'node:path';
import { LoadedData, loadCodeSet } from '../../../server/src/codeset/load';
import { readSourceBytes } from '../../../server/src/codeset/sources/sourceBytes';

/** The repository root: tests run from out/test/unit/data. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const dataDir = path.join(repoRoot, 'data');
/** The CMS source files the data build reads, kept in the repository gzip-compressed. */
export const sourcesDir = path.join(repoRoot, 'data', 'sources');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

/** A source by the name CMS published it under (`mpfs-rvu/PPRRVU2025_Oct.csv`), read from its `.gz`. */
export function readSource(relative: string): string {
  return readSourceBytes(path.join(sourcesDir, `${relative}.gz`)).toString('latin1');
}

let loaded: LoadedData | undefined;
/** The bundled data, loaded once for all data tests. */
export function bundled(): LoadedData {
  return (loaded ??= loadCodeSet({ dataDir }));
}
