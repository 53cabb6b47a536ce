/** Units of a charge line as a number: the units cell, 1 when the file has no units column or the cell is empty. */
import type { ChargeLine } from '../documents/chargeFile';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function unitsOf(line: ChargeLine): number | undefined {
  const cell = line.units;
  if (!cell) return 1;
  return NUMBER.test(cell.text) ? Number(cell.text) : undefined;
}

export function isNumeric(text: string): boolean {
  return NUMBER.test(text);
}
