/**
 * CMS source file → compiled table text, shared by `npm run build:data` (the bundled
 * data) and `cpt-lens import hcpcs|rvu|icd10 FILE` (a later quarter's file into the
 * user's data folder), so both produce the same tables from the same parsers. Pure:
 * text in, compiled text, provenance and problems out.
 */
import type { Manifest } from './compiled';
import { writeFeeScheduleTsv } from './compiled';
import { CPT_MODIFIERS, levelTwoModifier } from './modifiers';
import { parseHcpcsFile } from './sources/hcpcsFile';
import { parseIcd10OrderFile } from './sources/icd10OrderFile';
import { parseRvuFile, releaseOfTitle, SourceProblem } from './sources/rvuFile';
import { HcpcsRow, writeHcpcsTsv, writeIcd10Tsv, writeModifiersTsv } from './tables';
import type { ModifierInfo } from './types';

export interface CompiledFeeSchedule {
  tsv: string;
  /** The manifest entry, without sourceFile/sourceSha256 (the caller knows the file). */
  entry: Omit<Manifest['feeSchedule'], 'sourceFile' | 'sourceSha256'>;
  problems: SourceProblem[];
  /** Set when nothing usable was read. */
  error?: string;
}

export function compileFeeSchedule(text: string): CompiledFeeSchedule {
  const parsed = parseRvuFile(text);
  const release = releaseOfTitle(parsed.title);
  const empty = { tsv: '', entry: { release: '', title: '', effectiveFrom: '', effectiveTo: '', rows: 0, codes: 0, conversionFactor: 0 }, problems: parsed.problems };
  if (parsed.rows.length === 0) return { ...empty, error: 'no fee-schedule rows read' };
  if (!release) return { ...empty, error: `cannot tell the release from the title "${parsed.title}"` };
  // The most common conversion factor becomes the manifest's; rows that differ keep their own.
  const cfCounts = new Map<number, number>();
  for (const r of parsed.rows) cfCounts.set(r.conversionFactor, (cfCounts.get(r.conversionFactor) ?? 0) + 1);
  const conversionFactor = [...cfCounts].sort((a, b) => b[1] - a[1])[0][0];
  return {
    tsv: writeFeeScheduleTsv(parsed.rows, conversionFactor),
    entry: {
      release: release.name,
      title: parsed.title,
      effectiveFrom: release.from,
      effectiveTo: release.to,
      rows: parsed.rows.length,
      codes: new Set(parsed.rows.map((r) => r.code)).size,
      conversionFactor,
    },
    problems: parsed.problems,
  };
}

export interface CompiledHcpcs {
  /** e.g. "HCPC2025_JAN". */
  release: string;
  rows: HcpcsRow[];
  levelTwoModifiers: ModifierInfo[];
  problems: SourceProblem[];
}

/** The HCPCS release in a file name: HCPC2025_JAN_ANWEB_... → HCPC2025_JAN. */
export function hcpcsReleaseOf(fileName: string): string | undefined {
  const m = /HCPC(\d{4})_?([A-Z]{3})/i.exec(fileName);
  return m ? `HCPC${m[1]}_${m[2].toUpperCase()}` : undefined;
}

export function compileHcpcs(text: string, release: string): CompiledHcpcs {
  const parsed = parseHcpcsFile(text);
  const rows: HcpcsRow[] = parsed.records
    .filter((r) => r.kind === 'procedure')
    .map((r) => ({
      code: r.code, longDescription: r.longDescription, shortDescription: r.shortDescription, pricing: r.pricing, coverage: r.coverage,
      betos: r.betos, addDate: r.addDate, actionEffectiveDate: r.actionEffectiveDate, terminationDate: r.terminationDate, actionCode: r.actionCode,
      release,
    }));
  return { release, rows, levelTwoModifiers: parsed.records.filter((r) => r.kind === 'modifier').map(levelTwoModifier), problems: parsed.problems };
}

export function hcpcsTables(rows: HcpcsRow[], levelTwoModifiers: readonly ModifierInfo[]): { hcpcsTsv: string; modifiersTsv: string } {
  const sorted = [...rows].sort((a, b) => (a.code < b.code ? -1 : 1));
  return { hcpcsTsv: writeHcpcsTsv(sorted), modifiersTsv: writeModifiersTsv([...CPT_MODIFIERS, ...levelTwoModifiers]) };
}

export interface CompiledIcd10 {
  release: string;
  tsv: string;
  rows: number;
  counts: { billable: number; headers: number };
  problems: SourceProblem[];
}

/** The ICD-10-CM order file; the release is named after the fiscal year in the file name. */
export function compileIcd10(text: string, fileName: string): CompiledIcd10 {
  const parsed = parseIcd10OrderFile(text);
  const year = /(20\d\d)/.exec(fileName)?.[1];
  const billable = parsed.codes.filter((c) => c.billable).length;
  return {
    release: year ? `ICD-10-CM FY${year}` : `ICD-10-CM (${fileName})`,
    tsv: writeIcd10Tsv(parsed.codes),
    rows: parsed.codes.length,
    counts: { billable, headers: parsed.codes.length - billable },
    problems: parsed.problems,
  };
}
