/** Paths and a shared load of the bundled data for the data tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LoadedData, loadCodeSet } from '../../../server/src/codeset/load';

/** The repository root: tests run from out/test/unit/data. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const dataDir = path.join(repoRoot, 'data');
/** The CMS source files: ../shared/data-sources beside the repository (CPT_LENS_SOURCES overrides). */
export const sourcesDir = process.env.CPT_LENS_SOURCES ?? path.resolve(repoRoot, '..', 'shared', 'data-sources');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

export function readSource(relative: string): string {
  return fs.readFileSync(path.join(sourcesDir, relative), 'latin1');
}

let loaded: LoadedData | undefined;
/** The bundled data, loaded once for all data tests. */
export function bundled(): LoadedData {
  return (loaded ??= loadCodeSet({ dataDir }));
}
