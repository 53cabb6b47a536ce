/** What the code set asks of imported NCCI tables (an index read by ncci/indexFile.ts, or a test's few rows). */
import type { AddOnEdit, MueEdit, PtpEdit } from '../types';

export interface NcciTables {
  /** e.g. "ccipra-v321r0 (PTP), MUE 2025-10-01, AOC 2025-10-01". */
  release: string;
  /** Every PTP edit naming the code as column 1 or 2, whatever its dates. */
  ptpEdits(code: string): readonly PtpEdit[];
  mue(code: string): MueEdit | undefined;
  /** False when no add-on code table was imported (then primaries are unknown, not none). */
  hasAddOnTable: boolean;
  addOnPrimaries(code: string): readonly AddOnEdit[];
}
