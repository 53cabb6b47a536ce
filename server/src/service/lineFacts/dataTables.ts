import type { DataTable } from '../../codeset/dataPeriods';
import type { ChargeLine } from '../documents/chargeFile';

const LEVEL_TWO: readonly DataTable[] = ['hcpcs'];
const FEE_SCHEDULE: readonly DataTable[] = ['feeSchedule'];

/** A Level II code's shape (a constant: a pattern literal in a function is a new object at every call). */
const LEVEL_TWO_SHAPE = /^[A-Z]\d{4}$/i;

/** A code's table: Level II codes (a letter, then four digits) come from the HCPCS file, the rest from the fee schedule. */
export function levelTwoOrFee(line: ChargeLine): readonly DataTable[] {
  return LEVEL_TWO_SHAPE.test(line.codeValue ?? '') ? LEVEL_TWO : FEE_SCHEDULE;
}
