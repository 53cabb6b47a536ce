/**
 * The user's data folder (default `~/.cptlens`, written by `cpt-lens import`):
 *   rvu/     manifest.json + fee-schedule.tsv      a later fee-schedule release
 *   hcpcs/   manifest.json + hcpcs.tsv + modifiers.tsv   a later HCPCS release
 *   icd10/   manifest.json + icd10cm.tsv           a later ICD-10-CM release
 *   ncci/    manifest.json + ptp.bin + mue.tsv + aoc.tsv   the imported NCCI tables
 *   therapy/ manifest.json + therapy.tsv   the CMS therapy code list (GP/GO/GN)
 *   jz/      manifest.json + jz.tsv        the CMS single-dose container drug list (JW/JZ)
 *   icd10-tabular/ manifest.json + code-first.tsv   the tabular list's "code first" notes
 * Each part present replaces (or, for NCCI, adds to) the bundled data. The same
 * compiled formats as data/, so the same readers apply. Damaged parts are reported
 * and left out.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataProblem, Manifest, readFeeScheduleTsv } from './compiled';
import { readNcciIndex } from './ncci/readIndex';
import type { NcciTables } from './ncci/tables';
import { HcpcsRow, readHcpcsTsv, readModifiersTsv } from './tables';
import { modifierList, readModifierListTsv } from './modifierLists';
import { readCodeFirstTsv, tabularNotes, type TabularNotes } from './tabularNotes';
import type { FeeScheduleRow, ModifierInfo, ModifierList, ModifierListKind } from './types';

/** Provenance written beside an imported table. */
export interface ImportManifest {
  release: string;
  /** The file imported, as given, and its SHA-256. */
  source: string;
  sha256: string;
  imported: string;
  rows: number;
  /** The fee schedule's manifest entry (rvu/ only). */
  feeSchedule?: Manifest['feeSchedule'];
  /** What the imported file says of itself when it declares it is synthetic or not CMS data (therapy/, jz/). */
  synthetic?: string;
}

export interface UserData {
  feeSchedule?: { rows: FeeScheduleRow[]; manifest: Manifest['feeSchedule'] };
  hcpcs?: { rows: HcpcsRow[]; modifiers: ModifierInfo[]; release: string };
  icd10?: { file: string; release: string };
  ncci?: NcciTables;
  /** The imported CMS lists of codes that need a modifier. */
  modifierLists?: ModifierList[];
  /** The imported ICD-10-CM tabular "code first" notes. */
  tabularNotes?: TabularNotes;
}

/** `~/.cptlens`, the default user data folder. */
export function defaultUserDataDir(): string {
  return path.join(os.homedir(), '.cptlens');
}

function readManifest(dir: string, problems: DataProblem[]): ImportManifest | undefined {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ImportManifest;
  } catch (error) {
    problems.push({ file, line: 1, message: `cannot read (${(error as Error).message}); the bundled table is used.` });
    return undefined;
  }
}

function readText(file: string, problems: DataProblem[]): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ file, line: 1, message: `cannot read (${(error as Error).message}); the bundled table is used.` });
    return undefined;
  }
}

export function readUserData(dir: string, problems: DataProblem[]): UserData {
  const data: UserData = {};
  const rvuDir = path.join(dir, 'rvu');
  const rvu = readManifest(rvuDir, problems);
  if (rvu?.feeSchedule) {
    const file = path.join(rvuDir, 'fee-schedule.tsv');
    const text = readText(file, problems);
    if (text !== undefined) {
      const { rows, problems: p } = readFeeScheduleTsv(text, rvu.feeSchedule.conversionFactor, file);
      for (const problem of p) problems.push(problem);
      if (rows.length > 0) data.feeSchedule = { rows, manifest: rvu.feeSchedule };
    }
  }
  const hcpcsDir = path.join(dir, 'hcpcs');
  const hcpcs = readManifest(hcpcsDir, problems);
  if (hcpcs) {
    const rowsText = readText(path.join(hcpcsDir, 'hcpcs.tsv'), problems);
    const modifiersText = readText(path.join(hcpcsDir, 'modifiers.tsv'), problems);
    if (rowsText !== undefined && modifiersText !== undefined) {
      const rows = readHcpcsTsv(rowsText, path.join(hcpcsDir, 'hcpcs.tsv'), problems);
      const modifiers = readModifiersTsv(modifiersText, path.join(hcpcsDir, 'modifiers.tsv'), problems).filter((m) => m.source === 'hcpcs');
      if (rows.length > 0) data.hcpcs = { rows, modifiers, release: hcpcs.release };
    }
  }
  const icdDir = path.join(dir, 'icd10');
  const icd = readManifest(icdDir, problems);
  if (icd && fs.existsSync(path.join(icdDir, 'icd10cm.tsv'))) data.icd10 = { file: path.join('icd10', 'icd10cm.tsv'), release: icd.release };
  const ncci = readNcciIndex(path.join(dir, 'ncci'), problems);
  if (ncci) data.ncci = ncci;
  for (const kind of ['therapy', 'jz'] as ModifierListKind[]) {
    const listDir = path.join(dir, kind);
    const manifest = readManifest(listDir, problems);
    if (!manifest) continue;
    const file = path.join(listDir, `${kind}.tsv`);
    const text = readText(file, problems);
    if (text === undefined) continue;
    const entries = readModifierListTsv(text, file, problems);
    if (entries.length > 0) (data.modifierLists ??= []).push(modifierList(kind, manifest.release, entries, manifest.synthetic));
  }
  const tabularDir = path.join(dir, 'icd10-tabular');
  const tabular = readManifest(tabularDir, problems);
  if (tabular) {
    const file = path.join(tabularDir, 'code-first.tsv');
    const text = readText(file, problems);
    const notes = text === undefined ? [] : readCodeFirstTsv(text, file, problems);
    if (notes.length > 0) data.tabularNotes = tabularNotes(tabular.release, notes, tabular.synthetic);
  }
  return data;
}
