/**
 * `cpt-lens import therapy|jz FILE`: reads a CMS list of codes that need a modifier (the
 * therapy code list, the single-dose container drug list; modifierLists.ts) as CSV, tab text,
 * xlsx or a zip holding one of those, and writes `<userDataDir>/<kind>/` (`<kind>.tsv` and
 * `manifest.json`), staged and swapped in whole. Writes nothing when the file yields no codes.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODIFIER_LIST_LABEL, parseModifierListFile, writeModifierListTsv } from './modifierLists';
import { syntheticMark } from './ncci/importNcci';
import { xlsxToTsv } from './ncci/xlsx';
import { readZip } from './ncci/zip';
import { replaceFolder } from './replaceFolder';
import type { SourceProblem } from './sources/rvuFile';
import { readSourceBytes } from './sources/sourceBytes';
import type { ImportManifest } from './userData';
import type { ModifierListKind } from './types';

export interface ModifierListImportReport {
  kind: ModifierListKind;
  release: string;
  rows: number;
  /** Therapy rows with another disposition (not always or sometimes therapy). */
  ignored: number;
  outDir: string;
  problems: SourceProblem[];
  /** What the file says of itself when it declares it is synthetic or not CMS data. */
  synthetic?: string;
  /** Set when nothing was written. */
  error?: string;
}

/** The file as text: an xlsx's first sheet, a zip's first table member, else the bytes. */
function textOf(name: string, bytes: Buffer): string {
  if (/\.zip$/i.test(name)) {
    const member = readZip(bytes).find((m) => /\.(csv|txt|tsv|xlsx)$/i.test(m.name));
    if (!member) throw new Error('the zip holds no .csv, .txt or .xlsx file');
    return textOf(member.name, member.data);
  }
  if (/\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return xlsxToTsv(bytes);
  // CMS text files are Windows-1252 at worst; codes and headers are ASCII either way.
  return bytes.toString('latin1');
}

export function importModifierList(kind: ModifierListKind, file: string, userDataDir: string, options: { release?: string; now?: Date } = {}): ModifierListImportReport {
  const outDir = path.join(userDataDir, kind);
  const report: ModifierListImportReport = { kind, release: '', rows: 0, ignored: 0, outDir, problems: [] };
  let bytes: Buffer;
  let text: string;
  try {
    bytes = readSourceBytes(file);
    text = textOf(file.replace(/\.gz$/i, ''), bytes);
  } catch (error) {
    return { ...report, error: `${file}: cannot read (${(error as Error).message})` };
  }
  const parsed = parseModifierListFile(kind, text);
  report.problems = parsed.problems;
  report.ignored = parsed.ignored;
  const synthetic = syntheticMark(text);
  if (synthetic) report.synthetic = synthetic;
  if (parsed.error) return { ...report, error: `${file}: ${parsed.error}` };
  if (parsed.entries.length === 0) return { ...report, error: `${file}: no codes read for the ${MODIFIER_LIST_LABEL[kind]}` };
  const year = /\b(20\d\d)\b/.exec(parsed.title)?.[1];
  const release = options.release ?? `${kind === 'therapy' ? 'Therapy code list' : 'Single-dose drug list'}${year ? ` ${year}` : ''} (${path.basename(file)})`;
  const manifest: ImportManifest & { synthetic?: string } = {
    release, source: path.resolve(file), sha256: createHash('sha256').update(bytes).digest('hex'), imported: (options.now ?? new Date()).toISOString(), rows: parsed.entries.length,
    ...(synthetic ? { synthetic } : {}),
  };
  try {
    replaceFolder(outDir, (staging) => {
      fs.writeFileSync(path.join(staging, `${kind}.tsv`), writeModifierListTsv(parsed.entries));
      fs.writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    });
  } catch (error) {
    return { ...report, error: `writing ${outDir} failed (${(error as Error).message}); the previous list is unchanged` };
  }
  return { ...report, release, rows: parsed.entries.length };
}
