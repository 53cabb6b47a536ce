/**
 * Loads an imported NCCI index folder (`<userDataDir>/ncci/`, written by
 * importNcci.ts) as NcciTables. A damaged or missing part is reported as a problem
 * and left out; the rest loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataProblem } from '../compiled';
import { readTsv } from '../tables';
import type { AddOnEdit, MueEdit } from '../types';
import { AOC_FIELDS, MUE_FIELDS, NcciManifest } from './importNcci';
import { PtpIndex } from './ptpIndex';
import type { NcciTables } from './tables';

export function readNcciIndex(dir: string, problems: DataProblem[]): NcciTables | undefined {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestPath)) return undefined;
  let manifest: NcciManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as NcciManifest;
  } catch (error) {
    problems.push({ file: manifestPath, line: 1, message: `cannot read the NCCI index manifest (${(error as Error).message}); NCCI edits are not loaded. Import the NCCI files again.` });
    return undefined;
  }
  const read = <T>(name: string, use: (bytes: Buffer, file: string) => T): T | undefined => {
    const file = path.join(dir, name);
    try {
      return use(fs.readFileSync(file), file);
    } catch (error) {
      problems.push({ file, line: 1, message: `${(error as Error).message}; this NCCI table is not loaded. Import it again.` });
      return undefined;
    }
  };
  const ptp = manifest.tables.ptp ? read('ptp.bin', (bytes) => new PtpIndex(bytes)) : undefined;
  const mue = manifest.tables.mue
    ? read('mue.tsv', (bytes, file) => new Map(readTsv(bytes.toString('utf8'), MUE_FIELDS, file, problems, (c): [string, MueEdit] => [c[0], { code: c[0], value: Number(c[1]), mai: c[2] as MueEdit['mai'], rationale: c[3] }])))
    : undefined;
  const aoc = manifest.tables.aoc
    ? read('aoc.tsv', (bytes, file) => {
      const byAddOn = new Map<string, AddOnEdit[]>();
      readTsv(bytes.toString('utf8'), AOC_FIELDS, file, problems, (c) => {
        const edit: AddOnEdit = { addOn: c[0], primary: c[1], effective: c[2], deletion: c[3], type: c[4] as AddOnEdit['type'] };
        const list = byAddOn.get(edit.addOn);
        if (list) list.push(edit);
        else byAddOn.set(edit.addOn, [edit]);
        return undefined;
      });
      return byAddOn;
    })
    : undefined;
  const t = manifest.tables;
  const release = [t.ptp && `PTP ${t.ptp.release}`, t.mue && `MUE ${t.mue.release}`, t.aoc && `AOC ${t.aoc.release}`].filter(Boolean).join('; ');
  return {
    release,
    ptpEdits: (code) => ptp?.edits(code) ?? [],
    mue: (code) => mue?.get(code),
    hasAddOnTable: aoc !== undefined,
    addOnPrimaries: (code) => aoc?.get(code) ?? [],
  };
}
