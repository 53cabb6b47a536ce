/**
 * The streaming check of big charge files (cli/streamCheck.ts) gives exactly the findings
 * and output of the whole-file check: files sorted and not sorted by claim, CRLF, a BOM,
 * quoted cells with line breaks and doubled quotes, comments, blank lines, ragged rows,
 * undated lines, claim ids beyond ASCII, several files in one run with --max-findings, and
 * the generated multi-vendor corpus (columns read from their values).
 * CPT_LENS_STREAM_BYTES=1 streams every file; CPT_LENS_PART_BYTES makes many small parts and
 * CPT_LENS_RUN_BYTES checks each in several runs; CPT_LENS_JOBS=2 has a worker thread check
 * parts beside the main thread (cli/checkPool.ts), 1 the main thread alone. A worker that
 * stops or fails leaves its parts to the main thread, with the same output.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultJobs } from '../../server/src/cli/check';
import { repoRoot } from '../golden/testCodeSet';

const bin = path.join(repoRoot, 'bin', 'cpt-lens.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-home-'));

/** A check of the whole file (`false`), or streamed with this many threads (`true`: 2). */
function check(args: string[], stream: boolean | number, extra: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const jobs = stream === true ? 2 : stream === false ? 1 : stream;
  const env = { ...process.env, HOME: home, CPT_LENS_STREAM_BYTES: stream !== false ? '1' : String(2 ** 40), CPT_LENS_PART_BYTES: '3000', CPT_LENS_RUN_BYTES: '700', CPT_LENS_STREAM_LOG: '1', CPT_LENS_JOBS: String(jobs), ...extra };
  const r = spawnSync(process.execPath, [bin, 'check', ...args], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let seed = 7;
const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

/** Claims of 1-6 lines with real codes, a mix of clean lines and findings. */
function lines(count: number): string[][] {
  const codes = [['99213', '25'], ['20610', ''], ['71046', '26'], ['47383', '22'], ['99214', ''], ['J1100', ''], ['11042', ''], ['11045', ''], ['27447', '50'], ['93000', ''], ['36415', ''], ['99213', '']];
  const dx = ['E11.9', 'I10', 'M25.561', 'C22.0', 'R05.9', 'M17.0'];
  const out: string[][] = [];
  for (let c = 1; out.length < count; c++) {
    const day = String(1 + (c % 28)).padStart(2, '0');
    for (let i = 0; i < 1 + (c % 6) && out.length < count; i++) {
      const [code, mod] = codes[(c * 7 + i * 3) % codes.length];
      const date = c % 97 === 0 ? '' : c % 89 === 0 ? '2025-13-45' : `2025-10-${day}`;
      out.push([`CLM${c}`, `PT${c % 40}`, date, code, mod, String(1 + (i % 2)), i % 3 ? '11' : '22', dx[(c + i) % dx.length], i % 4 === 0 ? `"said ""hi""\nthen left"` : 'plain']);
    }
  }
  return out;
}

function write(file: string, rows: string[][], options: { crlf?: boolean; bom?: boolean; extras?: boolean } = {}): void {
  const nl = options.crlf ? '\r\n' : '\n';
  const text: string[] = ['# cpt-lens-disable-next-line unknown-code', 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,note'];
  rows.forEach((r, i) => {
    if (options.extras && i % 50 === 10) text.push('# cpt-lens-disable-next-line duplicate-line: billed twice on purpose');
    if (options.extras && i % 70 === 20) text.push('# cpt-lens-disable-next-line no-such-rule');
    if (options.extras && i % 60 === 30) text.push('');
    // Claim ids beyond ASCII: a streamed finding's text is copied as the bytes it was stored as.
    const row = options.extras ? [r[0].replace('CLM', i % 2 ? 'CLMé' : 'CLM\u{1F3E5}'), ...r.slice(1)] : r;
    text.push(options.extras && i % 333 === 5 ? row.slice(0, 5).join(',') : row.join(','));
  });
  if (options.extras) text.push('# cpt-lens-disable-next-line: nothing follows');
  fs.writeFileSync(file, (options.bom ? '\ufeff' : '') + text.join(nl) + nl);
}

describe('cpt-lens check streaming a big charge file', function () {
  this.timeout(120000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-stream-'));
  const sorted = lines(900);
  const shuffled = sorted.map((r) => [random(), r] as const).sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  // Lines are grouped by patient (the first claim key), so parts are checked in several runs.
  const byPatient = [...sorted].sort((a, b) => Number(a[1].slice(2)) - Number(b[1].slice(2)));
  const files = {
    sorted: { rows: sorted, options: {} },
    'by-patient': { rows: byPatient, options: { extras: true } },
    shuffled: { rows: shuffled, options: {} },
    'crlf-bom-extras': { rows: sorted, options: { crlf: true, bom: true, extras: true } },
    'shuffled-crlf-extras': { rows: shuffled, options: { crlf: true, extras: true } },
  };
  for (const [name, { rows, options }] of Object.entries(files)) {
    it(`gives the whole-file check's output for ${name}`, () => {
      const file = path.join(dir, `${name}.csv`);
      write(file, rows, options);
      for (const format of name === 'shuffled-crlf-extras' ? ['json', 'text', 'junit', 'sarif', 'csv', 'github'] : ['json']) {
        const whole = check(['--format', format, file], false);
        assert.doesNotMatch(whole.err, /streamed/);
        assert.ok(whole.out.length > 1000, 'the file has findings');
        // With a worker beside the main thread, and (as on one core) the main thread alone.
        for (const jobs of name === 'shuffled' ? [2] : [2, 1]) {
          const streamed = check(['--format', format, file], jobs);
          const [, parts, runs, inWorkers] = /streamed .* in (\d+) parts, (\d+) runs, (\d+) parts in workers/.exec(streamed.err) ?? [];
          assert.ok(parts, 'the streaming path was taken');
          // The worker holds two parts from the start: it checks some whatever its speed.
          if (jobs === 2) assert.ok(Number(inWorkers) >= 2, `${inWorkers} of ${parts} parts in the worker`);
          else assert.equal(inWorkers, '0');
          // A file grouped by patient is checked in runs smaller than its parts.
          if (name === 'by-patient') assert.ok(Number(runs) > 2 * Number(parts), `${parts} parts, ${runs} runs`);
          assert.doesNotMatch(streamed.err, /check worker/);
          assert.equal(streamed.code, whole.code);
          assert.equal(streamed.out, whole.out, `${format}, ${jobs} thread(s)`);
        }
      }
    });
  }
  it("gives the whole-file check's output for several files in one run, with --max-findings", () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    write(a, sorted.slice(0, 400), { extras: true });
    write(b, shuffled.slice(0, 400), { crlf: true });
    for (const format of ['json', 'sarif', 'text', 'junit']) {
      for (const limit of [[], ['--max-findings', '150']]) {
        const whole = check(['--format', format, ...limit, a, b], false);
        const streamed = check(['--format', format, ...limit, a, b], format === 'junit' && limit.length === 0 ? 1 : 2);
        assert.equal((streamed.err.match(/streamed/g) ?? []).length, 2, 'both files were streamed');
        assert.ok(whole.out.length > 1000, 'the files have findings');
        assert.equal(streamed.code, whole.code);
        assert.equal(streamed.out, whole.out, `${format} ${limit.join(' ')}`);
        // The totals and what --max-findings left out.
        assert.equal(streamed.err.replace(/^streamed .*\n/gm, ''), whole.err);
        if (limit.length > 0 && format !== 'junit') assert.match(whole.err, /more finding\(s\) not shown/);
      }
    }
  });
  it("gives the whole-file check's output for the generated multi-vendor exports", () => {
    const corpus = path.join(dir, 'corpus');
    spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'generate-exports.mjs'), corpus, '--accounts', '300']);
    const csvs = fs.readdirSync(corpus).filter((f) => f.endsWith('.csv'));
    assert.ok(csvs.length >= 5);
    for (const f of csvs) {
      const file = path.join(corpus, f);
      const whole = check(['--format', 'json', file], false);
      const streamed = check(['--format', 'json', file], true);
      assert.match(streamed.err, /streamed/, f);
      assert.equal(streamed.out, whole.out, f);
    }
  });
  it('gives the same output when a worker stops or fails, and says so', () => {
    const file = path.join(dir, 'failing.csv');
    write(file, shuffled, { extras: true });
    const whole = check(['--format', 'sarif', file], false);
    for (const fail of ['exit', 'throw', 'load']) {
      const streamed = check(['--format', 'sarif', file], 2, { CPT_LENS_TEST_WORKER_FAIL: fail });
      assert.match(streamed.err, fail === 'throw' ? /a check worker failed on a part of .*failing\.csv \(asked to fail/ : /a check worker stopped \(.*\); the main thread checks its parts/, fail);
      assert.equal(streamed.code, whole.code, fail);
      assert.equal(streamed.out, whole.out, fail);
      // The worker's first part, before it stopped on its second, is kept; one that failed on a part goes on.
      if (fail === 'exit') assert.match(streamed.err, /, 1 parts in workers/);
      if (fail === 'throw') assert.match(streamed.err, /, [1-9]\d* parts in workers/);
      if (fail === 'load') assert.match(streamed.err, /, 0 parts in workers/);
    }
  });
  it('checks files of folders with different settings in one run, in the workers too', () => {
    const strict = path.join(dir, 'strict');
    const lax = path.join(dir, 'lax');
    fs.mkdirSync(strict, { recursive: true });
    fs.mkdirSync(lax, { recursive: true });
    // The lax folder turns a rule off and maps a column by an unusual header.
    fs.writeFileSync(path.join(lax, '.cptlens.json'), JSON.stringify({ rules: { 'duplicate-line': 'off', 'unknown-code': 'off' }, columns: { note: 'ignore' } }));
    write(path.join(strict, 'a.csv'), shuffled.slice(0, 500), { extras: true });
    write(path.join(lax, 'b.csv'), shuffled.slice(300), { extras: true });
    write(path.join(strict, 'c.csv'), sorted.slice(100, 600));
    const whole = check(['--format', 'json', strict, lax], false);
    const streamed = check(['--format', 'json', lax, strict], 3);
    const wholeLax = check(['--format', 'json', lax, strict], false);
    assert.notEqual(whole.out, wholeLax.out, 'the order of the files is the order given');
    assert.equal((streamed.err.match(/streamed/g) ?? []).length, 3);
    assert.equal((streamed.err.match(/, [1-9]\d* parts in workers/g) ?? []).length, 3, streamed.err);
    assert.equal(streamed.out, wholeLax.out);
    assert.equal(streamed.code, wholeLax.code);
  });
  it('takes --jobs and CPT_LENS_JOBS as a whole number of at least 1', () => {
    const file = path.join(dir, 'jobs.csv');
    write(file, sorted.slice(0, 300));
    const whole = check(['--format', 'json', file], false);
    assert.equal(check(['--format', 'json', '--jobs', '3', file], 1).out, whole.out);
    assert.equal(check(['--format', 'json', '--jobs=1', file], 4).out, whole.out);
    for (const bad of [['--jobs', '0'], ['--jobs', 'many'], ['--jobs=1.5']]) {
      const r = check([...bad, file], 2);
      assert.equal(r.code, 2, bad.join(' '));
      assert.match(r.err, /--jobs needs a whole number of at least 1/);
    }
    const env = check([file], true, { CPT_LENS_JOBS: '-1' });
    assert.equal(env.code, 2);
    assert.match(env.err, /CPT_LENS_JOBS needs a whole number/);
  });
  it('uses by default the main thread and a worker for an idle core, at most 2 threads', () => {
    assert.equal(defaultJobs(2, 0.1), 2);
    assert.equal(defaultJobs(2, 1), 2);
    assert.equal(defaultJobs(2, 1.5), 1);
    assert.equal(defaultJobs(2, 7), 1);
    assert.equal(defaultJobs(16, 3), 2);
    assert.equal(defaultJobs(1, 0), 1);
    assert.ok(defaultJobs() >= 1 && defaultJobs() <= 2);
  });
});
