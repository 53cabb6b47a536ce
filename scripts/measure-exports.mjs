// Counts, for a corpus from generate-exports.mjs, the claim findings (rules that compare lines)
// that sit on a planted line (found) and those that do not (false), per file.
//   node scripts/measure-exports.mjs OUTDIR [CLI]   (CLI: path to bin/cpt-lens.js; default this repo's)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
const cli = process.argv[3] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'cpt-lens.js');
const CLAIM_RULES = new Set(['global-surgery', 'duplicate-line', 'add-on-without-primary', 'ncci-ptp', 'mue', 'units', 'diagnosis-pointer']);
let totals = { planted: 0, found: 0, false: 0 };
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
  const problems = JSON.parse(fs.readFileSync(path.join(dir, file.replace(/\.csv$/, '.planted.json')), 'utf8'));
  const planted = new Set(problems.flat());
  const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json', path.join(dir, file)], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const findings = JSON.parse(run.stdout).filter((f) => CLAIM_RULES.has(f.ruleId) && f.severity !== 'information');
  const flagged = new Set(findings.map((f) => f.line));
  const found = problems.filter((lines) => lines.some((l) => flagged.has(l))).length;
  const wrong = findings.filter((f) => !planted.has(f.line)).length;
  const warned = JSON.parse(run.stdout).some((f) => f.ruleId === 'claim-grouping') ? ' (claim-grouping warning: lines checked alone)' : '';
  process.stdout.write(`${file.padEnd(22)} planted ${problems.length}, found ${found}, false claim findings ${wrong}${warned}\n`);
  totals = { planted: totals.planted + problems.length, found: totals.found + found, false: totals.false + wrong };
}
process.stdout.write(`total: planted ${totals.planted}, found ${totals.found}, false ${totals.false}\n`);
