/**
 * `cpt-lens lookup CODE...` prints what the editor's hover shows for each code: a CPT or
 * HCPCS code (with attached modifiers, `47383-22`), a modifier, an ICD-10-CM code or a place
 * of service (`pos:11`); `--date YYYY-MM-DD` checks validity on a date of service.
 * `cpt-lens search WORDS...` finds codes by words ("cryo liver"), `--kind` procedure,
 * modifier, diagnosis or pos. Both print text, or `--format json`.
 */
import { loadCodeSet, userLoadOptions } from '../codeset/load';
import type { CodeSet, SearchKind } from '../codeset/types';
import { describeProcedure, describeDiagnosis, describeModifier, describePlaceOfService, excerpt } from '../service';
import type { CheckIo } from './check';

/** Markdown → plain text for a terminal: bold, escapes and horizontal rules dropped. */
export function plain(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1').replace(/^---$/gm, '').replace(/ {2}$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}

interface Looked {
  query: string;
  kind?: 'procedure' | 'modifier' | 'diagnosis' | 'pos';
  text?: string;
}

export function lookup(query: string, codeSet: CodeSet, date?: string): Looked {
  const q = query.trim().toUpperCase();
  const pos = /^POS:?(\d{2})$/.exec(q);
  if (pos) {
    const p = codeSet.placeOfService(pos[1]);
    return p ? { query, kind: 'pos', text: describePlaceOfService(p) } : { query };
  }
  const [code, ...modifiers] = q.split('-');
  const procedure = codeSet.procedure(code, date);
  if (procedure) return { query, kind: 'procedure', text: describeProcedure(procedure, modifiers, codeSet, date) };
  if (/^[A-Z0-9]{2}$/.test(q)) {
    const m = codeSet.modifier(q, date);
    if (m) return { query, kind: 'modifier', text: describeModifier(m, date) };
  }
  const d = codeSet.diagnosis(q);
  if (d) return { query, kind: 'diagnosis', text: describeDiagnosis(d, codeSet) };
  return { query };
}

function options(args: string[], io: CheckIo, names: string[]): { rest: string[]; values: Record<string, string> } | undefined {
  const rest: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const name = names.find((n) => args[i] === n || args[i].startsWith(`${n}=`));
    if (name) {
      const value = args[i] === name ? args[++i] : args[i].slice(name.length + 1);
      if (value === undefined) {
        io.err(`cpt-lens: ${name} needs a value`);
        return undefined;
      }
      values[name] = value;
    } else if (args[i].startsWith('--')) {
      io.err(`cpt-lens: unknown option ${args[i]}`);
      return undefined;
    } else rest.push(args[i]);
  }
  return { rest, values };
}

export function runLookup(args: string[], io: CheckIo): number {
  const read = options(args, io, ['--format', '--date']);
  if (!read || read.rest.length === 0) {
    io.err('usage: cpt-lens lookup [--format text|json] [--date YYYY-MM-DD] CODE...   (CODE: 47383, 47383-22, J1100, 59, E11.9, pos:11)');
    return 2;
  }
  const { codeSet } = loadCodeSet(userLoadOptions());
  const found = read.rest.map((q) => lookup(q, codeSet, read.values['--date']));
  if (read.values['--format'] === 'json') io.out(JSON.stringify(found.map((f) => ({ query: f.query, kind: f.kind ?? null, text: f.text ? plain(f.text) : null })), null, 2));
  else for (const f of found) io.out(f.text ? `${plain(f.text)}\n` : `${excerpt(f.query)}: not a code, modifier, diagnosis or place of service the loaded data knows.\n`);
  return found.every((f) => f.text) ? 0 : 1;
}

const KINDS: readonly SearchKind[] = ['procedure', 'modifier', 'diagnosis', 'pos'];

export function runSearch(args: string[], io: CheckIo): number {
  const read = options(args, io, ['--format', '--kind', '--limit']);
  const kind = (read?.values['--kind'] ?? 'procedure') as SearchKind;
  if (!read || read.rest.length === 0 || !KINDS.includes(kind)) {
    io.err(`usage: cpt-lens search [--kind ${KINDS.join('|')}] [--limit N] [--format text|json] WORDS...`);
    return 2;
  }
  const { codeSet } = loadCodeSet(userLoadOptions());
  const limit = Math.min(Math.max(1, Number(read.values['--limit'] ?? 20) || 20), 500);
  const hits = codeSet.search(read.rest.join(' '), kind, limit);
  if (read.values['--format'] === 'json') io.out(JSON.stringify(hits, null, 2));
  else for (const h of hits) io.out(`${h.code}\t${h.description}`);
  return hits.length > 0 ? 0 : 1;
}
