/**
 * `cpt-lens import icd10-tabular FILE`: the ICD-10-CM tabular list XML (or the CMS zip that holds
 * it) → `<userDataDir>/icd10-tabular/` (`code-first.tsv`, `manifest.json`), staged and swapped in
 * whole. Writes nothing when the file is not the tabular XML or has no code-first notes.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syntheticMark } from './ncci/importNcci';
import { readZip } from './ncci/zip';
import { replaceFolder } from './replaceFolder';
import { readSourceBytes } from './sources/sourceBytes';
import { parseTabularXml, writeCodeFirstTsv } from './tabularNotes';
import type { ImportManifest } from './userData';

export interface TabularImportReport {
  release: string;
  /** Code-first notes kept. */
  rows: number;
  /** Code-first notes left out ("if applicable", "if known"). */
  conditional: number;
  outDir: string;
  synthetic?: string;
  error?: string;
}

export function importTabularNotes(file: string, userDataDir: string, options: { release?: string; now?: Date } = {}): TabularImportReport {
  const outDir = path.join(userDataDir, 'icd10-tabular');
  const report: TabularImportReport = { release: '', rows: 0, conditional: 0, outDir };
  let bytes: Buffer;
  let text: string;
  try {
    bytes = readSourceBytes(file);
    if (/\.zip$/i.test(file)) {
      const member = readZip(bytes).find((m) => /tabular.*\.xml$/i.test(m.name));
      if (!member) return { ...report, error: `${file}: the zip holds no ICD-10-CM tabular XML (icd10cm_tabular_YYYY.xml)` };
      text = member.data.toString('utf8');
    } else text = bytes.toString('utf8');
  } catch (error) {
    return { ...report, error: `${file}: cannot read (${(error as Error).message})` };
  }
  const parsed = parseTabularXml(text);
  const synthetic = syntheticMark(text);
  if (synthetic) report.synthetic = synthetic;
  report.conditional = parsed.conditional;
  if (parsed.error) return { ...report, error: `${file}: ${parsed.error}` };
  if (parsed.notes.length === 0) return { ...report, error: `${file}: no "code first" notes found` };
  const release = options.release ?? `ICD-10-CM tabular ${parsed.version || '(no version)'} (${path.basename(file)})`;
  const manifest: ImportManifest = {
    release, source: path.resolve(file), sha256: createHash('sha256').update(bytes).digest('hex'), imported: (options.now ?? new Date()).toISOString(), rows: parsed.notes.length,
    ...(synthetic ? { synthetic } : {}),
  };
  try {
    replaceFolder(outDir, (staging) => {
      fs.writeFileSync(path.join(staging, 'code-first.tsv'), writeCodeFirstTsv(parsed.notes));
      fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    });
  } catch (error) {
    return { ...report, error: `writing ${outDir} failed (${(error as Error).message}); the previous notes are unchanged` };
  }
  return { ...report, release, rows: parsed.notes.length };
}
