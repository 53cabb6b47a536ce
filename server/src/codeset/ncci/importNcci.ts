/**
 * `cpt-lens import ncci PATH...`: reads the NCCI practitioner tables a user downloaded
 * from CMS (a folder, files, or the CMS zip; text, CSV or xlsx forms), validates them row by row and writes
 * the index the loader reads (`<userDataDir>/ncci/`): `ptp.bin` (ptpIndex.ts),
 * `mue.tsv`, `aoc.tsv` and `manifest.json` with the release and per-file counts. A
 * table not present in this import keeps its earlier import (CMS ships PTP, MUE and
 * AOC as separate downloads). Never throws for bad input: every skipped row and
 * file is in the report, with file and line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceProblem } from '../sources/rvuFile';
import { replaceFolder } from '../replaceFolder';
import { writeTsv } from '../tables';
import type { AddOnEdit, MueEdit } from '../types';
import { parseAocFile } from './aocFile';
import { parseMueFile } from './mueFile';
import { parsePtpFile } from './ptpFile';
import { PtpIndexBuilder } from './ptpIndex';
import { xlsxToTsv } from './xlsx';
import { ZipLimits, readZip } from './zip';

export type NcciTable = 'ptp' | 'mue' | 'aoc';

export interface ImportedFile {
  /** Path as given, or "archive.zip/member.txt". */
  name: string;
  table?: NcciTable;
  rows: number;
  problems: SourceProblem[];
  /** Why the whole file was not read (not an NCCI practitioner table, Excel form, ...). */
  skipped?: string;
  /** What the file says of itself when it declares it is synthetic, test or not CMS data (its own words, cut short). */
  synthetic?: string;
}

/** One table this import wrote: what it is, its release and rows, and the files they came from. */
export interface ImportedTable {
  table: NcciTable;
  /** The table in words, e.g. "PTP (procedure-to-procedure edits)". */
  label: string;
  release: string;
  rows: number;
  files: string[];
}

export const TABLE_LABEL: Readonly<Record<NcciTable, string>> = {
  ptp: 'PTP (procedure-to-procedure edits)',
  mue: 'MUE (medically unlikely edits)',
  aoc: 'add-on code table',
};

/** A line near the top of a file that says the data is synthetic, a test, or not from CMS (NCCI and the modifier lists). */
const SYNTHETIC_MARK = /^.*\b(?:SYNTHETIC|not (?:from )?CMS(?: data)?|test data|made[- ]up|fake data|sample data)\b.*$/im;

export function syntheticMark(head: string): string | undefined {
  const line = SYNTHETIC_MARK.exec(head.slice(0, 4000))?.[0].replace(/\t/g, ' ').trim();
  if (!line) return undefined;
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

export interface NcciManifest {
  format: 1;
  /** Per table: release name, import time, rows and source files. */
  tables: Partial<Record<NcciTable, { release: string; imported: string; rows: number; files: string[]; duplicates?: number }>>;
}

export interface NcciImportReport {
  outDir: string;
  files: ImportedFile[];
  manifest: NcciManifest;
  /** Fatal problems (nothing importable, unreadable path); the index is not changed then. */
  errors: string[];
  /** The tables this import wrote (empty when it wrote nothing). */
  tables: ImportedTable[];
}

export const MUE_FIELDS = ['code', 'value', 'mai', 'rationale'] as const;
export const AOC_FIELDS = ['addOn', 'primary', 'effective', 'deletion', 'type'] as const;

interface Input {
  name: string;
  read: () => Buffer;
}

function expand(target: string, inputs: Input[], errors: string[], zipLimits?: ZipLimits): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    errors.push(`${target}: no such file or directory`);
    return;
  }
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target).sort()) expand(path.join(target, entry), inputs, errors, zipLimits);
  } else if (/\.zip$/i.test(target)) {
    try {
      for (const member of readZip(fs.readFileSync(target), '', zipLimits)) inputs.push({ name: `${target}/${member.name}`, read: () => member.data });
    } catch (error) {
      errors.push(`${target}: ${(error as Error).message}`);
    }
  } else {
    inputs.push({ name: target, read: () => fs.readFileSync(target) });
  }
}

/** Which table a file is, from its name and first lines; or why it is skipped. */
function classify(name: string, head: string): { table?: NcciTable; skipped?: string } {
  const base = path.basename(name);
  if (/\.xls$/i.test(base)) return { skipped: 'old binary Excel (.xls) is not read: use the .xlsx, .txt or .csv form from the same CMS download' };
  if (/\.(pdf|docx?|rtf|html?|py|md)$/i.test(base)) return { skipped: 'not a table' };
  if (/ccioph|outpatient|hospital|\bdme\b|_dme|dmesupplier|facility/i.test(base)) return { skipped: 'not a practitioner table (CPT Lens checks practitioner claims)' };
  if (/add.?on code/i.test(head) && /primary code/i.test(head)) return { table: 'aoc' };
  if (/mue value/i.test(head)) return { table: 'mue' };
  if (/column\s*1/i.test(head) && /\t/.test(head)) return { table: 'ptp' };
  if (/ccipra|ptp/i.test(base)) return { table: 'ptp' };
  return { skipped: 'not recognised as an NCCI PTP, MUE or add-on code table' };
}

function releaseName(table: NcciTable, files: string[]): string {
  const names = files.map((f) => path.basename(f).replace(/\.(txt|csv|xlsx)$/i, ''));
  if (table === 'ptp') {
    const versions = [...new Set(names.map((n) => /(ccipra-v\d+r\d+)/i.exec(n)?.[1].toLowerCase()).filter(Boolean))];
    if (versions.length > 0) return versions.join(', ');
  }
  return [...new Set(names)].join(', ');
}

export interface NcciImportOptions {
  release?: string;
  now?: Date;
  /** Caps on inflating zip archives (defaults: zip.ts). */
  zipLimits?: ZipLimits;
  /** Called after each file is written to the staging folder; what it throws stands for a full disk or a crash (tests). */
  afterWrite?: (name: string) => void;
}

export function importNcci(targets: readonly string[], userDataDir: string, options: NcciImportOptions = {}): NcciImportReport {
  const errors: string[] = [];
  const inputs: Input[] = [];
  for (const t of targets) expand(t, inputs, errors, options.zipLimits);
  const files: ImportedFile[] = [];
  const ptp = new PtpIndexBuilder();
  const mue = new Map<string, MueEdit>();
  const aoc = new Map<string, AddOnEdit>();
  const sources: Record<NcciTable, string[]> = { ptp: [], mue: [], aoc: [] };
  for (const input of inputs) {
    let bytes: Buffer;
    try {
      bytes = input.read();
    } catch (error) {
      errors.push(`${input.name}: cannot read (${(error as Error).message})`);
      continue;
    }
    // CMS text files are ASCII with the odd Latin-1 character; latin1 never fails to decode.
    // An xlsx workbook's first sheet becomes tab-separated text for the same parsers.
    const excel = /\.xlsx$/i.test(input.name);
    let text: string;
    try {
      text = excel ? xlsxToTsv(bytes) : bytes.toString('latin1');
    } catch (error) {
      files.push({ name: input.name, rows: 0, problems: [], skipped: `cannot read the workbook (${(error as Error).message})` });
      continue;
    }
    if (bytes.length === 0 || text.trim() === '') {
      files.push({ name: input.name, rows: 0, problems: [], skipped: 'empty file' });
      continue;
    }
    const { table, skipped } = classify(input.name, text.slice(0, 8000));
    const file: ImportedFile = { name: input.name, table, rows: 0, problems: [] };
    const synthetic = syntheticMark(text);
    if (synthetic) file.synthetic = synthetic;
    files.push(file);
    if (!table) {
      file.skipped = skipped;
      continue;
    }
    if (table === 'ptp') {
      const result = parsePtpFile(text, (row) => ptp.add(row));
      file.rows = result.rows;
      file.problems = result.problems;
    } else if (table === 'mue') {
      const result = parseMueFile(text, excel ? '\t' : ',');
      for (const e of result.edits) mue.set(e.code, e);
      file.rows = result.edits.length;
      file.problems = result.problems;
    } else {
      const result = parseAocFile(text, excel ? '\t' : undefined);
      // The same edit from two forms of one table (csv and xlsx in one download) is kept once.
      for (const e of result.edits) aoc.set(`${e.addOn}\t${e.primary}\t${e.effective}\t${e.deletion}\t${e.type}`, e);
      file.rows = result.edits.length;
      file.problems = result.problems;
    }
    if (file.rows > 0) sources[table].push(input.name);
  }

  const outDir = path.join(userDataDir, 'ncci');
  const manifestPath = path.join(outDir, 'manifest.json');
  let manifest: NcciManifest = { format: 1, tables: {} };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as NcciManifest;
  } catch {
    // No earlier import.
  }
  const found = (['ptp', 'mue', 'aoc'] as const).filter((t) => sources[t].length > 0);
  if (found.length === 0) {
    errors.push(`no NCCI practitioner PTP, MUE or add-on code rows found in ${targets.join(', ')}; the index is unchanged`);
    return { outDir, files, manifest, errors, tables: [] };
  }
  // The whole index is written into a new folder beside the old one (the tables this
  // import does not bring are copied over), which replaces the old only once every file
  // is written: a failed or interrupted import leaves the previous index in use.
  const tables: ImportedTable[] = [];
  try {
    replaceFolder(outDir, (staging) => {
      const imported = (options.now ?? new Date()).toISOString();
      const put = (name: string, data: string | Uint8Array): void => {
        fs.writeFileSync(path.join(staging, name), data);
        options.afterWrite?.(name);
      };
      const record = (table: NcciTable, rows: number): void => {
        const release = options.release ?? releaseName(table, sources[table]);
        manifest.tables[table] = { release, imported, rows, files: sources[table] };
        tables.push({ table, label: TABLE_LABEL[table], release, rows, files: sources[table] });
      };
      writeTables(put, record);
    });
  } catch (error) {
    errors.push(`writing the index failed (${(error as Error).message}); the previous index is unchanged`);
    return { outDir, files, manifest, errors, tables: [] };
  }
  return { outDir, files, manifest, errors, tables };

  function writeTables(put: (name: string, data: string | Uint8Array) => void, record: (table: NcciTable, rows: number) => void): void {
    if (sources.ptp.length > 0) {
      put('ptp.bin', ptp.finish());
      record('ptp', ptp.rows);
      if (ptp.duplicates > 0) (manifest.tables.ptp as { duplicates?: number }).duplicates = ptp.duplicates;
    }
    if (sources.mue.length > 0) {
      put('mue.tsv', writeTsv(MUE_FIELDS, [...mue.values()].sort((a, b) => (a.code < b.code ? -1 : 1)).map((e) => [e.code, String(e.value), e.mai, e.rationale])));
      record('mue', mue.size);
    }
    if (sources.aoc.length > 0) {
      put('aoc.tsv', writeTsv(AOC_FIELDS, [...aoc.values()].map((e) => [e.addOn, e.primary, e.effective, e.deletion, e.type])));
      record('aoc', aoc.size);
    }
    put('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  }
}
