/**
 * `cpt-lens check [--format text|json|sarif|csv|junit|github] [--config FILE] [--fix]
 * [--max-findings N] FILE|DIR|-...`: the same engine as the editor, for CI and batch use.
 * The formats (formats/, one module each) are written file by file as files are checked.
 * `-` reads standard input; `--fix` applies safe fixes and prints each change. Exit 1 when any
 * error was found, 0 when clean, 2 on usage, settings or I/O problems (after
 * checking everything it could).
 *
 * Settings come from `--config FILE`, else from the nearest `.cptlens.json` in the
 * checked file's folder or above it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../../package.json';
import { loadCodeSet, userLoadOptions } from '../codeset/load';
import { LanguageService, documentKindOf, getLanguageService, MAX_MESSAGE_LENGTH, excerpt, type Finding, type Severity, type CheckSettings } from '../service';
import { findProjectFile, readProjectFile } from '../projectFile';
import { ByteWriter } from './byteWriter';
import { FORMATS } from './formats';
import { CheckPool } from './checkPool';
import { FindingSink, STREAM_BYTES, StreamOptions, renderer, streamCheck } from './streamCheck';

/** Files a directory argument expands to. */
const CHECKED_EXTENSIONS = /\.(csv|tsv|tab|txt|md|markdown)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** A streamed file's findings given to a format at a time, when they are not copied as bytes. */
const BATCH = 2000;
/**
 * How far V8 lets each thread's heap grow past what the last full collection left, in
 * percent, once a file is streamed: by default garbage reached about four times the live
 * heap (a code set and one part's model) before the old generation was collected, and each
 * worker thread would add as much again. (On the 1M-line export, see CHANGELOG.md.)
 */
export const STREAM_HEAP_GROWTH = 50;
/**
 * Threads checking a streamed file's parts at most, unless `--jobs` or `CPT_LENS_JOBS` says:
 * the main thread and a worker (see `defaultJobs`). Two keep the peak below papaparse's on the
 * 1M-line export (437 MB against 558 MB); each more adds about 170 MB.
 */
export const MAX_DEFAULT_JOBS = 2;
type Format = keyof typeof FORMATS;

export interface CheckIo {
  out: (line: string) => void;
  /** Where `out` writes, for output written in bytes a megabyte at a time; else `out` gets it. */
  outBytes?: (bytes: Buffer) => void;
  err: (line: string) => void;
}

interface Options {
  format: Format;
  config?: string;
  targets: string[];
  /** Apply every safe fix to the files and print each change. */
  fix: boolean;
  /** Findings shown at most (0: all); totals and the exit code still count every one. */
  maxFindings: number;
  /** The name `-` (standard input) is checked as: its extension decides charge file or note. */
  stdinName: string;
  /** Threads that check a streamed file's parts: this one and `jobs - 1` workers. */
  jobs: number;
}

const USAGE = 'usage: cpt-lens check [--format text|json|sarif|csv|junit|github] [--config FILE] [--fix] [--max-findings N] [--stdin-name NAME] [--jobs N] FILE|DIR|-...';

/**
 * Threads for a big file's parts: the main thread and a worker for each core other work
 * leaves idle (by the one-minute load average; 0 where the system has none), at most
 * `MAX_DEFAULT_JOBS`, as each worker holds a code set and a part's model (about 170 MB at
 * peak). A worker pays only on an idle core: on 2 cores busy with other work (load 5-7) the
 * 1M-line export took 50-77 s with a worker against 41-62 s without.
 */
export function defaultJobs(cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length, load = os.loadavg()[0]): number {
  return Math.max(1, Math.min(MAX_DEFAULT_JOBS, cores, 1 + Math.floor(cores - load)));
}

function parseArgs(args: string[], io: CheckIo): Options | undefined {
  const options: Options = { format: 'text', targets: [], fix: false, maxFindings: 0, stdinName: 'stdin.csv', jobs: 0 };
  const jobs = (text: string | undefined, what: string): boolean => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) {
      io.err(`cpt-lens check: ${what} needs a whole number of at least 1`);
      return false;
    }
    options.jobs = n;
    return true;
  };
  if (process.env.CPT_LENS_JOBS && !jobs(process.env.CPT_LENS_JOBS, 'CPT_LENS_JOBS')) return undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string): string | undefined => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      if (arg === name) return args[++i];
      return undefined;
    };
    if (arg.startsWith('--format')) {
      const f = value('--format');
      if (!f || !Object.hasOwn(FORMATS, f)) {
        io.err(`cpt-lens check: --format must be one of ${Object.keys(FORMATS).join(', ')}`);
        return undefined;
      }
      options.format = f as Format;
    } else if (arg.startsWith('--config')) {
      const c = value('--config');
      if (!c) {
        io.err('cpt-lens check: --config needs a file');
        return undefined;
      }
      options.config = c;
    } else if (arg === '--fix') {
      options.fix = true;
    } else if (arg.startsWith('--max-findings')) {
      const n = Number(value('--max-findings'));
      if (!Number.isInteger(n) || n < 0) {
        io.err('cpt-lens check: --max-findings needs a whole number');
        return undefined;
      }
      options.maxFindings = n;
    } else if (arg.startsWith('--jobs')) {
      if (!jobs(value('--jobs'), '--jobs')) return undefined;
    } else if (arg.startsWith('--stdin-name')) {
      const n = value('--stdin-name');
      if (!n) {
        io.err('cpt-lens check: --stdin-name needs a file name');
        return undefined;
      }
      options.stdinName = n;
    } else if (arg.startsWith('--') && arg !== '--') {
      io.err(`cpt-lens check: unknown option ${arg}`);
      return undefined;
    } else if (arg !== '--') {
      options.targets.push(arg);
    }
  }
  if (options.targets.length === 0) {
    io.err(USAGE);
    return undefined;
  }
  options.jobs ||= defaultJobs();
  return options;
}

function expand(target: string, files: string[], io: CheckIo): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    io.err(`${target}: no such file or directory`);
    return false;
  }
  if (!stat.isDirectory()) {
    files.push(target);
    return true;
  }
  let ok = true;
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) ok = expand(full, files, io) && ok;
    } else if (CHECKED_EXTENSIONS.test(entry.name)) {
      files.push(full);
    }
  }
  return ok;
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/**
 * A file's text: UTF-16 (LE or BE) when it starts with that byte-order mark (Excel's
 * "Unicode text" export), else UTF-8 (invalid bytes become U+FFFD); undefined for a
 * binary file (a NUL in its first 8 KB).
 */
export function decodeText(bytes: Buffer): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2, bytes.length - (bytes.length % 2)).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return isBinary(bytes) ? undefined : bytes.toString('utf8');
}


export async function runCheck(args: string[], io: CheckIo): Promise<number> {
  const options = parseArgs(args, io);
  if (!options) return 2;
  // Bundled data plus what the user imported (~/.cptlens: NCCI edits, newer CMS tables).
  const load = userLoadOptions();
  const { codeSet, problems } = loadCodeSet(load);
  for (const p of problems) io.err(`${p.file}:${p.line}: ${excerpt(p.message, MAX_MESSAGE_LENGTH)}`);
  let problem = false;
  const services = new Map<string, { service: LanguageService; settings: CheckSettings }>();
  const configCache = new Map<string, string | undefined>();
  const configFor = (file: string): { service: LanguageService; settings: CheckSettings } => {
    const config = options.config ?? findProjectFile(path.dirname(file), configCache) ?? '';
    let entry = services.get(config);
    if (!entry) {
      const read = config ? readProjectFile(config) : { settings: {}, problems: [] };
      for (const p of read.problems) io.err(`${config}: ${p}`);
      if (read.problems.length > 0) problem = true;
      entry = { service: getLanguageService({ codeSet, settings: read.settings }), settings: read.settings };
      services.set(config, entry);
    }
    return entry;
  };
  const serviceFor = (file: string): LanguageService => configFor(file).service;
  // A charge file this big is read in chunks and checked in parts (streamCheck.ts), so memory
  // does not grow with the file; --fix and standard input are checked whole.
  const streamBytes = Number(process.env.CPT_LENS_STREAM_BYTES) || STREAM_BYTES;
  // Workers for big files' parts, started with the first (they load the code set while its rows are split into parts).
  let pool: CheckPool | undefined;
  const poolFor = (): CheckPool | undefined => {
    if (options.jobs > 1 && !pool && CheckPool.available()) pool = new CheckPool(options.jobs - 1, { load, format: options.format, version }, io.err);
    return pool && pool.size > 0 ? pool : undefined;
  };
  const streamed = async (file: string, render: StreamOptions['render'], sink: FindingSink, rounds: number): ReturnType<typeof streamCheck> => {
    if (file === '-' || options.fix || documentKindOf(file) !== 'charges') return undefined;
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return undefined;
    }
    if (size < streamBytes) return undefined;
    const { service, settings } = configFor(file);
    const partBytes = Number(process.env.CPT_LENS_PART_BYTES) || undefined;
    const runBytes = Number(process.env.CPT_LENS_RUN_BYTES) || undefined;
    // Process-wide and read at each collection: set before the workers start, it holds for them too.
    v8.setFlagsFromString(`--heap-growing-percent=${Number(process.env.CPT_LENS_HEAP_GROWTH ?? STREAM_HEAP_GROWTH)}`);
    const workers = poolFor();
    return await streamCheck(file, {
      service,
      codeSet,
      columns: settings.columns,
      partBytes,
      runBytes,
      render,
      rounds,
      serviceWithColumns: (columns) => getLanguageService({ codeSet, settings: { ...settings, columns } }),
      parallel: workers && { pool: workers, settings, file, problem: io.err },
    }, sink);
  };
  const files: string[] = [];
  for (const target of options.targets) problem = (target === '-' ? (files.push('-'), false) : !expand(target, files, io)) || problem;
  if (options.fix && files.includes('-')) {
    io.err('cpt-lens check: --fix writes files; it cannot fix standard input');
    return 2;
  }
  let shown = 0;
  let truncated = 0;
  const out = bufferedOut(io);
  const format = FORMATS[options.format]({ write: out.write, codeSet, version });
  const totals = { files: 0, errors: 0, warnings: 0 };
  format.begin();
  /** Counts a finding in the totals; whether it is shown (`--max-findings`). */
  const counted = (severity: Severity): boolean => {
    if (severity === 'error') totals.errors++;
    else if (severity === 'warning') totals.warnings++;
    if (options.maxFindings > 0 && shown >= options.maxFindings) {
      truncated++;
      return false;
    }
    shown++;
    return true;
  };
  /**
   * Counts a file's findings and gives the format those shown, rendered by `text(i)`: one at
   * a time when the format writes a line a finding (a million rendered findings held together
   * were gigabytes of strings), else all together.
   */
  const report = (name: string, severities: readonly Severity[], text: (i: number) => string): void => {
    if (format.lead) {
      for (let i = 0; i < severities.length; i++) if (counted(severities[i])) out.write(format.lead() + text(i));
      return;
    }
    const texts: string[] = [];
    for (let i = 0; i < severities.length; i++) if (counted(severities[i])) texts.push(text(i));
    format.file(name, texts);
  };
  try {
    for (const file of files) {
      // A streamed file's findings come one at a time, as bytes: a format with `lead` has them
      // copied to the output as they are; JUnit, which writes a file's count first, has them
      // counted in a first round and copied in a second (without byte output: in batches).
      let batch = { texts: [] as string[], severities: [] as Severity[] };
      const lead = format.lead?.bind(format);
      const counting = !lead && format.fileHead && format.fileTail && out.line ? { shown: 0, failing: 0, written: 0, headed: false } : undefined;
      const head = (): void => {
        if (counting && !counting.headed) format.fileHead!(file, counting.failing);
        if (counting) counting.headed = true;
      };
      const big = await streamed(file, renderer(format, file), (bytes, start, end, severity, round) => {
        if (lead && out.line) {
          if (counted(severity)) out.line(lead(), bytes, start, end);
          return;
        }
        if (counting && out.line) {
          if (round === 0) {
            // This file's shown findings are its first `shown` (--max-findings counts across files).
            if (counted(severity)) {
              counting.shown++;
              if (end > start) counting.failing++;
            }
          } else {
            head();
            if (counting.written++ < counting.shown && end > start) out.line('', bytes, start, end);
          }
          return;
        }
        batch.texts.push(bytes.toString('utf8', start, end));
        batch.severities.push(severity);
        if (lead && batch.texts.length === BATCH) {
          report(file, batch.severities, (i) => batch.texts[i]);
          batch = { texts: [], severities: [] };
        }
      }, counting ? 2 : 1).catch((error: Error) => {
        // A file that cannot be checked is told, and the other files are still checked.
        io.err(`${file}: cannot check (${excerpt(error.message, MAX_MESSAGE_LENGTH)})`);
        return null;
      });
      if (big === null) {
        problem = true;
        continue;
      }
      if (big) {
        totals.files++;
        if (counting) {
          head();
          format.fileTail!();
        } else report(file, batch.severities, (i) => batch.texts[i]);
        if (process.env.CPT_LENS_STREAM_LOG) io.err(`streamed ${file} in ${big.parts} parts, ${big.runs} runs, ${big.inWorkers} parts in workers`);
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
      } catch (error) {
        io.err(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        problem = true;
        continue;
      }
      let text = decodeText(bytes);
      if (text === undefined) {
        io.err(`${file}:1:1: skipped: binary file, not a charge file or note`);
        problem = true;
        continue;
      }
      const name = file === '-' ? options.stdinName : file;
      const service = serviceFor(file === '-' ? path.join(process.cwd(), options.stdinName) : file);
      let findings = service.validate(text, documentKindOf(name));
      const fixed = options.fix ? applySafeFixes(file, text, findings, io) : undefined;
      if (fixed !== undefined) {
        text = fixed;
        findings = service.validate(text, documentKindOf(name));
      }
      totals.files++;
      const document = TextDocument.create(name, '', 0, text);
      report(name, findings.map((f) => f.severity), (i) => format.render({ file: name, document }, findings[i]));
    }
  } finally {
    await pool?.close();
  }
  format.end(totals);
  out.flush();
  if (truncated > 0) io.err(`${truncated} more finding(s) not shown (--max-findings ${options.maxFindings}).`);
  const errors = totals.errors;
  const warnings = totals.warnings;
  io.err(`${totals.files} file(s) checked: ${errors} error(s), ${warnings} warning(s).`);
  if (problem) return 2;
  return errors > 0 ? 1 : 0;
}




/**
 * Output lines encoded into a buffer and written about a megabyte at a time: a streamed
 * export has a million findings, and a write (a system call to a file or pipe) per line of
 * them was seconds of the check. The bytes are those of writing each line on its own.
 */
function bufferedOut(io: CheckIo): {
  write: (line: string) => void;
  /** A line of `lead` and the UTF-8 text `text[start, end)`, copied (only with byte output). */
  line?: (lead: string, text: Buffer, start: number, end: number) => void;
  flush: () => void;
} {
  if (!io.outBytes) return { write: io.out, flush: () => undefined };
  const bytes = new ByteWriter(io.outBytes);
  return {
    write(line) {
      bytes.write(line);
      bytes.write('\n');
    },
    line(lead, text, start, end) {
      if (lead !== '') bytes.write(lead);
      bytes.writeBytes(text, start, end);
      bytes.write('\n');
    },
    flush: () => bytes.flush(),
  };
}

/**
 * `--fix`: applies the safe fixes of the findings (never one that needs clinical judgment),
 * later edits first, skipping any that overlaps one already applied; writes the file and prints
 * each change. Returns the fixed text, or undefined when nothing changed.
 */
function applySafeFixes(file: string, text: string, findings: readonly Finding[], io: CheckIo): string | undefined {
  const edits = findings.flatMap((f) => (f.fixes ?? []).filter((x) => x.safe).slice(0, 1).map((x) => ({ finding: f, fix: x })));
  if (edits.length === 0) return undefined;
  const flat = edits.flatMap(({ finding, fix }) => fix.edits.map((e) => ({ ...e, title: fix.title, ruleId: finding.ruleId }))).sort((a, b) => b.start - a.start || b.end - a.end);
  let fixed = text;
  let lowest = Infinity;
  const done: string[] = [];
  for (const e of flat) {
    if (e.end > lowest) continue;
    fixed = fixed.slice(0, e.start) + e.newText + fixed.slice(e.end);
    lowest = e.start;
    const line = text.slice(0, e.start).split('\n').length;
    done.push(`${file}:${line}: fixed ${e.ruleId}: ${e.title}`);
  }
  if (fixed === text) return undefined;
  fs.writeFileSync(file, fixed);
  for (const d of done.reverse()) io.err(d);
  return fixed;
}
