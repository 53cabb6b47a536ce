/**
 * A check's findings as the caller reads them, without making every finding an object
 * at every keystroke. A charge file's findings stay with the claim whose rules made them,
 * at the offsets they had then, next to where those rows started then; a view knows
 * where every row starts now (one typed array) and moves a claim's findings only when
 * someone reads them. The editor reads few: the diagnostics it shows (at most
 * `maxFindingsPerFile`, errors first), the findings under the cursor or in the cell being
 * typed. Fix-all, lenses and the CLI read them all (`all()`, built once per view).
 *
 * A view never changes after it is made: the row starts are its own copy, and moved
 * findings are new objects, so a later keystroke does not move what a caller holds.
 */
import { lastAtOrBefore, upperBound } from '../codeset/sorted';
import { OUTSIDE_PERIOD } from './dataPeriods';
import { Finding, OffsetEdit, SEVERITY_RANK, Severity, compareFindings } from './types';

/** How many findings, by severity rank (error first), and how many each data table's period downgraded. */
export interface Tally {
  readonly count: number;
  readonly bySeverity: readonly [number, number, number, number];
  /** Findings downgraded because the date of service is outside a table's period, by table. */
  readonly outsidePeriod: ReadonlyMap<string, number>;
}

/** The findings of one claim as its rules made them, and where the claim's rows were then. */
export interface ClaimFindings {
  /** Sorted by position, at the offsets of the check that made them. */
  readonly findings: readonly Finding[];
  /**
   * Each finding's start and severity rank as one number, `start * 4 + rank`: reading them
   * from the findings themselves (objects of many shapes, one per rule) costs ten times as
   * much at every keystroke. A plain array: two typed arrays per claim cost 180 bytes each.
   */
  readonly marks: readonly number[];
  /** Row starts of the claim's lines when the findings were made (ascending). */
  readonly starts: readonly number[];
  /** The same lines' indexes in the current model (`ChargeFile.lines`). */
  readonly lines: readonly number[];
  readonly tally: Tally;
}

/** A check's findings. */
export interface FindingsView {
  /** How many there are (without making them). */
  readonly count: number;
  /** Every finding, sorted by position (made once per view). */
  all(): readonly Finding[];
  /** Every finding's start, ascending (numbers only: lenses count findings per line with it). */
  starts(): readonly number[];
  /** Findings whose range overlaps `start`..`end` (inclusive, so an empty finding at a cell's end counts), sorted. */
  inRange(start: number, end: number): Finding[];
  /**
   * At most `max` findings (0: all), each severity in turn from errors down, each in
   * document order, skipping those `skip` rejects; sorted by position. What an editor
   * shows when a file has more findings than it lists.
   */
  shown(max: number, skip?: (finding: Finding) => boolean): readonly Finding[];
  /**
   * The findings `test` accepts, sorted. `test` reads what does not move with the rows (rule,
   * severity, message, whether a fix is safe), not offsets: it may see a finding before it
   * is moved, so only the accepted ones are made (fix-all takes the few with a safe fix).
   */
  where(test: (finding: Finding) => boolean): readonly Finding[];
  /**
   * The findings that start on one of `rows` (a claim's rows, as [start, end] offsets, sorted),
   * sorted: what a claim's lens counts and its report lists.
   */
  startingOnRows(rows: readonly (readonly [number, number])[]): Finding[];
}

/** Whether `offset` is inside one of the sorted `rows` (inclusive). */
function onRows(rows: readonly (readonly [number, number])[], offset: number): boolean {
  for (const [start, end] of rows) {
    if (offset < start) return false;
    if (offset <= end) return true;
  }
  return false;
}

/** Where a claim whose first line is `line` is (or goes) in a list ordered by first lines. */
export function placeOf(list: readonly ClaimFindings[], line: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].lines[0] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

const NO_TABLES: ReadonlyMap<string, number> = new Map();
export const EMPTY_TALLY: Tally = { count: 0, bySeverity: [0, 0, 0, 0], outsidePeriod: NO_TABLES };

/** A claim's findings as a view keeps them; `findings` sorted, offsets as made. */
export function claimFindings(findings: readonly Finding[], starts: readonly number[], lines: readonly number[]): ClaimFindings {
  const marks = findings.map((f) => f.start * 4 + SEVERITY_RANK[f.severity]);
  return { findings, marks, starts, lines, tally: tallyOf(findings) };
}

export function tallyOf(findings: readonly Finding[]): Tally {
  if (findings.length === 0) return EMPTY_TALLY;
  const bySeverity: [number, number, number, number] = [0, 0, 0, 0];
  let outside: Map<string, number> | undefined;
  for (const f of findings) {
    bySeverity[SEVERITY_RANK[f.severity]]++;
    const table = (f.data as Record<string, unknown> | undefined)?.[OUTSIDE_PERIOD];
    if (typeof table === 'string') (outside ??= new Map()).set(table, (outside.get(table) ?? 0) + 1);
  }
  return { count: findings.length, bySeverity, outsidePeriod: outside ?? NO_TABLES };
}

/** `total` with `add` added and `remove` taken away (a new object). */
export function adjustTally(total: Tally, add: Tally, remove: Tally): Tally {
  if (add === remove) return total;
  const bySeverity = total.bySeverity.map((n, i) => n + add.bySeverity[i] - remove.bySeverity[i]) as unknown as [number, number, number, number];
  let outsidePeriod = total.outsidePeriod;
  if (add.outsidePeriod.size > 0 || remove.outsidePeriod.size > 0) {
    const next = new Map(total.outsidePeriod);
    for (const [table, n] of add.outsidePeriod) next.set(table, (next.get(table) ?? 0) + n);
    for (const [table, n] of remove.outsidePeriod) {
      const left = (next.get(table) ?? 0) - n;
      if (left > 0) next.set(table, left);
      else next.delete(table);
    }
    outsidePeriod = next;
  }
  return { count: total.count + add.count - remove.count, bySeverity, outsidePeriod };
}

export function sumTallies(tallies: Iterable<Tally>): Tally {
  // Added up in place: a new tally per claim would be garbage for every claim of the file.
  let count = 0;
  const bySeverity: [number, number, number, number] = [0, 0, 0, 0];
  const outsidePeriod = new Map<string, number>();
  for (const t of tallies) {
    if (t.count === 0) continue;
    count += t.count;
    for (let i = 0; i < 4; i++) bySeverity[i] += t.bySeverity[i];
    for (const [table, n] of t.outsidePeriod) outsidePeriod.set(table, (outsidePeriod.get(table) ?? 0) + n);
  }
  return count === 0 ? EMPTY_TALLY : { count, bySeverity, outsidePeriod: outsidePeriod.size > 0 ? outsidePeriod : NO_TABLES };
}

/** A plain list of findings (notes, one-off checks) as a view. */
export class ListView implements FindingsView {
  private sortedStarts: number[] | undefined;
  constructor(private readonly findings: readonly Finding[]) {}
  starts(): readonly number[] {
    return (this.sortedStarts ??= this.findings.map((f) => f.start).sort((a, b) => a - b));
  }
  get count(): number {
    return this.findings.length;
  }
  all(): readonly Finding[] {
    return this.findings;
  }
  inRange(start: number, end: number): Finding[] {
    return this.findings.filter((f) => f.start <= end && f.end >= start);
  }
  startingOnRows(rows: readonly (readonly [number, number])[]): Finding[] {
    return this.findings.filter((f) => onRows(rows, f.start));
  }
  shown(max: number, skip?: (finding: Finding) => boolean): readonly Finding[] {
    return limitFindings(skip ? this.findings.filter((f) => !skip(f)) : this.findings, max);
  }
  where(test: (finding: Finding) => boolean): readonly Finding[] {
    return this.findings.filter(test);
  }
}

/** At most `max` of sorted findings (0: all), errors first, then in document order; sorted by position. */
export function limitFindings(findings: readonly Finding[], max: number): readonly Finding[] {
  if (max <= 0 || findings.length <= max) return findings;
  const picked: Finding[] = [];
  for (const severity of SEVERITIES) {
    for (const f of findings) {
      if (f.severity !== severity) continue;
      picked.push(f);
      if (picked.length === max) return picked.sort(compareFindings);
    }
  }
  return picked.sort(compareFindings);
}

/** Range queries of a view answered by walking its claims before it indexes their lines. */
const WALKS_BEFORE_INDEX = 4;

/** How many more than asked the first pass of `shown` takes, so a few skipped findings rarely need a second. */
const SLACK = 32;

/** A charge file's findings: per claim where they were made, moved when read. */
export class ChargeView implements FindingsView {
  /** Per claim (by position), its findings moved so far (a slot per finding; `complete` once all are). */
  private readonly moved = new Map<number, { findings: (Finding | undefined)[]; complete: boolean }>();
  private sorted: readonly Finding[] | undefined;
  private sortedStarts: number[] | undefined;
  private lineClaims: Int32Array | undefined;
  private inRangeAsked = 0;

  /**
   * @param claims the findings of the claims that have some, in the order of their first lines
   * @param rowStarts where each line's row starts in this view's text (by line index); the view's own copy
   * @param fileFindings findings of the file rules, sorted
   */
  constructor(
    private readonly claims: readonly ClaimFindings[],
    private readonly rowStarts: Int32Array,
    private readonly fileFindings: readonly Finding[],
    private readonly claimTally: Tally,
  ) {}

  get count(): number {
    return this.claimTally.count + this.fileFindings.length;
  }

  all(): readonly Finding[] {
    // Unmarked copies (not kept for `shown`): marking each of 100k moved findings costs more
    // than fix-all or a lens needs; the editor's diagnostics mark their own few.
    return (this.sorted ??= this.every(false));
  }

  /** Every finding, sorted; moved ones `marked` (and kept) or not. */
  private every(marked: boolean): Finding[] {
    const out: Finding[] = [...this.fileFindings];
    for (let c = 0; c < this.claims.length; c++) for (const f of this.claimAt(c, marked)) out.push(f);
    return out.sort(compareFindings);
  }

  where(test: (finding: Finding) => boolean): readonly Finding[] {
    if (this.sorted) return this.sorted.filter(test);
    const out = this.fileFindings.filter(test);
    for (let c = 0; c < this.claims.length; c++) {
      const claim = this.claims[c];
      const shift = this.shiftOf(claim);
      const known = this.moved.get(c);
      claim.findings.forEach((made, k) => {
        if (test(made)) out.push(shift === identity ? made : (known?.findings[k] ?? move(made, shift)));
      });
    }
    return out.sort(compareFindings);
  }

  /**
   * The first line (index in `ChargeFile.lines`) of each claim with a finding, in order; and
   * the file findings' starts, sorted. What the lenses need (claimOffsetsOf, codeLens.ts),
   * without sorting every finding's start at each keystroke as `starts()` would.
   */
  claimsWithFindings(): { firstLines: number[]; fileStarts: number[] } {
    const firstLines = new Array<number>(this.claims.length);
    for (let c = 0; c < this.claims.length; c++) firstLines[c] = this.claims[c].lines[0];
    return { firstLines, fileStarts: this.fileFindings.map((f) => f.start) };
  }

  /**
   * `inRange(start, end)` when the lines whose rows touch the range are known: `firstLines` are
   * the first lines (indexes in `ChargeFile.lines`) of those lines' claims. Only those claims are
   * read, where `inRange` walks every claim before the range (a hover in mid-file: half of them).
   */
  inRangeOfClaims(start: number, end: number, firstLines: readonly number[]): Finding[] {
    const out = this.fileFindings.filter((f) => f.start <= end && f.end >= start);
    const claims = this.claims;
    for (const first of new Set(firstLines)) {
      const c = placeOf(claims, first);
      if (c < claims.length && claims[c].lines[0] === first) this.overlapping(c, start, end, out);
    }
    return out.sort(compareFindings);
  }

  startingOnRows(rows: readonly (readonly [number, number])[]): Finding[] {
    const out = this.fileFindings.filter((f) => onRows(rows, f.start));
    if (rows.length === 0) return out;
    // The claim whose first row is the first of `rows` (claims are in the order of their first
    // rows): its findings start on its own rows, so no other claim's need be read. Without one
    // (rows that are not a claim's of this version), every range is asked.
    const first = rows[0][0];
    const claims = this.claims;
    let lo = 0;
    let hi = claims.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rowStarts[claims[mid].lines[0]] < first) lo = mid + 1;
      else hi = mid;
    }
    if (lo < claims.length && this.rowStarts[claims[lo].lines[0]] === first) {
      for (const f of this.claimAt(lo)) if (onRows(rows, f.start)) out.push(f);
      return out.sort(compareFindings);
    }
    const all: Finding[] = [];
    for (const [start, end] of rows) for (const f of this.inRange(start, end)) if (f.start >= start && f.start <= end) all.push(f);
    return all;
  }

  starts(): readonly number[] {
    if (this.sortedStarts) return this.sortedStarts;
    const starts = new Float64Array(this.count);
    let n = 0;
    for (const f of this.fileFindings) starts[n++] = f.start;
    for (const claim of this.claims) {
      const shift = this.shiftOf(claim);
      for (const mark of claim.marks) starts[n++] = shift(Math.floor(mark / 4));
    }
    return (this.sortedStarts = Array.from(starts.sort()));
  }

  inRange(start: number, end: number): Finding[] {
    const out = this.fileFindings.filter((f) => f.start <= end && f.end >= start);
    // The first few asks of a view (the cell being typed, a hover: about 1 ms each on 100k
    // lines) walk the claims that start before the range; after them (the lenses on screen
    // ask for each of their rows) the lines are indexed once (about 4 ms) and each ask looks
    // up only the lines its range touches.
    if (!this.lineClaims && this.inRangeAsked++ < WALKS_BEFORE_INDEX) return this.inRangeByWalk(start, end, out);
    const index = (this.lineClaims ??= this.indexLines());
    const rows = this.rowStarts;
    let first = Math.max(0, upperBound(rows, start) - 1);
    const last = Math.max(0, upperBound(rows, end) - 1);
    const seen = new Set<number>();
    for (; first <= last && first < rows.length; first++) {
      const c = index[first] - 1;
      if (c < 0 || seen.has(c)) continue;
      seen.add(c);
      this.overlapping(c, start, end, out);
    }
    return out.sort(compareFindings);
  }

  /** Adds claim `c`'s findings that overlap `start`..`end` to `out`. */
  private overlapping(c: number, start: number, end: number, out: Finding[]): void {
    // Only those that start by `end` are made (the marks are in the findings' order, by start).
    const claim = this.claims[c];
    const shift = this.shiftOf(claim);
    const marks = claim.marks;
    for (let k = 0; k < marks.length; k++) {
      if (shift(Math.floor(marks[k] / 4)) > end) break;
      const f = this.findingAt(c, k, shift);
      if (f.end >= start) out.push(f);
    }
  }

  private inRangeByWalk(start: number, end: number, out: Finding[]): Finding[] {
    for (let c = 0; c < this.claims.length; c++) {
      const claim = this.claims[c];
      // Claims are in the order of their first lines: none after this one starts in time.
      if (this.rowStarts[claim.lines[0]] > end) break;
      if (!this.touches(claim.lines, start, end)) continue;
      this.overlapping(c, start, end, out);
    }
    return out.sort(compareFindings);
  }

  /**
   * Whether the row of one of `lines` (ascending) overlaps `start`..`end`: a claim's
   * findings are on its lines' rows, and a patient's lines may be anywhere in the file, so
   * a claim that spans the range need not have a line in it.
   */
  private touches(lines: readonly number[], start: number, end: number): boolean {
    const rows = this.rowStarts;
    // The first of the lines whose row ends at or after `start` (it ends where the next row starts).
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const next = lines[mid] + 1;
      if (next < rows.length && rows[next] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < lines.length && rows[lines[lo]] <= end;
  }

  /** Which claim (position + 1; 0: none with findings) each line belongs to, made once a view has been asked for ranges a few times. */
  private indexLines(): Int32Array {
    const index = new Int32Array(this.rowStarts.length);
    for (let c = 0; c < this.claims.length; c++) for (const line of this.claims[c].lines) index[line] = c + 1;
    return index;
  }

  shown(max: number, skip?: (finding: Finding) => boolean): readonly Finding[] {
    if (max <= 0 || this.count <= max + SLACK) {
      // Few enough to make them all, marked (the editor compares them with its last answer).
      const every = this.every(true);
      return limitFindings(skip ? every.filter((f) => !skip(f)) : every, max);
    }
    const picked: Finding[] = [];
    for (const severity of SEVERITIES) {
      const need = max - picked.length;
      if (need <= 0) break;
      for (const f of this.firstOf(severity, need, skip)) picked.push(f);
    }
    return picked.sort(compareFindings);
  }

  /** The first `need` findings of one severity in document order, not skipped. */
  private firstOf(severity: Severity, need: number, skip: ((finding: Finding) => boolean) | undefined): Finding[] {
    const rank = SEVERITY_RANK[severity];
    const total = this.claimTally.bySeverity[rank] + this.fileFindings.filter((f) => f.severity === severity).length;
    if (total === 0) return [];
    // Where the first need + SLACK of them start (numbers, no objects): the candidates start
    // at or before that. Claims come in the order of their first lines, so the search stops at
    // the first claim that starts after the last of those: it reads the top of the file only.
    let limit = Infinity;
    const want = need + SLACK;
    if (total > want) {
      const heap = new MaxHeap(want);
      for (const f of this.fileFindings) if (f.severity === severity) heap.offer(f.start);
      for (const claim of this.claims) {
        if (heap.full && this.rowStarts[claim.lines[0]] > heap.top) break;
        if (claim.tally.bySeverity[rank] === 0) continue;
        const shift = this.shiftOf(claim);
        for (const mark of claim.marks) if (mark % 4 === rank) heap.offer(shift((mark - rank) / 4));
      }
      if (heap.full) limit = heap.top;
    }
    const candidates = this.gather(severity, limit, skip);
    // Fewer than needed at or before the limit (skipped ones were among them): take them all.
    if (candidates.length < need && limit !== Infinity) return this.gather(severity, Infinity, skip).sort(compareFindings).slice(0, need);
    return candidates.sort(compareFindings).slice(0, need);
  }

  /** Findings of `severity` starting at or before `limit`, not skipped (made into objects). */
  private gather(severity: Severity, limit: number, skip: ((finding: Finding) => boolean) | undefined): Finding[] {
    const rank = SEVERITY_RANK[severity];
    const out: Finding[] = [];
    const take = (f: Finding): void => {
      if (f.severity === severity && f.start <= limit && !skip?.(f)) out.push(f);
    };
    for (const f of this.fileFindings) take(f);
    for (let c = 0; c < this.claims.length; c++) {
      const claim = this.claims[c];
      if (claim.tally.bySeverity[rank] === 0) continue;
      if (this.rowStarts[claim.lines[0]] > limit) break;
      if (limit === Infinity) {
        for (const f of this.claimAt(c)) take(f);
        continue;
      }
      // Only the findings of this severity at or before the limit are made (read from the marks).
      const shift = this.shiftOf(claim);
      const marks = claim.marks;
      for (let k = 0; k < marks.length; k++) {
        const mark = marks[k];
        if (mark % 4 === rank && shift((mark - rank) / 4) <= limit) take(this.findingAt(c, k, shift));
      }
    }
    return out;
  }

  /** Offset at the claim's making → offset in this view's text (`identity` when none of its rows moved). */
  private shiftOf(claim: ClaimFindings): (offset: number) => number {
    const { starts, lines } = claim;
    const first = this.rowStarts[lines[0]] - starts[0];
    let uniform = true;
    for (let j = 1; j < lines.length && uniform; j++) uniform = this.rowStarts[lines[j]] - starts[j] === first;
    if (uniform) return first === 0 ? identity : (offset) => offset + first;
    return (offset) => {
      const j = lastAtOrBefore(starts, offset);
      return offset + this.rowStarts[lines[j]] - starts[j];
    };
  }

  /** The claim's findings at this view's offsets (moved copies, made once per view). */
  private claimAt(c: number, marked = true): readonly Finding[] {
    const claim = this.claims[c];
    const shift = this.shiftOf(claim);
    if (shift === identity) return claim.findings;
    if (!marked) {
      const known = this.moved.get(c);
      return known && known.complete ? (known.findings as Finding[]) : claim.findings.map((f) => move(f, shift));
    }
    const kept = this.movedOf(c);
    if (!kept.complete) {
      for (let k = 0; k < claim.findings.length; k++) kept.findings[k] ??= markedMove(claim.findings[k], shift);
      kept.complete = true;
    }
    return kept.findings as Finding[];
  }

  /**
   * Finding `k` of claim `c` at this view's offsets (a moved copy, made once per view): a
   * patient's claim may have lines all over the file, and the editor's list or a hover needs
   * only its findings near the top or under the cursor, not all of them moved.
   */
  private findingAt(c: number, k: number, shift = this.shiftOf(this.claims[c])): Finding {
    const claim = this.claims[c];
    if (shift === identity) return claim.findings[k];
    const kept = this.movedOf(c);
    return (kept.findings[k] ??= markedMove(claim.findings[k], shift));
  }

  private movedOf(c: number): { findings: (Finding | undefined)[]; complete: boolean } {
    let kept = this.moved.get(c);
    if (!kept) this.moved.set(c, (kept = { findings: new Array<Finding | undefined>(this.claims[c].findings.length), complete: false }));
    return kept;
  }
}

/** A moved copy of `made` that remembers it (`madeOf`). */
function markedMove(made: Finding, shift: (offset: number) => number): Finding {
  const copy = move(made, shift);
  // Not enumerable: JSON and deep comparisons see a plain finding.
  Object.defineProperty(copy, MADE_AS, { value: made, enumerable: false });
  return copy;
}

/** On a finding a view moved: the finding its claim's rules made. */
const MADE_AS = Symbol('madeAs');

/**
 * Whether two findings are one finding its claim's rules made once, read from two views
 * whose rows moved in between (or the very same object). Only a claim the edits did not
 * touch is moved rather than checked again, and its rows moved whole: at the same line
 * count, everything such a finding points to is at the same line and column.
 */
export function sameMade(a: Finding, b: Finding): boolean {
  return madeOf(a) === madeOf(b);
}

/** The finding its claim's rules made, of which `finding` may be a moved copy (else itself). */
export function madeOf(finding: Finding): Finding {
  return (finding as { [MADE_AS]?: Finding })[MADE_AS] ?? finding;
}

const identity = (offset: number): number => offset;

/** A copy of a finding with every offset (its range, its fixes' edits, its related places) moved by `to`. */
export function move(finding: Finding, to: (offset: number) => number): Finding {
  const edit = (e: OffsetEdit): OffsetEdit => ({ ...e, start: to(e.start), end: to(e.end) });
  return {
    ...finding,
    start: to(finding.start),
    end: to(finding.end),
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(edit) })) } : {}),
    ...(finding.related ? { related: finding.related.map((r) => ({ ...r, start: to(r.start), end: to(r.end) })) } : {}),
  };
}

/** The `size` smallest numbers offered, keeping the largest of them on top (a binary max-heap). */
export class MaxHeap {
  private readonly values: Float64Array;
  private length = 0;
  constructor(private readonly size: number) {
    this.values = new Float64Array(Math.max(1, size));
  }
  get full(): boolean {
    return this.length === this.size;
  }
  /** The largest kept (the size-th smallest offered, once full). */
  get top(): number {
    return this.length === 0 ? -Infinity : this.values[0];
  }
  offer(value: number): void {
    const v = this.values;
    if (this.length < this.size) {
      let i = this.length++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (v[parent] >= value) break;
        v[i] = v[parent];
        i = parent;
      }
      v[i] = value;
      return;
    }
    if (this.size === 0 || value >= v[0]) return;
    // Replace the top and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.length) break;
      const r = l + 1;
      const child = r < this.length && v[r] > v[l] ? r : l;
      if (v[child] <= value) break;
      v[i] = v[child];
      i = child;
    }
    v[i] = value;
  }
}
