/**
 * `cpt-lens check [--format text|json|sarif] [--config FILE] FILE|DIR...`: the same
 * engine as the editor, for CI and batch use. Text prints
 * `path:line:col severity rule-id message`; JSON prints one array of findings with
 * their data and fixes; SARIF 2.1.0 is for code-scanning dashboards. Exit 1 when any
 * error was found, 0 when clean, 2 on usage, settings or I/O problems (after
 * checking everything it could).
 *
 * Settings come from `--config FILE`, else from the nearest `.cptlens.json` in the
 * checked file's folder or above it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../../package.json';
import { loadCodeSet, userLoadOptions } from '../codeset/load';
import type { CodeSet } from '../codeset/types';
import { LanguageService, documentKindOf, getLanguageService } from '../service/languageService';
import { RULES } from '../service/registry';
import type { Finding } from '../service/types';
import { findProjectFile, readProjectFile } from '../projectFile';
import { ruleDocUri } from '../ruleDocs';
import { MAX_MESSAGE_LENGTH, excerpt } from '../service/excerpt';

/** Files a directory argument expands to. */
const CHECKED_EXTENSIONS = /\.(csv|tsv|tab|txt|md|markdown)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export interface CheckIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Options {
  format: Format;
  config?: string;
  targets: string[];
}

function parseArgs(args: string[], io: CheckIo): Options | undefined {
  const options: Options = { format: 'text', targets: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (name: string): string | undefined => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      if (arg === name) return args[++i];
      return undefined;
    };
    if (arg.startsWith('--format')) {
      const f = value('--format');
      if (!f || !(FORMATS as readonly string[]).includes(f)) {
        io.err(`cpt-lens check: --format must be one of ${FORMATS.join(', ')}`);
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
    } else if (arg.startsWith('--') && arg !== '--') {
      io.err(`cpt-lens check: unknown option ${arg}`);
      return undefined;
    } else if (arg !== '--') {
      options.targets.push(arg);
    }
  }
  if (options.targets.length === 0) {
    io.err('usage: cpt-lens check [--format text|json|sarif] [--config FILE] FILE|DIR...');
    return undefined;
  }
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

interface FileResult {
  file: string;
  document: TextDocument;
  findings: Finding[];
}

export function runCheck(args: string[], io: CheckIo): number {
  const options = parseArgs(args, io);
  if (!options) return 2;
  // Bundled data plus what the user imported (~/.cptlens: NCCI edits, newer CMS tables).
  const { codeSet, problems } = loadCodeSet(userLoadOptions());
  for (const p of problems) io.err(`${p.file}:${p.line}: ${excerpt(p.message, MAX_MESSAGE_LENGTH)}`);
  let problem = false;
  const services = new Map<string, LanguageService>();
  const configCache = new Map<string, string | undefined>();
  const serviceFor = (file: string): LanguageService => {
    const config = options.config ?? findProjectFile(path.dirname(file), configCache) ?? '';
    let service = services.get(config);
    if (!service) {
      const read = config ? readProjectFile(config) : { settings: {}, problems: [] };
      for (const p of read.problems) io.err(`${config}: ${p}`);
      if (read.problems.length > 0) problem = true;
      service = getLanguageService({ codeSet, settings: read.settings });
      services.set(config, service);
    }
    return service;
  };
  const files: string[] = [];
  for (const target of options.targets) problem = !expand(target, files, io) || problem;
  const results: FileResult[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      io.err(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      problem = true;
      continue;
    }
    const text = decodeText(bytes);
    if (text === undefined) {
      io.err(`${file}:1:1: skipped: binary file, not a charge file or note`);
      problem = true;
      continue;
    }
    const document = TextDocument.create(file, '', 0, text);
    results.push({ file, document, findings: serviceFor(file).validate(text, documentKindOf(file)) });
  }
  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (options.format === 'text') {
    for (const { file, document, findings } of results) {
      for (const f of findings) {
        const pos = document.positionAt(f.start);
        io.out(`${file}:${pos.line + 1}:${pos.character + 1} ${f.severity} ${f.ruleId} ${f.message}`);
      }
    }
  } else if (options.format === 'json') {
    io.out(JSON.stringify(results.flatMap((r) => r.findings.map((f) => jsonFinding(r, f))), null, 2));
  } else {
    io.out(JSON.stringify(sarif(results, codeSet), null, 2));
  }
  io.err(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).`);
  if (problem) return 2;
  return errors > 0 ? 1 : 0;
}

/** One-based line and column, as editors and CI show them. */
function where(document: TextDocument, offset: number): { line: number; column: number } {
  const p = document.positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

function jsonFinding(r: FileResult, f: Finding): Record<string, unknown> {
  const start = where(r.document, f.start);
  const end = where(r.document, f.end);
  return {
    file: r.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: f.severity,
    ruleId: f.ruleId,
    message: f.message,
    ...(f.data ? { data: f.data } : {}),
    ...(f.fixes && f.fixes.length > 0
      ? { fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, edits: x.edits.map((e) => ({ start: where(r.document, e.start), end: where(r.document, e.end), newText: e.newText })) })) }
      : {}),
  };
}

const SARIF_LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarif(results: FileResult[], codeSet: CodeSet): Record<string, unknown> {
  const region = (document: TextDocument, start: number, end: number): Record<string, number> => {
    const a = where(document, start);
    const b = where(document, end);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cpt-lens',
            version,
            rules: RULES.map((r) => ({ id: r.id, shortDescription: { text: r.description }, helpUri: ruleDocUri(r.id), defaultConfiguration: { level: SARIF_LEVEL[r.severity] }, properties: { scope: r.scope } })),
            properties: { data: codeSet.version() },
          },
        },
        results: results.flatMap(({ file, document, findings }) =>
          findings.map((f) => ({
            ruleId: f.ruleId,
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: file.split(path.sep).join('/') }, region: region(document, f.start, f.end) } }],
            ...(f.fixes?.some((x) => x.safe)
              ? {
                  fixes: f.fixes
                    .filter((x) => x.safe)
                    .map((x) => ({
                      description: { text: x.title },
                      artifactChanges: [
                        {
                          artifactLocation: { uri: file.split(path.sep).join('/') },
                          replacements: x.edits.map((e) => ({ deletedRegion: region(document, e.start, e.end), insertedContent: { text: e.newText } })),
                        },
                      ],
                    })),
                }
              : {}),
            ...(f.data ? { properties: { data: f.data } } : {}),
          })),
        ),
      },
    ],
  };
}
