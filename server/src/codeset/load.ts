/**
 * Loads the code set from files: the bundled compiled data (`data/`), then what the
 * user brought (a user data folder with newer CMS tables and the NCCI index,
 * knowledge-record folders, a licensed CPT descriptor file). The only file I/O of the
 * code set. A missing or damaged bundled file gives a clear error naming it; damaged
 * lines and broken user files are reported as problems and skipped, the rest loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataProblem, Manifest, SCHEMA_VERSION, buildCodeSet, readFeeScheduleTsv } from './compiled';
import type { CodeSetParts } from './codeSet';
import { DataPeriod, fiscalYear, hcpcsQuarter } from './dataPeriods';
import { readKnowledgeFolder } from './knowledge/loadRecords';
import { NoteVocabulary, parseNoteLanguage, parseOperativeReport } from './noteVocabulary';
import { readCptDescriptorFile } from './sources/cptDescriptorFile';
import { DiagnosisTable, icd10Table, readGpciTsv, readModifiersTsv, readHcpcsTsv, readPosTsv, readTsv, BETOS_FIELDS } from './tables';
import { defaultUserDataDir, readUserData } from './userData';
import type { CodeSet, DiagnosisCode, FeeScheduleRow } from './types';

export class DataLoadError extends Error {}

export interface LoadedData {
  codeSet: CodeSet;
  problems: DataProblem[];
}

/** Where to load from; every field is optional and `loadCodeSet()` loads the bundled data only. */
export interface LoadOptions {
  /** Compiled data folder; the bundled `data/` by default. */
  dataDir?: string;
  /**
   * The user's data folder (`cpt-lens import` writes there; default `~/.cptlens`):
   * newer HCPCS/RVU/ICD-10-CM tables replace the bundled ones, the NCCI index adds edits.
   * Not read unless given, so tests and CI stay independent of the machine.
   */
  userDataDir?: string;
  /** Extra folders of knowledge records (JSON); broken records are reported and skipped. */
  knowledgeDirs?: readonly string[];
  /** A licensed AMA CPT descriptor file (`code<TAB>descriptor`) that replaces the bundled short descriptors. */
  cptDescriptorFile?: string;
}

/**
 * What the server and `cpt-lens check` should load: the bundled data, plus the
 * user's data folder (imports) when it exists, plus the given settings. Explicit
 * settings win; tests call loadCodeSet() without this and stay machine-independent.
 */
export function userLoadOptions(settings: LoadOptions = {}): LoadOptions {
  const userDataDir = settings.userDataDir ?? (fs.existsSync(defaultUserDataDir()) ? defaultUserDataDir() : undefined);
  return { ...settings, userDataDir };
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

function readText(file: string, encoding: BufferEncoding = 'utf8'): string {
  try {
    return fs.readFileSync(file, encoding);
  } catch (error) {
    throw new DataLoadError(`${file}: cannot read (${(error as Error).message}).`);
  }
}

/** Reads an optional table named in the manifest; a missing file is a problem, not a failure. */
function optionalTable<T>(dataDir: string, file: string | undefined, problems: DataProblem[], read: (text: string, file: string) => T): T | undefined {
  if (!file) return undefined;
  const full = path.join(dataDir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (error) {
    problems.push({ file: full, line: 1, message: `cannot read (${(error as Error).message}); this table is not loaded.` });
    return undefined;
  }
  return read(text, full);
}

export function loadCodeSet(options: LoadOptions | string = {}): LoadedData {
  const opts: LoadOptions = typeof options === 'string' ? { dataDir: options } : options;
  const dataDir = opts.dataDir ?? bundledDataDir();
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
  const problems: DataProblem[] = [];
  const tsvPath = path.join(dataDir, 'fee-schedule.tsv');
  let fee = manifest.feeSchedule;
  let rows: FeeScheduleRow[] = readFeeScheduleTsv(readText(tsvPath), fee.conversionFactor, tsvPath).rows;

  const parts: CodeSetParts = {
    hcpcs: optionalTable(dataDir, manifest.hcpcs?.file, problems, (t, f) => readHcpcsTsv(t, f, problems)),
    modifiers: optionalTable(dataDir, manifest.modifiers?.file, problems, (t, f) => readModifiersTsv(t, f, problems)),
    betosNames: optionalTable(dataDir, manifest.betos?.file, problems, (t, f) => new Map(readTsv(t, BETOS_FIELDS, f, problems, (c) => [c[0], c[1]] as const))),
    placesOfService: optionalTable(dataDir, manifest.placeOfService?.file, problems, (t, f) => readPosTsv(t, f, problems)),
    localities: optionalTable(dataDir, manifest.gpci?.file, problems, (t, f) => readGpciTsv(t, f, problems)),
    versions: {
      hcpcs: manifest.hcpcs?.release,
      icd10: manifest.icd10?.release,
      pos: manifest.placeOfService?.release,
    },
  };
  // ICD-10-CM is the largest table (~100,000 codes): read it on the first diagnosis lookup.
  let icd10Dir = dataDir;
  let icd10File = manifest.icd10?.file;

  if (opts.userDataDir) {
    const user = readUserData(opts.userDataDir, problems);
    if (user.feeSchedule) {
      rows = user.feeSchedule.rows;
      fee = user.feeSchedule.manifest;
    }
    if (user.hcpcs) {
      parts.hcpcs = user.hcpcs.rows;
      parts.modifiers = user.hcpcs.modifiers;
      parts.versions = { ...parts.versions, hcpcs: user.hcpcs.release };
    }
    if (user.icd10) {
      icd10Dir = opts.userDataDir;
      icd10File = user.icd10.file;
      parts.versions = { ...parts.versions, icd10: user.icd10.release };
    }
    if (user.ncci) parts.ncci = user.ncci;
    if (user.modifierLists) parts.modifierLists = user.modifierLists;
    if (user.tabularNotes) parts.tabularNotes = user.tabularNotes;
  }
  if (icd10File) {
    const file = icd10File;
    const dir = icd10Dir;
    parts.diagnoses = (): DiagnosisTable | DiagnosisCode[] => optionalTable(dir, file, problems, (t, f) => icd10Table(t, f, problems)) ?? [];
  }
  // Knowledge records after the tables, so an entry for a code the data lacks is reported.
  const known = new Set(rows.map((r) => r.code));
  for (const h of parts.hcpcs ?? []) known.add(h.code);
  const knownCode = (code: string): boolean => known.has(code);
  const bundledKnowledge = readKnowledgeFolder(path.join(dataDir, 'knowledge'), 'bundled', problems, { knownCode });
  const organisation = (opts.knowledgeDirs ?? []).map((dir) => readKnowledgeFolder(dir, undefined, problems, { knownCode }));
  // First record for a code wins in the code set: a later folder over an earlier one, an
  // organisation's record over the bundled one (for the codes it covers).
  parts.knowledge = [...organisation.reverse().flat(), ...bundledKnowledge];
  parts.noteVocabulary = readNoteVocabulary(dataDir, problems);
  if (opts.cptDescriptorFile) {
    const licensed = readCptDescriptorFile(opts.cptDescriptorFile, problems);
    if (licensed) {
      parts.cptDescriptors = licensed.descriptors;
      parts.versions = { ...parts.versions, cptDescriptors: licensed.name };
    }
  }
  parts.versions = { ...parts.versions, periods: tablePeriods(manifest, fee, opts.userDataDir ? parts.versions : undefined) };
  const codeSet = buildCodeSet(rows, {
    feeSchedule: fee.release,
    feeScheduleEffective: { from: fee.effectiveFrom, to: fee.effectiveTo },
  }, parts);
  return { codeSet, problems };
}

/**
 * Each table's period: the bundled manifest's, or, for a table the user imported, the one
 * its release names (an HCPCS file its quarter, ICD-10-CM its fiscal year; the fee schedule
 * records its own dates).
 */
function tablePeriods(manifest: Manifest, fee: Manifest['feeSchedule'], imported: CodeSetParts['versions']): DataPeriod[] {
  const periods: DataPeriod[] = [];
  if (fee.effectiveFrom) {
    periods.push({ table: 'feeSchedule', name: `Fee schedule ${fee.release}`, from: fee.effectiveFrom, to: fee.effectiveTo || undefined, importCommand: 'cpt-lens import rvu FILE' });
  }
  const hcpcsRelease = imported?.hcpcs ?? manifest.hcpcs?.release;
  const hcpcs = imported?.hcpcs && imported.hcpcs !== manifest.hcpcs?.release ? hcpcsQuarter(imported.hcpcs) : manifest.hcpcs?.period;
  if (hcpcs && hcpcsRelease) periods.push({ table: 'hcpcs', name: `HCPCS Level II ${hcpcsRelease.replace(/ \+ .*/, '')}`, ...hcpcs, importCommand: 'cpt-lens import hcpcs FILE' });
  const icdRelease = imported?.icd10 ?? manifest.icd10?.release;
  const year = /FY(\d{4})/.exec(icdRelease ?? '')?.[1];
  const icd = imported?.icd10 && imported.icd10 !== manifest.icd10?.release ? (year ? fiscalYear(Number(year)) : undefined) : manifest.icd10?.period;
  if (icd && icdRelease) periods.push({ table: 'icd10', name: icdRelease, ...icd, importCommand: 'cpt-lens import icd10 FILE' });
  if (manifest.placeOfService?.period) periods.push({ table: 'placeOfService', name: 'Place of service codes', ...manifest.placeOfService.period });
  if (manifest.betos?.period) periods.push({ table: 'betos', name: 'BETOS categories', ...manifest.betos.period });
  return periods;
}

/** The note vocabulary files of a data folder; each is optional (a folder of tables only has neither). */
function readNoteVocabulary(dataDir: string, problems: DataProblem[]): NoteVocabulary {
  const read = (name: string): { text: string; file: string } | undefined => {
    const file = path.join(dataDir, name);
    if (!fs.existsSync(file)) return undefined;
    try {
      return { text: fs.readFileSync(file, 'utf8'), file };
    } catch (error) {
      problems.push({ file, line: 1, message: `cannot read (${(error as Error).message}); skipped.` });
      return undefined;
    }
  };
  const language = read(NOTE_LANGUAGE_FILE);
  const operative = read(OPERATIVE_REPORT_FILE);
  return {
    ...(language ? parseNoteLanguage(language.text, language.file, problems) : { spellings: [], concepts: [], modifierJustification: [] }),
    operativeReport: operative ? parseOperativeReport(operative.text, operative.file, problems) : [],
  };
}

export const NOTE_LANGUAGE_FILE = 'note-language.json';
export const OPERATIVE_REPORT_FILE = 'operative-report.json';
