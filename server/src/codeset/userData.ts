/** The user's data folder (written by `cpt-lens import`). Filled in with the importers. */
import type { DataProblem, Manifest } from './compiled';
import type { NcciTables } from './ncci/tables';
import type { HcpcsRow } from './tables';
import type { FeeScheduleRow, ModifierInfo } from './types';

export interface UserData {
  feeSchedule?: { rows: FeeScheduleRow[]; manifest: Manifest['feeSchedule'] };
  hcpcs?: { rows: HcpcsRow[]; modifiers: ModifierInfo[]; release: string };
  icd10?: { file: string; release: string };
  ncci?: NcciTables;
}

export function readUserData(_dir: string, _problems: DataProblem[]): UserData {
  return {};
}
