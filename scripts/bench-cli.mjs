// The CLI as a whole process (issue 13): `cpt-lens check --format json` on a generated export
// against papaparse parsing the same file, each its own process, time and peak memory
// (maximum resident set, from /usr/bin/time). Ratios, never timed assertions.
//   node scripts/bench-cli.mjs [--cli-lines N] [--ten-million] [--results FILE]
// --ten-million also checks a 10,000,000-line file (about 700 MB; takes minutes).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const option = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-bench-'));

/** Runs a command under /usr/bin/time: wall seconds, peak RSS in MB, exit status. */
function timed(args, env = process.env) {
  const out = path.join(dir, 'out');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', ...args], { cwd: root, env, stdio: ['ignore', fs.openSync(out, 'w'), 'pipe'], maxBuffer: 1 << 26 });
  const last = run.stderr.toString().trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  return { seconds, mb: kb / 1024, status: run.status, outputMb: fs.statSync(out).size / 1e6 };
}

function generate(lines) {
  const file = path.join(dir, `mixed-${lines}.csv`);
  const run = spawnSync(process.execPath, [path.join(root, 'dist', 'bench-charges.js'), '--write', file, '--lines', String(lines)], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('generating the export failed');
  return file;
}

const results = [];
try {
  if (!fs.existsSync('/usr/bin/time')) {
    console.log('bench-cli: /usr/bin/time not found (apt-get install time); skipped');
  } else {
    const sizes = [option('--cli-lines', 1_000_000), ...(process.argv.includes('--ten-million') ? [10_000_000] : [])];
    for (const lines of sizes) {
      const file = generate(lines);
      const mb = fs.statSync(file).size / 1e6;
      const papa = lines <= 2_000_000 ? timed([process.execPath, path.join(root, 'scripts', 'bench-papaparse.mjs'), file]) : undefined;
      const cli = timed([process.execPath, path.join(root, 'bin', 'cpt-lens.js'), 'check', '--format', 'json', file]);
      // The same with one thread (the default is every core, at most 2): the time and memory the workers trade.
      const one = lines <= 2_000_000 ? timed([process.execPath, path.join(root, 'bin', 'cpt-lens.js'), 'check', '--format', 'json', '--jobs', '1', file]) : undefined;
      // The same check with streaming off (the whole file in memory, as before issue 13), for comparison.
      const whole = lines <= 2_000_000 ? timed([process.execPath, path.join(root, 'bin', 'cpt-lens.js'), 'check', '--format', 'json', file], { ...process.env, CPT_LENS_STREAM_BYTES: String(2 ** 50) }) : undefined;
      console.log(`CLI whole process, ${lines} lines (${mb.toFixed(0)} MB), --format json:`);
      if (papa) console.log(`  papaparse whole process (baseline) ${papa.seconds.toFixed(1)} s, ${papa.mb.toFixed(0)} MB peak`);
      const ok = cli.status === 0 || cli.status === 1;
      console.log(`  cpt-lens check                     ${ok ? `${cli.seconds.toFixed(1)} s, ${cli.mb.toFixed(0)} MB peak, ${cli.outputMb.toFixed(0)} MB of JSON` : `FAILED (exit ${cli.status}) after ${cli.seconds} s, ${cli.mb.toFixed(0)} MB peak`}`);
      if (one) console.log(`  one thread (--jobs 1)              ${one.status === 0 || one.status === 1 ? `${one.seconds.toFixed(1)} s, ${one.mb.toFixed(0)} MB peak` : `FAILED (exit ${one.status})`}`);
      if (whole) console.log(`  streaming off (whole file)         ${whole.status === 0 || whole.status === 1 ? `${whole.seconds.toFixed(1)} s, ${whole.mb.toFixed(0)} MB peak` : `FAILED (exit ${whole.status})`}`);
      const result = { lines, fileMb: mb, cli: { ...cli, ok }, oneThread: one, papaparse: papa, whole };
      if (papa && ok) {
        result.timeRatio = cli.seconds / papa.seconds;
        result.memoryRatio = cli.mb / papa.mb;
        console.log(`  = ${result.timeRatio.toFixed(1)} × time (target ≤ 2.0), ${result.memoryRatio.toFixed(2)} × memory (target ≤ 1.0)`);
      }
      results.push(result);
      fs.rmSync(file);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const out = process.argv.includes('--results') ? process.argv[process.argv.indexOf('--results') + 1] : undefined;
if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
