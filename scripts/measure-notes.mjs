// Measures the note checks on the corpus test/fixtures/notes/corpus/ (or DIR): each note's
// first line says what a coder expects, `<!-- expect: none -->` or
// `<!-- expect: rule:element, ... -->`; the "missing" findings are those of
// documentation-missing, documentation-if-applicable, operative-report-element (element id)
// and modifier-justification (modifier). Prints per note and in total: complete notes →
// false "missing" findings; notes with gaps → expected, found, missed, extra; and the code
// findings (code-selection, bundled-code, quantity-out-of-range), false alarms on complete notes.
//   node scripts/build.mjs && node scripts/measure-notes.mjs [DIR] [--verbose]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dir = args.find((a) => !a.startsWith('--')) ?? path.join(root, 'test', 'fixtures', 'notes', 'corpus');
const MISSING_RULES = new Set(['documentation-missing', 'documentation-if-applicable', 'operative-report-element', 'modifier-justification']);

const files = fs.readdirSync(dir).filter((f) => /\.(md|txt)$/.test(f)).sort();
const run = spawnSync(process.execPath, [path.join(root, 'bin', 'cpt-lens.js'), 'check', '--format', 'json', '--max-findings', '0', ...files.map((f) => path.join(dir, f))], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (!run.stdout.trim().startsWith('[')) {
  process.stderr.write(run.stderr || run.stdout);
  process.exit(2);
}
const byFile = new Map();
const CODE_RULES = new Set(['code-selection', 'bundled-code', 'quantity-out-of-range']);
const codeFindings = new Map();
for (const f of JSON.parse(run.stdout)) {
  if (CODE_RULES.has(f.ruleId)) {
    const name = path.basename(f.file);
    if (!codeFindings.has(name)) codeFindings.set(name, []);
    codeFindings.get(name).push(`${f.ruleId} (${f.severity}): ${f.message}`);
  }
  if (!MISSING_RULES.has(f.ruleId)) continue;
  const key = `${f.ruleId}:${f.ruleId === 'modifier-justification' ? f.data?.modifier : f.data?.element}`;
  const name = path.basename(f.file);
  if (!byFile.has(name)) byFile.set(name, []);
  byFile.get(name).push(key);
}
const totals = { complete: 0, falseMissing: 0, gapNotes: 0, expected: 0, found: 0, missed: 0, extra: 0 };
for (const name of files) {
  const first = fs.readFileSync(path.join(dir, name), 'utf8').split('\n')[0];
  const m = /<!--\s*expect:\s*(.*?)\s*-->/.exec(first);
  if (!m) {
    process.stdout.write(`${name}: no <!-- expect: ... --> line; skipped\n`);
    continue;
  }
  const expected = m[1] === 'none' ? [] : m[1].split(/\s*,\s*/).filter(Boolean);
  const actual = byFile.get(name) ?? [];
  const missed = expected.filter((e) => !actual.includes(e));
  const extra = actual.filter((a) => !expected.includes(a));
  if (expected.length === 0) {
    totals.complete++;
    totals.falseMissing += actual.length;
  } else {
    totals.gapNotes++;
    totals.expected += expected.length;
    totals.found += expected.length - missed.length;
    totals.missed += missed.length;
    totals.extra += extra.length;
  }
  const ok = missed.length === 0 && extra.length === 0;
  if (verbose || !ok) {
    const kind = expected.length === 0 ? 'complete' : 'gaps';
    process.stdout.write(`${ok ? 'ok  ' : 'DIFF'} ${name} (${kind})${missed.length ? ` missed: ${missed.join(', ')}` : ''}${extra.length ? ` extra: ${extra.join(', ')}` : ''}\n`);
  }
}
process.stdout.write(`notes: ${files.length} (${totals.complete} complete, ${totals.gapNotes} with gaps)\n`);
process.stdout.write(`complete notes: false "missing" findings ${totals.falseMissing}\n`);
process.stdout.write(`notes with gaps: expected ${totals.expected}, found ${totals.found}, missed ${totals.missed}, extra ${totals.extra}\n`);
// Code findings (code-selection, bundled-code, quantity-out-of-range): on complete notes each is a false alarm.
const onComplete = files.filter((f) => f.includes('.complete.')).flatMap((f) => (codeFindings.get(f) ?? []).map((m) => `${f}: ${m}`));
process.stdout.write(`code findings (code-selection, bundled-code, quantity-out-of-range): ${onComplete.length} on complete notes, ${[...codeFindings.entries()].filter(([f]) => !f.includes('.complete.')).reduce((n, [, l]) => n + l.length, 0)} on notes with gaps\n`);
if (verbose || onComplete.length > 0) for (const line of onComplete) process.stdout.write(`  ${line}\n`);
if (verbose) for (const [f, l] of codeFindings) if (!f.includes('.complete.')) for (const m of l) process.stdout.write(`  ${f}: ${m}\n`);
