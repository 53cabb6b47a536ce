/**
 * The CLI's check of a charge file too big to hold (issue 13): the file is read in chunks
 * and never held whole, and its findings are those the whole-file check gives, in the
 * same order (held equal by test/cli/streamCheck.test.ts).
 *
 * Pass 1 reads the file once: csv/rowSplitter.ts cuts it into pieces of whole rows exactly
 * where the whole-file parse would; the header, and the first rows that column reading
 * samples, give the column map; each row goes to one of N part files on disk by a hash of
 * its claim key (patient, else account, else claim id, as chargeFile.ts groups lines), so
 * every claim's lines land in one part, in file order, however the file is sorted (the
 * two-pass index the issue asks for: no claim is ever split). Pass 2 checks each part as
 * charge files of its own (the header, then its rows) with the same engine, a run of whole
 * claims at a time (`claimRuns`), and moves their findings to the offsets and lines of the
 * original file.
 *
 * What only the whole file knows is put together here: the notes on the header (columns
 * read, claim grouping, no code column, NCCI not loaded) come from a check of the header
 * and the first rows; the date-of-service notes (how many lines are undated or outside the
 * release, placed at the first) and the data-period note (findings per table) add up the
 * parts' counts. Each finding is rendered by the output format as soon as it is found and
 * only its text and sort key go to the findings file, one range of it a part; a heap merges
 * the ranges into file order, reading each through a small buffer and handing on each text as
 * the bytes it was written as (never decoded again; for JUnit, which counts first, twice).
 * Memory is one run's model, the rows waiting for their part files and the merge's buffers
 * (16 MB for all parts), not the file nor its findings.
 *
 * The parts are independent, so with a pool (checkPool.ts) worker threads check parts beside
 * the main thread, each with the same `PartChecker`, writing findings files of their own; the
 * parts' results are put together in part order, so the output is the one thread's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocument as Documents } from 'vscode-languageserver-textdocument';
import type { CodeSet } from '../codeset/types';
import { CsvCell, cellValueRange, detectDelimiter, parseCsv } from '../csv/csv';
import { RowPiece, RowSplitter, countLineBreaks, rawCell } from '../csv/rowSplitter';
import { lastAtOrBefore } from '../codeset/sorted';
import { ByteWriter } from './byteWriter';
import type { CheckPool } from './checkPool';
import type { OutputFormat } from './formats';
import { SAMPLE_ROWS, readColumns, type ColumnMap, type ColumnMapping, normaliseHeader, dataPeriodNote, Finding, SEVERITY_RANK, type Severity, compareFindings, type LanguageService, type CheckSettings } from '../service';

/** Files at least this big are checked streaming (`CPT_LENS_STREAM_BYTES` changes it, for tests). */
export const STREAM_BYTES = 16 * 2 ** 20;
/**
 * About how much text one part holds. Half a megabyte: on the 1M-line export the peak is
 * 502 MB against 639 MB with 1 MB parts, for 5% more CPU time (one part's model and
 * findings are most of what the heap holds).
 */
export const PART_BYTES = 2 ** 19;
/**
 * About how much text is checked at once: a part is checked in runs of whole claims of about
 * this size. Measured on the 300k-line export: 32 KB took 25% less CPU time than checking
 * whole parts of 512 KB, and peaked lower, since less of each check outlives a young-generation
 * collection.
 */
export const RUN_BYTES = 2 ** 15;
const READ_BYTES = 4 * 2 ** 20;
/** Rows waiting to be written to their part files, all parts together, at most about this much. */
const WAITING_CHARS = 2 ** 23;

export interface StreamOptions {
  /** The service with the user's settings (for the header notes). */
  service: LanguageService;
  /** A service with the user's settings and these column mappings added. */
  serviceWithColumns: (columns: Record<string, ColumnMapping>) => LanguageService;
  /** The user's column mappings. */
  columns?: Readonly<Record<string, ColumnMapping>>;
  codeSet: CodeSet;
  partBytes?: number;
  /** About how much text one run of a part holds (`RUN_BYTES`). */
  runBytes?: number;
  /** How many times the findings are given to the sink, all of them each time (JUnit counts, then writes): 1 unless given. */
  rounds?: number;
  /** Writes a finding's output text into `out` (the format's `renderTo`, or its `render`), given a document that places its offsets. */
  render: RenderTo;
  /** Worker threads to check parts beside this thread; without them this thread checks every part. */
  parallel?: Parallel;
}

/** The pool a file's parts are checked by, and what its workers need to check them as this thread would. */
export interface Parallel {
  pool: CheckPool;
  /** The settings the file is checked with (the parts' column mappings are added). */
  settings: CheckSettings;
  /** The file's name as the output gives it. */
  file: string;
  /** Told when a worker fails on a part (this thread then checks it). */
  problem: (message: string) => void;
}

/**
 * Gets each rendered finding in file order: its text as UTF-8, `bytes[start, end)` (only for
 * the call: the buffer is filled again after it), its severity (for the totals), and which of
 * the `rounds` this is.
 */
export type FindingSink = (bytes: Buffer, start: number, end: number, severity: Severity, round: number) => void;

export interface StreamResult {
  /** How many parts the file was checked in. */
  parts: number;
  /** How many runs of rows the parts were checked in. */
  runs: number;
  /** How many parts worker threads checked. */
  inWorkers: number;
}

/** Writes a finding's output text as UTF-8 into `out`, inside a sized record (see `OutputFormat.renderTo`). */
export type RenderTo = (finding: Finding, document: Pick<TextDocument, 'positionAt'>, out: ByteWriter) => void;

/** A format's `RenderTo` for findings of `file`: its `renderTo`, else its `render`'s text written. */
export function renderer(format: OutputFormat, file: string): RenderTo {
  if (format.renderTo) return (f, document, out) => format.renderTo!({ file, document }, f, out);
  return (f, document, out) => out.write(format.render({ file, document }, f));
}

/** A finding with the line and column of each of its offsets. */
type Placed = [Finding, [number, number, number][]];

const SEVERITIES = Object.keys(SEVERITY_RANK).sort((a, b) => SEVERITY_RANK[a as Severity] - SEVERITY_RANK[b as Severity]) as Severity[];

/** The merge's read buffers, all parts together, at most about this many bytes (each 4-64 KB). */
const MERGE_BYTES = 2 ** 24;

/**
 * Checks `file` streaming; undefined when this file cannot be (not UTF-8 text, or columns
 * the parts would read differently): the caller then checks it whole.
 */
export async function streamCheck(file: string, options: StreamOptions, sink: FindingSink): Promise<StreamResult | undefined> {
  const fd = fs.openSync(file, 'r');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-parts-'));
  let findings: number | undefined;
  try {
    findings = fs.openSync(path.join(dir, 'findings'), 'w+');
    return await run(fd, dir, findings, options, sink);
  } finally {
    fs.closeSync(fd);
    if (findings !== undefined) fs.closeSync(findings);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Part {
  file: string;
  waiting: string[];
  chars: number;
}

async function run(fd: number, dir: string, findingsFd: number, options: StreamOptions, sink: FindingSink): Promise<StreamResult | undefined> {
  const size = fs.fstatSync(fd).size;
  const bytes = Buffer.allocUnsafe(READ_BYTES);
  const decoder = new StringDecoder('utf8');
  let read = fs.readSync(fd, bytes, 0, READ_BYTES, null);
  // UTF-16 (a byte-order mark) and binary files are left to the whole-file check.
  if (read >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return undefined;
  if (bytes.subarray(0, Math.min(read, 8192)).includes(0)) return undefined;
  let chunk = decoder.write(bytes.subarray(0, read));
  const delimiter = detectDelimiter(chunk);

  const partCount = Math.max(1, Math.ceil(size / (options.partBytes ?? PART_BYTES)));
  const runChars = options.runBytes ?? RUN_BYTES;
  const parts: Part[] = Array.from({ length: partCount }, (_, i) => ({ file: path.join(dir, `part-${i}`), waiting: [], chars: 0 }));
  // A 10M-line file has hundreds of parts: their waiting rows share one budget.
  const flushChars = Math.max(2 ** 12, Math.floor(WAITING_CHARS / partCount));
  const flush = (part: Part): void => {
    fs.appendFileSync(part.file, part.waiting.join(''));
    part.waiting = [];
    part.chars = 0;
  };

  let prefix: RowPiece | undefined;
  const head: RowPiece[] = [];
  let trailing: RowPiece | undefined;
  let keyColumns: { role: string; index: number }[] | undefined;
  let forced: Record<string, ColumnMapping> | undefined;
  let headMap: ColumnMap | undefined;
  let rows = 0;
  let unstreamable = false;

  const place = (piece: RowPiece): void => {
    let key = '';
    for (const { role, index } of keyColumns!) {
      const value = cellValue(piece.text.slice(piece.rowAt), index, delimiter);
      if (value !== '') {
        key = `${role}\u0000${value}`;
        break;
      }
    }
    if (key === '') key = `l\u0000${rows}`;
    rows++;
    const claim = hash(key);
    const part = parts[claim % partCount];
    part.waiting.push(`${piece.start},${piece.line},${piece.text.length},${claim}\n`, piece.text);
    part.chars += piece.text.length;
    if (part.chars >= flushChars) flush(part);
  };
  /** After the sample: the column map, and the mappings that make every part read it alike. */
  const readHead = (): void => {
    const table = parseCsv(joinPieces(prefix!, head), delimiter, { comments: true });
    const headers = table.rows[0].cells.map((c) => c.text.trim());
    const reading = readColumns(headers, table.rows, options.columns);
    headMap = reading.map;
    forced = { ...options.columns };
    for (const c of reading.columns) {
      if (c.source !== 'content' || !c.role) continue;
      // A mapping by header can name only a column whose header no other column shares.
      if (headers.filter((h) => normaliseHeader(h) === normaliseHeader(c.header)).length !== 1) unstreamable = true;
      forced[c.header] = c.role;
    }
    keyColumns = (['patient', 'account', 'claim'] as const).flatMap((role) => (reading.map[role] ? [{ role: role[0], index: reading.map[role][0] }] : []));
    for (const piece of head) place(piece);
  };
  const splitter = new RowSplitter(delimiter, (piece) => {
    if (piece.rowAt < 0) trailing = piece;
    else if (!prefix) prefix = piece;
    else if (keyColumns) place(piece);
    else {
      head.push(piece);
      if (head.length === SAMPLE_ROWS) readHead();
    }
  });
  for (;;) {
    const done = read === 0;
    splitter.push(chunk, done);
    if (done || unstreamable) break;
    read = fs.readSync(fd, bytes, 0, READ_BYTES, null);
    chunk = read === 0 ? decoder.end() : decoder.write(bytes.subarray(0, read));
  }
  if (!prefix || unstreamable) return undefined;
  if (!keyColumns) readHead();
  if (unstreamable) return undefined;
  for (const part of parts) if (part.chars > 0) flush(part);

  const prefixText = prefix.text;
  const prefixDocument = Documents.create('', 'csv', 0, prefixText);
  // Findings not in a part's file: the header notes and the notes put together from the parts.
  const kept: Placed[] = [];
  const inPrefix = (f: Finding): Placed => [f, offsetsOf(f).map((o) => { const p = prefixDocument.positionAt(o); return [o, p.line, p.character]; })];

  // The header notes, from the header and the sampled rows, with the user's settings.
  for (const f of options.service.validate(joinPieces(prefix, head), 'charges')) {
    if (f.start < prefixText.length && f.ruleId !== 'data-period') kept.push(inPrefix(f));
  }

  // The parts, each checked alone (in this thread, or by the pool's workers, a part at a
  // time), their results put together in part order: as one thread checking them in turn.
  const context: PartContext = { prefix, delimiter, forced: forced!, headMap: headMap!, runChars };
  // Every part's rendered findings: a range of a findings file a part (see `writeRecord`).
  const records = new ByteWriter((bytes) => {
    fs.writeSync(findingsFd, bytes);
  }, true);
  let here: PartChecker | undefined;
  const checkHere = (): PartChecker => (here ??= new PartChecker(context, options.serviceWithColumns(forced!), options.render));
  const files = parts.filter((part) => fs.existsSync(part.file)).map((part) => part.file);
  const results = options.parallel && files.length > 1 ? await checkInPool(files, dir, context, options.parallel, (file) => checkHere().checkFile(file, records)) : files.map((file) => checkHere().checkFile(file, records));
  // Comments after the last row (reported as suppressing nothing).
  if (trailing) results.push(checkHere().checkPieces([trailing], undefined, records, false));
  const sum = new PartSum();
  for (const result of results) {
    if (!result.ok) return undefined;
    sum.add(result);
  }
  records.flush();
  // The ranges of the main thread's findings file and of the workers' files, in part order.
  const ranges: Range[] = [];
  const fds = new Map<string, number>([['', findingsFd]]);
  try {
    for (const result of results) {
      let fd = fds.get(result.findings ?? '');
      if (fd === undefined) fds.set(result.findings!, (fd = fs.openSync(result.findings!, 'r')));
      for (const [from, to] of result.ranges) ranges.push([fd, from, to]);
    }
    for (const { note, lines } of sum.dateNotes.values()) {
      note[0].message = note[0].message.replace(/^\d+/, String(lines));
      note[0].data = { ...note[0].data, lines };
      kept.push(note);
    }
    if (sum.periodNote) {
      const outside = (options.codeSet.version().periods ?? []).filter((p) => sum.periodCounts.has(p.table)).map((period) => ({ period, count: sum.periodCounts.get(period.table) ?? 0 }));
      Object.assign(sum.periodNote, dataPeriodNote(outside));
      kept.push(inPrefix(sum.periodNote));
    }
    kept.sort((a, b) => compareFindings(a[0], b[0]));
    // The kept findings come first where sort keys tie (the merge keeps the ranges' order).
    const keptFrom = records.position;
    for (const [f, placed] of kept) writeRecord(records, f.start, f.end, f, placedDocument(placed), options.render);
    if (records.position > keptFrom) ranges.unshift([findingsFd, keptFrom, records.position]);
    records.flush();
    for (let round = 0; round < (options.rounds ?? 1); round++) merge(ranges, sink, round);
  } finally {
    for (const [name, fd] of fds) if (name !== '') fs.closeSync(fd);
  }
  return { parts: partCount, runs: results.reduce((n, r) => n + r.runs, 0), inWorkers: results.filter((r) => r.findings !== undefined).length };
}

/** What checking a part needs besides the service: plain data, the same for every part (and sent to the workers). */
export interface PartContext {
  /** The header piece: each run is checked as the header, then the run's rows. */
  prefix: RowPiece;
  delimiter: string;
  /** The user's column mappings and those that make every part read the columns as the whole file does. */
  forced: Record<string, ColumnMapping>;
  /** The columns as the whole file reads them. */
  headMap: ColumnMap;
  /** About how much text one run of a part holds. */
  runChars: number;
}

/** One part checked: its findings are the ranges of a findings file; the notes only the whole file gives are put together by `PartSum`. */
export interface PartResult {
  /** False when the part reads its columns otherwise than the whole file: the file is then checked whole. */
  ok: boolean;
  runs: number;
  /** The findings file the ranges are of: a worker's; absent for the main thread's. */
  findings?: string;
  /** `[from, to)` byte ranges of the findings file, each in file order (a run's findings). */
  ranges: [number, number][];
  /** The part's data-period note and its findings per table. */
  periodNote?: Finding;
  periodCounts: [string, number][];
  /** The part's first date-of-service note of each kind (in the order first found) and how many lines it counts. */
  dateNotes: [string, Placed, number][];
}

/** A byte range `[from, to)` of the findings file open as `fd`. */
type Range = [fd: number, from: number, to: number];

/** The parts' notes put together, part by part in file order, as checking the parts in turn gives them. */
class PartSum {
  periodNote: Finding | undefined;
  periodCounts = new Map<string, number>();
  dateNotes = new Map<string, { note: Placed; lines: number }>();

  add(result: PartResult): void {
    this.periodNote ??= result.periodNote;
    for (const [table, n] of result.periodCounts) this.periodCounts.set(table, (this.periodCounts.get(table) ?? 0) + n);
    for (const [kind, note, lines] of result.dateNotes) {
      const seen = this.dateNotes.get(kind);
      if (!seen) this.dateNotes.set(kind, { note, lines });
      else this.dateNotes.set(kind, { note: note[0].start < seen.note[0].start ? note : seen.note, lines: seen.lines + lines });
    }
  }
}

/** Checks parts of one file, a run of whole claims at a time, rendering their findings to a findings file. */
export class PartChecker {
  constructor(
    private readonly context: PartContext,
    private readonly service: LanguageService,
    private readonly render: StreamOptions['render'],
  ) {}

  /** Checks a part file (and removes it, unless told not to), writing its findings to `records`. */
  checkFile(file: string, records: ByteWriter, remove = true): PartResult {
    const { pieces, claims } = readPart(file);
    if (remove) fs.rmSync(file);
    return this.checkPieces(pieces, claims, records);
  }

  /**
   * Checks rows of one part: a run of rows at a time when their claims are given (runs hold
   * whole claims), else all together. A run's model and findings die young, where a whole
   * part's lived through many collections of the young generation. A run's findings all come
   * before the next run's, so the part's stay in order.
   */
  checkPieces(pieces: RowPiece[], claims: number[] | undefined, records: ByteWriter, rows = true): PartResult {
    const sum = new PartSum();
    const result: PartResult = { ok: true, runs: 0, ranges: [], periodCounts: [], dateNotes: [] };
    for (const [from, to] of claims ? claimRuns(pieces, claims, this.context.runChars) : [[0, pieces.length]]) {
      const start = records.position;
      if (!this.checkRun(pieces.slice(from, to), rows, records, sum)) return { ...result, ok: false };
      if (records.position > start) result.ranges.push([start, records.position]);
      result.runs++;
    }
    result.periodNote = sum.periodNote;
    result.periodCounts = [...sum.periodCounts];
    result.dateNotes = [...sum.dateNotes].map(([kind, { note, lines }]) => [kind, note, lines]);
    return result;
  }

  private checkRun(pieces: RowPiece[], rows: boolean, records: ByteWriter, sum: PartSum): boolean {
    if (pieces.length === 0) return true;
    const { prefix, delimiter, forced, headMap } = this.context;
    const prefixLength = prefix.text.length;
    // The part must read its columns as the whole file does.
    if (rows) {
      const sample = parseCsv(joinPieces(prefix, pieces.slice(0, SAMPLE_ROWS)), delimiter, { comments: true });
      const reading = readColumns(sample.rows[0].cells.map((c) => c.text.trim()), sample.rows, forced);
      if (!sameMap(reading.map, headMap)) return false;
    }
    const starts: number[] = [];
    let at = prefixLength;
    for (const piece of pieces) {
      starts.push(at + 1);
      at += 1 + piece.text.length;
    }
    const text = joinPieces(prefix, pieces);
    // A finding's offsets are mostly in one piece (its row), and most pieces are one line:
    // the last piece found is tried first, and a piece without a line break is placed
    // without searching its text (a million findings have about ten offsets each).
    let lo = 0;
    const oneLine = new Uint8Array(pieces.length);
    const pieceAt = (offset: number): number => {
      if (!(starts[lo] <= offset && (lo + 1 === starts.length || offset < starts[lo + 1]))) lo = lastAtOrBefore(starts, offset);
      return lo;
    };
    const toFile = (offset: number): number => {
      const i = pieceAt(offset);
      return pieces[i].start + offset - starts[i];
    };
    // Places the run's offsets in the file only when the format asks: the findings are not
    // moved, nor each offset's place kept, for a format that shows only the first line.
    const document: Pick<TextDocument, 'positionAt'> = {
      positionAt(offset) {
        const i = pieceAt(offset);
        const piece = pieces[i];
        const within = offset - starts[i];
        if (oneLine[i] === 0) oneLine[i] = piece.text.includes('\n') || piece.text.includes('\r') ? 2 : 1;
        if (oneLine[i] === 1) return { line: piece.line, character: within };
        const lineStart = lastLineStart(piece.text, within);
        return { line: piece.line + countLineBreaks(piece.text, 0, lineStart), character: within - lineStart };
      },
    };
    // The run's findings, rendered, in order, to disk as they come: they are merged with
    // the other runs' at the end.
    for (const f of this.service.validate(text, 'charges')) {
      if (f.start < prefixLength) {
        if (f.ruleId === 'data-period') sum.add({ ok: true, runs: 0, ranges: [], periodNote: f, periodCounts: ((f.data?.tables ?? []) as { table: string; findings: number }[]).map((t) => [t.table, t.findings]), dateNotes: [] });
        continue;
      }
      const lines = f.ruleId === 'date-of-service' && f.data && 'release' in f.data && typeof f.data.lines === 'number' ? f.data.lines : undefined;
      if (lines !== undefined) {
        // Kept until every part is checked: moved to the file's offsets, with each one's place.
        const placed = offsetsOf(f).map((o): [number, number, number] => {
          const p = document.positionAt(o);
          return [toFile(o), p.line, p.character];
        });
        f.start = toFile(f.start);
        f.end = toFile(f.end);
        for (const r of f.related ?? []) {
          r.start = toFile(r.start);
          r.end = toFile(r.end);
        }
        for (const x of f.fixes ?? []) {
          for (const e of x.edits) {
            e.start = toFile(e.start);
            e.end = toFile(e.end);
          }
        }
        sum.add({ ok: true, runs: 0, ranges: [], periodCounts: [], dateNotes: [[/^\d+ line\(s\) have no date/.test(f.message) ? 'undated' : 'outside', [f, placed], lines]] });
        continue;
      }
      writeRecord(records, toFile(f.start), toFile(f.end), f, document, this.render);
    }
    return true;
  }
}

/**
 * Checks the part files in the pool's workers and in this thread, which takes a part itself
 * whenever every worker holds all it may: the results in part order. A part a worker fails
 * on, or held when it stopped, is checked here.
 */
async function checkInPool(files: readonly string[], dir: string, context: PartContext, parallel: Parallel, here: (file: string) => PartResult): Promise<PartResult[]> {
  const results: PartResult[] = new Array(files.length);
  const waiting: Promise<void>[] = [];
  let failure: { error: unknown } | undefined;
  const settings = { ...parallel.settings, columns: context.forced };
  let next = 0;
  try {
    while (next < files.length) {
      const i = next++;
      const checked = parallel.pool.check({ context, settings, file: parallel.file, part: files[i], dir });
      if (!checked) {
        results[i] = here(files[i]);
        // Lets the workers' answers in, and hands them more parts.
        await new Promise(setImmediate);
        continue;
      }
      waiting.push(
        checked.then(
          (result) => {
            results[i] = result;
            fs.rmSync(files[i], { force: true });
          },
          (error: Error) => {
            if (!failure) {
              parallel.problem(`cpt-lens: a check worker failed on a part of ${parallel.file} (${error.message}); the main thread checks it`);
              try {
                results[i] = here(files[i]);
              } catch (e) {
                failure = { error: e };
              }
            }
          },
        ),
      );
    }
  } finally {
    // Nothing is left running in a worker on this file's parts.
    await Promise.all(waiting);
  }
  if (failure) throw failure.error;
  return results;
}

/** Every offset of a finding (the formats ask for the position of each). */
function offsetsOf(f: Finding): number[] {
  const out = [f.start, f.end];
  for (const r of f.related ?? []) out.push(r.start, r.end);
  for (const x of f.fixes ?? []) for (const e of x.edits) out.push(e.start, e.end);
  return out;
}

/** A document that places the offsets of one finding (those `toFile` placed). */
function placedDocument(placed: readonly [number, number, number][]): Pick<TextDocument, 'positionAt'> {
  return {
    positionAt(offset) {
      for (const [o, line, character] of placed) if (o === offset) return { line, character };
      return { line: 0, character: 0 };
    },
  };
}

/**
 * A rendered finding as the findings file holds it: its sort keys (compareFindings': start,
 * end, severity rank, rule id), then its text, each text after its length in bytes. The
 * text is written by the format straight into the file's buffer.
 */
function writeRecord(out: ByteWriter, start: number, end: number, f: Finding, document: Pick<TextDocument, 'positionAt'>, render: RenderTo): void {
  out.writeNumber(start);
  out.writeNumber(end);
  out.writeByte(SEVERITY_RANK[f.severity]);
  out.writeSized(f.ruleId);
  out.beginSized();
  render(f, document, out);
  out.endSized();
}

/** One range of the findings file, read a record at a time through a buffer of its own. */
class RecordReader {
  start = 0;
  end = 0;
  rank = 0;
  ruleId = '';
  buffer: Buffer;
  /** The current record's text: `buffer[textAt, textEnd)`. */
  textAt = 0;
  textEnd = 0;
  private at = 0;
  private length = 0;

  constructor(
    private readonly fd: number,
    private position: number,
    private readonly stop: number,
    private readonly size: number,
    /** The range's place among the ranges: it orders findings whose keys tie. */
    readonly index: number,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Reads the next record; false after the last. */
  next(): boolean {
    this.at = this.textEnd;
    if (!this.has(21)) return false;
    const idLength = this.buffer.readUInt32LE(this.at + 17);
    if (!this.has(25 + idLength)) throw new Error('the findings file ends inside a finding');
    const textLength = this.buffer.readUInt32LE(this.at + 21 + idLength);
    if (!this.has(25 + idLength + textLength)) throw new Error('the findings file ends inside a finding');
    const b = this.buffer;
    this.start = b.readDoubleLE(this.at);
    this.end = b.readDoubleLE(this.at + 8);
    this.rank = b[this.at + 16];
    this.ruleId = b.toString('latin1', this.at + 21, this.at + 21 + idLength);
    this.textAt = this.at + 25 + idLength;
    this.textEnd = this.textAt + textLength;
    return true;
  }

  /** Whether the buffer holds `n` bytes from `at`, reading them when not; false when the range ends first. */
  private has(n: number): boolean {
    if (this.length - this.at >= n) return true;
    const rest = this.length - this.at;
    if (rest === 0 && this.position >= this.stop) return false;
    // A record bigger than the buffer gets a buffer of its own, until the next read.
    const target = n > this.size ? Buffer.allocUnsafe(n) : this.buffer.length === this.size ? this.buffer : Buffer.allocUnsafe(this.size);
    this.buffer.copy(target, 0, this.at, this.length);
    this.buffer = target;
    this.at = 0;
    this.length = rest;
    while (this.length < n && this.position < this.stop) {
      const read = fs.readSync(this.fd, this.buffer, this.length, Math.min(this.buffer.length - this.length, this.stop - this.position), this.position);
      if (read === 0) break;
      this.position += read;
      this.length += read;
    }
    return this.length >= n;
  }
}

/** compareFindings on the records' keys; ties go to the earlier range (the whole-file sort is stable). */
function before(a: RecordReader, b: RecordReader): boolean {
  const c = a.start - b.start || a.end - b.end || a.rank - b.rank || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
  return c < 0 || (c === 0 && a.index < b.index);
}

/** Merges the ranges of the findings file, each in file order, into one, given to the sink a finding at a time. */
function merge(ranges: readonly Range[], sink: FindingSink, round: number): void {
  const size = Math.max(2 ** 12, Math.min(2 ** 16, Math.floor(MERGE_BYTES / Math.max(1, ranges.length))));
  // A binary heap of the ranges' next findings.
  const heads: RecordReader[] = [];
  const siftDown = (): void => {
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heads.length && before(heads[l], heads[m])) m = l;
      if (r < heads.length && before(heads[r], heads[m])) m = r;
      if (m === i) return;
      [heads[i], heads[m]] = [heads[m], heads[i]];
      i = m;
    }
  };
  for (const [i, [fd, start, stop]] of ranges.entries()) {
    const reader = new RecordReader(fd, start, stop, size, i);
    if (!reader.next()) continue;
    let at = heads.length;
    heads.push(reader);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(heads[at], heads[parent])) break;
      [heads[at], heads[parent]] = [heads[parent], heads[at]];
      at = parent;
    }
  }
  while (heads.length > 0) {
    const top = heads[0];
    sink(top.buffer, top.textAt, top.textEnd, SEVERITIES[top.rank], round);
    // The top reader's next finding sinks to its place; a finished reader leaves the heap.
    if (!top.next()) {
      const last = heads.pop()!;
      if (heads.length === 0) break;
      heads[0] = last;
    }
    siftDown();
  }
}

/** The header piece and data pieces as one text, as they would parse in the file. */
function joinPieces(prefix: RowPiece, pieces: readonly RowPiece[]): string {
  return [prefix.text, ...pieces.map((p) => p.text)].join('\n');
}

/** A part file's rows, in file order, and the hash of each row's claim key. */
function readPart(file: string): { pieces: RowPiece[]; claims: number[] } {
  const text = fs.readFileSync(file, 'utf8');
  const pieces: RowPiece[] = [];
  const claims: number[] = [];
  let pos = 0;
  // Each row's head is `start,line,length,claim\n`, four whole numbers read in place (a
  // slice, a split and four strings a row were most of the time).
  const numbers = [0, 0, 0, 0];
  while (pos < text.length) {
    for (let i = 0; i < 4; i++) {
      let n = 0;
      for (let c = text.charCodeAt(pos); c >= 48 && c <= 57; c = text.charCodeAt(++pos)) n = n * 10 + (c - 48);
      numbers[i] = n;
      pos++;
    }
    const [start, line, length, claim] = numbers;
    pieces.push({ text: text.slice(pos, pos + length), start, line, rowAt: 0 });
    claims.push(claim);
    pos += length;
  }
  return { pieces, claims };
}

/**
 * The part's rows cut into runs of at least `chars` characters (the last may be shorter)
 * where no claim has rows on both sides of a cut: `[from, to)` row indexes. Rows are told
 * apart by the hash of their claim key; two claims that share a hash stay in one run, which
 * is only a longer run. In a file not grouped by claim a run may be the whole part.
 */
export function claimRuns(pieces: readonly RowPiece[], claims: readonly number[], chars: number): [number, number][] {
  const last = new Map<number, number>();
  claims.forEach((claim, i) => last.set(claim, i));
  const runs: [number, number][] = [];
  let from = 0;
  let size = 0;
  let reach = 0;
  for (let i = 0; i < pieces.length; i++) {
    size += pieces[i].text.length;
    reach = Math.max(reach, last.get(claims[i])!);
    if (reach === i && (size >= chars || i === pieces.length - 1)) {
      runs.push([from, i + 1]);
      from = i + 1;
      size = 0;
    }
  }
  return runs;
}

/** Offset (within `text`) of the start of the line `offset` is on. */
function lastLineStart(text: string, offset: number): number {
  // Native searches: every offset of a million findings is placed, and a row has no break.
  const from = Math.min(offset, text.length) - 1;
  if (from < 0) return 0;
  return Math.max(text.lastIndexOf('\n', from), text.lastIndexOf('\r', from)) + 1;
}

/** A key cell's value as chargeFile.ts reads it (quotes undone, trimmed), '' when empty or missing. */
function cellValue(row: string, index: number, delimiter: string): string {
  const raw = rawCell(row, index, delimiter);
  if (!raw) return '';
  const cell: CsvCell = raw.quoted ? parseCsv(raw.text, delimiter).rows[0]?.cells[0] ?? { text: '', start: 0, end: 0, quoted: true } : { text: raw.text, start: 0, end: raw.text.length, quoted: false };
  return cellValueRange(cell).text;
}

function sameMap(a: ColumnMap, b: ColumnMap): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ColumnMap>;
  for (const k of keys) if (String(a[k]) !== String(b[k])) return false;
  return true;
}

/** FNV-1a over the key's UTF-16 units. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
