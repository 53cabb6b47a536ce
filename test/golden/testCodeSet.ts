/**
 * Code sets for the charge-file tests: the real bundled data (fee schedule, HCPCS,
 * modifiers, ICD-10-CM, POS), plus a few SYNTHETIC NCCI rows. The NCCI tables are not
 * available here (CMS puts them behind an AMA click-through); the rows below use real
 * codes but the edits, values and dates are MADE UP for tests and are not CMS data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCodeSet } from '../../server/src/codeset/load';
import { modifierList, parseModifierListFile } from '../../server/src/codeset/modifierLists';
import { parseTabularXml, tabularNotes, type TabularNotes } from '../../server/src/codeset/tabularNotes';
import type { AddOnEdit, CodeSet, ModifierList, ModifierListKind, MueEdit, PtpEdit } from '../../server/src/codeset/types';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

const SYNTHETIC = 'SYNTHETIC test edit, not CMS data';

/** SYNTHETIC PTP edits (column 1, column 2, dates, modifier indicator). */
export const SYNTHETIC_PTP: readonly PtpEdit[] = [
  { column1: '47383', column2: '76940', effective: '2020-01-01', deletion: '', modifierIndicator: '1', rationale: SYNTHETIC },
  { column1: '20611', column2: '20610', effective: '2020-01-01', deletion: '', modifierIndicator: '0', rationale: SYNTHETIC },
  { column1: '17000', column2: '11102', effective: '2019-01-01', deletion: '2024-12-31', modifierIndicator: '1', rationale: SYNTHETIC },
  { column1: '29881', column2: '29870', effective: '2020-01-01', deletion: '', modifierIndicator: '9', rationale: SYNTHETIC },
  // For the bypass cases of ncci-ptp (NCCI Policy Manual ch. I, E): anatomic, visit, postoperative and lab modifiers.
  { column1: '73630', column2: '73620', effective: '2020-01-01', deletion: '', modifierIndicator: '1', rationale: SYNTHETIC },
  { column1: '20600', column2: '99202', effective: '2020-01-01', deletion: '', modifierIndicator: '1', rationale: SYNTHETIC },
  { column1: '27447', column2: '20610', effective: '2020-01-01', deletion: '', modifierIndicator: '1', rationale: SYNTHETIC },
  { column1: '93000', column2: '93005', effective: '2020-01-01', deletion: '', modifierIndicator: '1', rationale: SYNTHETIC },
  { column1: '80053', column2: '82947', effective: '2020-01-01', deletion: '', modifierIndicator: '1', rationale: SYNTHETIC },
];

/** SYNTHETIC MUE values. */
export const SYNTHETIC_MUE: readonly MueEdit[] = [
  { code: '20610', value: 2, mai: '2', rationale: SYNTHETIC },
  { code: '11102', value: 1, mai: '1', rationale: SYNTHETIC },
  { code: '71046', value: 2, mai: '3', rationale: SYNTHETIC },
];

/** SYNTHETIC add-on code table rows. */
export const SYNTHETIC_ADD_ON: readonly AddOnEdit[] = [
  { addOn: '11045', primary: '11042', effective: '2020-01-01', deletion: '', type: '1' },
  { addOn: '22614', primary: '22612', effective: '2020-01-01', deletion: '', type: '1' },
];

const inForce = (effective: string, deletion: string, date?: string): boolean =>
  !date || ((effective === '' || effective <= date) && (deletion === '' || date <= deletion));

let bundled: CodeSet | undefined;
/** The bundled data as shipped: no NCCI tables. */
export function plainCodeSet(): CodeSet {
  return (bundled ??= loadCodeSet({ dataDir: path.join(repoRoot, 'data') }).codeSet);
}

/**
 * The SYNTHETIC excerpts of the CMS therapy code list and single-dose drug list
 * (test/fixtures/lists/), read by the importer's parser: the codes are real, the files are not CMS data.
 */
export function syntheticModifierLists(): Map<ModifierListKind, ModifierList> {
  const read = (kind: ModifierListKind, file: string): ModifierList =>
    modifierList(kind, `SYNTHETIC ${file}`, parseModifierListFile(kind, fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'lists', file), 'utf8')).entries, 'SYNTHETIC TEST DATA');
  return new Map([['therapy', read('therapy', 'synthetic-therapy-code-list.csv')], ['jz', read('jz', 'synthetic-jz-drug-list.csv')]]);
}

/** The "code first" notes of the SYNTHETIC ICD-10-CM tabular excerpt (test/fixtures/icd10/), read by the importer's parser. */
export function syntheticTabularNotes(): TabularNotes {
  const xml = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'icd10', 'synthetic-icd10cm-tabular.xml'), 'utf8');
  return tabularNotes('SYNTHETIC ICD-10-CM tabular excerpt', parseTabularXml(xml).notes, 'SYNTHETIC TEST DATA');
}

let synthetic: CodeSet | undefined;
/** The bundled data with the SYNTHETIC NCCI rows, CMS lists and tabular notes above. */
export function syntheticNcciCodeSet(): CodeSet {
  if (synthetic) return synthetic;
  const base = plainCodeSet();
  const lists = syntheticModifierLists();
  const notes = syntheticTabularNotes();
  synthetic = {
    ...base,
    modifierList: (kind) => lists.get(kind),
    tabularNotes: () => notes,
    ptpEdits: (code, date) => SYNTHETIC_PTP.filter((e) => (e.column1 === code || e.column2 === code) && inForce(e.effective, e.deletion, date)),
    mue: (code) => SYNTHETIC_MUE.find((e) => e.code === code),
    addOnPrimaries: (code, date) => SYNTHETIC_ADD_ON.filter((e) => e.addOn === code && inForce(e.effective, e.deletion, date)),
    version: () => ({ ...base.version(), ncci: 'SYNTHETIC test tables' }),
  };
  return synthetic;
}
