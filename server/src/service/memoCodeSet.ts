/**
 * A code set that remembers its answers. A charge file asks the same questions on
 * every line (the same few hundred codes, modifiers and diagnoses, a few dates), and
 * some answers are built per call (a procedure with its validity on a date), so
 * remembering them takes allocation and lookups out of the per-line path. The code
 * set is immutable, so answers never go stale; the memo is cleared when it grows past
 * a bound so a long-running server does not grow without limit.
 */
import type { CodeSet, DataVersion } from '../codeset/types';

const LIMIT = 200_000;

/** Answers by date, then by code: no key strings are built per lookup. */
/** Stands for a remembered `undefined`, so one Map lookup answers both "known" and "value". */
const NONE = Symbol('none');

class Memo<T> {
  private byDate = new Map<string, Map<string, T | typeof NONE>>();
  /** The undated answers, the most asked, one lookup away. */
  private undated = new Map<string, T | typeof NONE>();
  private size = 0;
  constructor(private readonly compute: (code: string, date?: string) => T) {
    this.byDate.set('', this.undated);
  }
  get(code: string, date?: string): T {
    if (date === undefined) {
      const hit = this.undated.get(code);
      if (hit !== undefined) return hit === NONE ? (undefined as T) : (hit as T);
    }
    const d = date ?? '';
    let table = this.byDate.get(d);
    if (!table) this.byDate.set(d, (table = new Map()));
    const hit = table.get(code);
    if (hit !== undefined) return hit === NONE ? (undefined as T) : (hit as T);
    if (++this.size > LIMIT) {
      this.undated = new Map();
      this.byDate = new Map([['', this.undated]]);
      if (d !== '') this.byDate.set(d, (table = new Map()));
      else table = this.undated;
      this.size = 1;
    }
    const value = this.compute(code, date);
    table.set(code, value === undefined ? NONE : value);
    return value;
  }
}

export function memoCodeSet(base: CodeSet): CodeSet {
  const procedure = new Memo((c, d) => base.procedure(c, d));
  const modifier = new Memo((c, d) => base.modifier(c, d));
  const diagnosis = new Memo((c) => base.diagnosis(c));
  const pos = new Memo((c) => base.placeOfService(c));
  const ptp = new Memo((c, d) => base.ptpEdits(c, d));
  const mue = new Memo((c, d) => base.mue(c, d));
  const addOn = new Memo((c, d) => base.addOnPrimaries(c, d));
  let version: DataVersion | undefined;
  return {
    ...base,
    procedure: (code, date) => procedure.get(code, date),
    modifier: (code, date) => modifier.get(code, date),
    diagnosis: (code) => diagnosis.get(code),
    placeOfService: (code) => pos.get(code),
    ptpEdits: (code, date) => ptp.get(code, date),
    mue: (code, date) => mue.get(code, date),
    addOnPrimaries: (code, date) => addOn.get(code, date),
    version: () => (version ??= base.version()),
  };
}
