// `npm run bench`: every benchmark, each in its own process, then issue 13's targets as one
// table of ratios against baselines measured in the same run (papaparse, csv-parse); writes
// bench/results.json. Never fails on timings.
//   npm run bench [-- --lines N --runs N --cli-lines N --ten-million]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
const part = (name) => path.join(root, 'bench', `${name}.json`);
const runs = [
  ['bench-charges.js', ['--results', part('charges')]],
  ['bench-data.js', []],
];
for (const [script, extra] of runs) {
  console.log(`\n=== ${script}`);
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'dist', script), ...process.argv.slice(2), ...extra], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = 1;
}
console.log('\n=== bench-cli.mjs');
const cliRun = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-cli.mjs'), ...process.argv.slice(2), '--results', part('cli')], { cwd: root, stdio: 'inherit' });
if (cliRun.status !== 0) process.exitCode = 1;

console.log('\n=== bench-editor.mjs (the server over LSP, 100k lines)');
const editorRun = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-editor.mjs'), '100000', '--results', part('editor')], { cwd: root, stdio: 'inherit' });
if (editorRun.status !== 0) process.exitCode = 1;

const read = (name) => (fs.existsSync(part(name)) ? JSON.parse(fs.readFileSync(part(name), 'utf8')) : []);
const charges = read('charges');
const cli = read('cli');
const rows = [];
for (const c of charges) rows.push([`full check in-process, ${c.lines} lines (${c.name}) vs papaparse parse-only`, `${c.vsPapaparse.toFixed(2)}× (${c.checkMs.toFixed(0)} / ${c.papaparseMs.toFixed(0)} ms)`, '≤ 1.0×']);
for (const c of cli) {
  if (c.papaparse && c.cli.ok) rows.push([`CLI ${c.lines} lines whole process vs papaparse whole process`, `${c.timeRatio.toFixed(1)}× time (${c.cli.seconds.toFixed(1)} / ${c.papaparse.seconds.toFixed(1)} s), ${c.memoryRatio.toFixed(2)}× memory (${c.cli.mb.toFixed(0)} / ${c.papaparse.mb.toFixed(0)} MB)`, '≤ 2.0× time, ≤ 1.0× memory']);
  if (c.papaparse && c.whole) {
    const failed = c.whole.status !== 0 && c.whole.status !== 1;
    rows.push([`  the same with streaming off (whole file in memory)`, failed ? `fails (exit ${c.whole.status}) at ${c.whole.mb.toFixed(0)} MB` : `${(c.whole.seconds / c.papaparse.seconds).toFixed(1)}× time (${c.whole.seconds.toFixed(1)} s), ${(c.whole.mb / c.papaparse.mb).toFixed(2)}× memory (${c.whole.mb.toFixed(0)} MB)`, '']);
  } else rows.push([`CLI ${c.lines} lines`, c.cli.ok ? `completes: ${c.cli.seconds.toFixed(1)} s, ${c.cli.mb.toFixed(0)} MB peak` : `fails (exit ${c.cli.status}, ${c.cli.mb.toFixed(0)} MB peak)`, 'completes, memory as for 1M']);
}
const editor = fs.existsSync(part('editor')) ? JSON.parse(fs.readFileSync(part('editor'), 'utf8')) : undefined;
if (editor) {
  const ms = (v) => `${v.toFixed(1)} ms`;
  rows.push([`server, ${editor.lines} lines: open → first diagnostics`, ms(editor.openToFirstDiagnosticsMs), '≤ 300 ms']);
  if (editor.openToCompleteDiagnosticsMs !== undefined) rows.push(['  open → complete diagnostics (whole file checked)', ms(editor.openToCompleteDiagnosticsMs), '']);
  rows.push(['one-cell edit → diagnostics (pull), typing session', `p50 ${ms(editor.editToDiagnostics.p50)}, p99 ${ms(editor.editToDiagnostics.p99)}`, '≤ 15 ms']);
  rows.push(['hover during typing', `p50 ${ms(editor.hover.p50)}, p99 ${ms(editor.hover.p99)}`, 'p99 ≤ 5 ms']);
  rows.push(['completion during typing', `p50 ${ms(editor.completion.p50)}, p99 ${ms(editor.completion.p99)}`, 'p99 ≤ 5 ms']);
  if (editor.clean) {
    rows.push(['  the same on a mostly clean 100k export: edit → diagnostics', `p50 ${ms(editor.clean.editToDiagnostics.p50)}, p99 ${ms(editor.clean.editToDiagnostics.p99)}`, '≤ 15 ms']);
    rows.push(['  hover / completion there', `p99 ${ms(editor.clean.hover.p99)} / ${ms(editor.clean.completion.p99)}`, 'p99 ≤ 5 ms']);
  }
  if (editor.memory.beforeMb !== undefined && editor.memory.afterMb !== undefined) {
    const growth = ((editor.memory.afterMb - editor.memory.beforeMb) / editor.memory.beforeMb) * 100;
    const settled = editor.memory.settledMb === undefined ? '' : `; ${editor.memory.settledMb.toFixed(0)} MB 5 s later (${(((editor.memory.settledMb - editor.memory.beforeMb) / editor.memory.beforeMb) * 100).toFixed(1)}%)`;
    rows.push([`server memory (RSS), after ${editor.memory.edits.toLocaleString('en-US')} edits`, `${editor.memory.beforeMb.toFixed(0)} → ${editor.memory.afterMb.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%)${settled}`, '≤ 250 MB, growth ≤ 10%']);
  }
}
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}`;
console.log(`\n=== issue 13 targets (${machine})`);
console.log('| what | measured | target |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
fs.writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify({ machine, date: new Date().toISOString(), charges, cli, editor }, null, 2) + '\n');
for (const name of ['charges', 'cli', 'editor']) fs.rmSync(part(name), { force: true });
