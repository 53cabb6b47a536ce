/**
 * The compact PTP index: two million edits as typed arrays in one binary file, so
 * the server maps them in a few milliseconds instead of parsing text. Built by the
 * import, read by the loader; PtpEdit objects are made only for the code asked about.
 *
 * File: "CPTLNCCI" | u32 format | u32 header length | JSON header | sections, each
 * 4-byte aligned, little-endian (the header records the byte order and readers on a
 * machine of the other order refuse the file). Edits are stored in (column 1,
 * column 2) order; `col1Start[c]..col1Start[c+1]` are code c's column-1 edits.
 * `byCol2` lists edit numbers in column-2 order, with `col2Start` alike. Code ids
 * follow code order, so the sort is by code text.
 */
import type { PtpEdit } from '../types';
import { isoOfNumber } from './aocFile';
import type { PtpRow } from './ptpFile';

const MAGIC = 'CPTLNCCI';
const FORMAT = 1;

type SectionName = 'col2' | 'effective' | 'deletion' | 'flags' | 'rationale' | 'col1Start' | 'byCol2' | 'col2Start';

interface Header {
  format: number;
  littleEndian: boolean;
  rows: number;
  codes: string[];
  rationales: string[];
  /** name → [byte offset from the file start, item count, bytes per item]. */
  sections: Record<SectionName, [number, number, 1 | 2 | 4]>;
}

/** Collects rows during an import; `finish()` sorts them and returns the file bytes. */
export class PtpIndexBuilder {
  private readonly codeIds = new Map<string, number>();
  private readonly rationaleIds = new Map<string, number>();
  private size = 0;
  private col1 = new Uint32Array(1 << 16);
  private col2 = new Uint32Array(1 << 16);
  private effective = new Uint32Array(1 << 16);
  private deletion = new Uint32Array(1 << 16);
  private flags = new Uint8Array(1 << 16);
  private rationale = new Uint32Array(1 << 16);

  /** Identical edits met more than once (the same file imported twice, or a zip and its extracted files); kept once. */
  duplicates = 0;

  /** Edits added so far; after finish(), the distinct edits written. */
  get rows(): number {
    return this.size - this.duplicates;
  }

  add(row: PtpRow): void {
    if (this.size === this.col1.length) this.grow();
    const i = this.size++;
    this.col1[i] = this.id(this.codeIds, row.column1);
    this.col2[i] = this.id(this.codeIds, row.column2);
    this.effective[i] = row.effective;
    this.deletion[i] = row.deletion;
    this.flags[i] = row.modifierIndicator | (row.prior1996 ? 0x80 : 0);
    this.rationale[i] = this.id(this.rationaleIds, row.rationale);
  }

  private id(map: Map<string, number>, key: string): number {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    return id;
  }

  private grow(): void {
    const bigger = <T extends Uint32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.col1 = bigger(this.col1);
    this.col2 = bigger(this.col2);
    this.effective = bigger(this.effective);
    this.deletion = bigger(this.deletion);
    this.flags = bigger(this.flags);
    this.rationale = bigger(this.rationale);
  }

  finish(): Uint8Array {
    // Renumber codes in code order.
    const codes = [...this.codeIds.keys()].sort();
    const remap = new Uint32Array(codes.length);
    codes.forEach((code, newId) => (remap[this.codeIds.get(code) as number] = newId));
    const c1 = new Uint32Array(this.size);
    const c2 = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      c1[i] = remap[this.col1[i]];
      c2[i] = remap[this.col2[i]];
    }
    const sorted = sortedIndexes(this.size, c1, c2);
    // Drop exact duplicates (adjacent after the sort by codes; compare the rest).
    const same = (x: number, y: number): boolean =>
      c1[x] === c1[y] && c2[x] === c2[y] && this.effective[x] === this.effective[y] && this.deletion[x] === this.deletion[y] &&
      this.flags[x] === this.flags[y] && this.rationale[x] === this.rationale[y];
    let kept = 0;
    for (let p = 0; p < sorted.length; p++) {
      const i = sorted[p];
      let duplicate = false;
      // Rows with the same code pair are adjacent; scan back over that run.
      for (let q = kept - 1; q >= 0 && c1[sorted[q]] === c1[i] && c2[sorted[q]] === c2[i]; q--) {
        if (same(sorted[q], i)) {
          duplicate = true;
          break;
        }
      }
      if (!duplicate) sorted[kept++] = i;
    }
    this.duplicates = this.size - kept;
    const n = kept;
    const order = sorted.subarray(0, n);
    // byCol2 names positions in the stored (col1-sorted) order, sorted by (col2, col1).
    const byCol2 = new Uint32Array(n);
    for (let p = 0; p < n; p++) byCol2[p] = p;
    byCol2.sort((x, y) => c2[order[x]] - c2[order[y]] || c1[order[x]] - c1[order[y]] || x - y);

    const wide = codes.length > 0xffff;
    const codeArray = (): Uint16Array | Uint32Array => (wide ? new Uint32Array(n) : new Uint16Array(n));
    const col2 = codeArray();
    const effective = new Uint32Array(n);
    const deletion = new Uint32Array(n);
    const flags = new Uint8Array(n);
    const rationale = this.rationaleIds.size > 0xffff ? new Uint32Array(n) : new Uint16Array(n);
    const col1Start = new Uint32Array(codes.length + 1);
    const col2Start = new Uint32Array(codes.length + 1);
    for (let p = 0; p < n; p++) {
      const i = order[p];
      col2[p] = c2[i];
      effective[p] = this.effective[i];
      deletion[p] = this.deletion[i];
      flags[p] = this.flags[i];
      rationale[p] = this.rationale[i];
      col1Start[c1[i] + 1]++;
      col2Start[c2[i] + 1]++;
    }
    for (let c = 0; c < codes.length; c++) {
      col1Start[c + 1] += col1Start[c];
      col2Start[c + 1] += col2Start[c];
    }
    const arrays: [SectionName, Uint8Array | Uint16Array | Uint32Array][] = [
      ['col2', col2], ['effective', effective], ['deletion', deletion], ['flags', flags], ['rationale', rationale],
      ['col1Start', col1Start], ['byCol2', byCol2], ['col2Start', col2Start],
    ];
    const rationales = [...this.rationaleIds.keys()];
    // Header size depends on the offsets it holds: lay out with a generous fixed estimate, then pad.
    const draft: Header = { format: FORMAT, littleEndian: isLittleEndian(), rows: n, codes, rationales, sections: {} as Header['sections'] };
    const headerBudget = Buffer.byteLength(JSON.stringify(draft)) + arrays.length * 40 + 64;
    let offset = align(16 + headerBudget);
    for (const [name, a] of arrays) {
      draft.sections[name] = [offset, a.length, a.BYTES_PER_ELEMENT as 1 | 2 | 4];
      offset = align(offset + a.byteLength);
    }
    const json = Buffer.from(JSON.stringify(draft));
    if (16 + json.length > draft.sections.col2[0]) throw new Error('PTP index header larger than its estimate');
    const out = new Uint8Array(offset);
    out.set(Buffer.from(MAGIC, 'latin1'), 0);
    const view = new DataView(out.buffer);
    view.setUint32(8, FORMAT, true);
    view.setUint32(12, json.length, true);
    out.set(json, 16);
    for (const [name, a] of arrays) out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), draft.sections[name][0]);
    return out;
  }
}

const align = (n: number): number => (n + 3) & ~3;

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/** Indexes 0..n-1 sorted by (a, b), stable. */
function sortedIndexes(n: number, a: Uint32Array, b: Uint32Array): Uint32Array {
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx.sort((x, y) => a[x] - a[y] || b[x] - b[y] || x - y);
}

/** A loaded index: typed-array views over the file's bytes. */
export class PtpIndex {
  readonly rows: number;
  private readonly codes: string[];
  private readonly rationales: string[];
  private readonly codeIds: Map<string, number>;
  private readonly col2: Uint16Array | Uint32Array;
  private readonly effective: Uint32Array;
  private readonly deletion: Uint32Array;
  private readonly flags: Uint8Array;
  private readonly rationale: Uint16Array | Uint32Array;
  private readonly col1Start: Uint32Array;
  private readonly byCol2: Uint32Array;
  private readonly col2Start: Uint32Array;

  /** Throws an Error naming what is wrong when the bytes are not an index of this format. */
  constructor(bytes: Uint8Array) {
    if (bytes.length < 16 || Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') !== MAGIC) throw new Error('not a CPT Lens PTP index');
    // Typed-array views need aligned offsets; copy when the file's bytes are not aligned.
    const data = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (view.getUint32(8, true) !== FORMAT) throw new Error(`PTP index format ${view.getUint32(8, true)} is not ${FORMAT}; import the NCCI files again`);
    const length = view.getUint32(12, true);
    const header = JSON.parse(Buffer.from(data.buffer, data.byteOffset + 16, length).toString('utf8')) as Header;
    if (header.littleEndian !== isLittleEndian()) throw new Error('PTP index was written on a machine of the other byte order; import again');
    const section = <T>(name: SectionName, make: (size: 1 | 2 | 4, offset: number, count: number) => T): T => {
      const [offset, count, size] = header.sections[name];
      if (offset + count * size > data.byteLength) throw new Error(`PTP index truncated (section ${name})`);
      return make(size, data.byteOffset + offset, count);
    };
    const u32 = (name: SectionName): Uint32Array => section(name, (_s, o, c) => new Uint32Array(data.buffer, o, c));
    const u16or32 = (name: SectionName): Uint16Array | Uint32Array => section(name, (s, o, c) => (s === 2 ? new Uint16Array(data.buffer, o, c) : new Uint32Array(data.buffer, o, c)));
    this.rows = header.rows;
    this.codes = header.codes;
    this.rationales = header.rationales;
    this.codeIds = new Map(header.codes.map((c, i) => [c, i]));
    this.col2 = u16or32('col2');
    this.effective = u32('effective');
    this.deletion = u32('deletion');
    this.flags = section('flags', (_s, o, c) => new Uint8Array(data.buffer, o, c));
    this.rationale = u16or32('rationale');
    this.col1Start = u32('col1Start');
    this.byCol2 = u32('byCol2');
    this.col2Start = u32('col2Start');
  }

  /** Every edit naming the code as column 1 (in column-2 order), then as column 2. */
  edits(code: string): PtpEdit[] {
    const id = this.codeIds.get(code);
    if (id === undefined) return [];
    const out: PtpEdit[] = [];
    for (let p = this.col1Start[id]; p < this.col1Start[id + 1]; p++) out.push(this.edit(p, id));
    for (let k = this.col2Start[id]; k < this.col2Start[id + 1]; k++) {
      const p = this.byCol2[k];
      out.push(this.edit(p, this.column1Of(p)));
    }
    return out;
  }

  private column1Of(position: number): number {
    let lo = 0;
    let hi = this.codes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.col1Start[mid] <= position) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private edit(p: number, column1: number): PtpEdit {
    const flags = this.flags[p];
    const edit: PtpEdit = {
      column1: this.codes[column1],
      column2: this.codes[this.col2[p]],
      effective: isoOfNumber(this.effective[p]),
      deletion: isoOfNumber(this.deletion[p]),
      modifierIndicator: String(flags & 0x7f) as PtpEdit['modifierIndicator'],
      rationale: this.rationales[this.rationale[p]],
    };
    if (flags & 0x80) edit.priorTo1996 = true;
    return edit;
  }
}
