/**
 * `cpt-lens check FILE|DIR...`: the same engine as the editor, for CI and batch use.
 * Prints `path:line:col severity rule-id message`; exit 1 when any error was found,
 * 0 when clean, 2 on usage or I/O problems (after checking everything it could).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadCodeSet } from '../codeset/load';
import { documentKindOf, getLanguageService } from '../service/languageService';

/** Files a directory argument expands to. */
const CHECKED_EXTENSIONS = /\.(csv|tsv|tab|txt|md|markdown)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface CheckIo {
  out: (line: string) => void;
  err: (line: string) => void;
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

export function runCheck(targets: string[], io: CheckIo): number {
  if (targets.length === 0) {
    io.err('usage: cpt-lens check FILE|DIR...');
    return 2;
  }
  const { codeSet, problems } = loadCodeSet();
  for (const p of problems) io.err(`${p.file}:${p.line}: ${p.message}`);
  const service = getLanguageService({ codeSet });
  const files: string[] = [];
  let ioProblem = false;
  for (const target of targets) ioProblem = !expand(target, files, io) || ioProblem;
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      io.err(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      ioProblem = true;
      continue;
    }
    if (isBinary(bytes)) {
      io.err(`${file}:1:1: skipped: binary file, not a charge file or note`);
      ioProblem = true;
      continue;
    }
    const text = bytes.toString('utf8');
    const document = TextDocument.create(file, '', 0, text);
    for (const finding of service.validate(text, documentKindOf(file))) {
      const pos = document.positionAt(finding.start);
      io.out(`${file}:${pos.line + 1}:${pos.character + 1} ${finding.severity} ${finding.ruleId} ${finding.message}`);
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
  }
  io.err(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s).`);
  if (ioProblem) return 2;
  return errors > 0 ? 1 : 0;
}
