/**
 * `cpt-lens check` (the built bundle, as a process) on damaged files in every output
 * format it offers (read from its own usage error, so a format added later is fuzzed
 * too). Properties: the exit code is 0, 1 or 2; exit 2 comes with a message and never a
 * stack trace; the output parses as its format says (JSON, SARIF, CSV, JUnit XML, GitHub
 * annotations, text lines); no output line echoes more than an excerpt of a cell.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { repoRoot } from '../golden/testCodeSet';
import { chargeText, documentBytes, encodingArb, flipsArb, noteText, params } from './generators';

const bin = path.join(repoRoot, 'bin', 'cpt-lens.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-fuzz-home-'));

function run(args: string[]): { code: number | null; out: string; err: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [bin, 'check', ...args], { encoding: 'utf8', env: { ...process.env, HOME: home }, maxBuffer: 1 << 30 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

/** Formats this test can parse; those the CLI offers are fuzzed (it refuses another with exit 2). */
const KNOWN_FORMATS = ['text', 'json', 'sarif', 'csv', 'junit', 'github'];

function formats(): string[] {
  const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-fuzz-formats-')), 'empty.csv');
  fs.writeFileSync(empty, 'cpt\n');
  return KNOWN_FORMATS.filter((format) => run(['--format', format, empty]).code !== 2);
}

/** Characters XML 1.0 forbids (JUnit readers reject the whole report on one of them). */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A small well-formedness check: balanced tags, quoted attributes, escaped text, no forbidden characters. */
function assertWellFormedXml(xml: string): void {
  assert.ok(!XML_FORBIDDEN.test(xml), 'a character XML 1.0 forbids');
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const token = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (let m; (m = token.exec(body)); ) {
    if (m[7]) assert.fail(`stray "<" at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    const text = m[6] ?? m[3] ?? '';
    assert.ok(!/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text), `unescaped & near ${m.index}`);
    if (!m[2]) continue;
    if (m[1]) assert.equal(stack.pop(), m[2], `closing </${m[2]}> at ${m.index}`);
    else if (!m[4]) stack.push(m[2]);
  }
  assert.deepEqual(stack, [], 'unclosed elements');
}

/** The output of one format parses as that format; returns its messages for the bound check. */
function assertParses(format: string, out: string, files: readonly string[]): void {
  switch (format) {
    case 'json': {
      const findings = JSON.parse(out) as { file: string; line: number; column: number; message: string }[];
      assert.ok(Array.isArray(findings));
      for (const f of findings) {
        assert.ok(files.includes(f.file), `finding for an unknown file ${f.file}`);
        assert.ok(f.line >= 1 && f.column >= 1, `line ${f.line} column ${f.column}`);
      }
      return;
    }
    case 'sarif': {
      const log = JSON.parse(out) as { version: string; runs: { results: { locations?: { physicalLocation: { region: { startLine: number; startColumn?: number } } }[] }[] }[] };
      assert.equal(log.version, '2.1.0');
      for (const r of log.runs[0].results) for (const l of r.locations ?? []) assert.ok(l.physicalLocation.region.startLine >= 1);
      return;
    }
    case 'csv': {
      const rows = parseCsv(out, { relax_column_count: false, bom: true }) as string[][];
      assert.ok(rows.length >= 1, 'a header row');
      return;
    }
    case 'junit':
      assertWellFormedXml(out);
      return;
    case 'github':
      for (const line of out.split('\n').filter((l) => l !== '')) assert.match(line, /^::(error|warning|notice)( [^:]*)?::/, 'a workflow command per line');
      return;
    case 'text':
      for (const line of out.split('\n').filter((l) => l !== '')) assert.match(line, /:\d+:\d+ (error|warning|information|hint) [a-z0-9-]+ /, 'path:line:col severity rule message');
      return;
    default:
      assert.fail(`no parser in the fuzz test for the new format "${format}": add one`);
  }
}

const fileArb = fc.record({
  kind: fc.constantFrom('csv', 'csv', 'csv', 'tsv', 'md', 'txt'),
  text: fc.oneof({ weight: 3, arbitrary: chargeText(false) }, { weight: 1, arbitrary: noteText(false) }),
  encoding: encodingArb,
  flips: flipsArb,
});

describe('fuzz: cpt-lens check', function () {
  this.timeout(0);
  const offered = formats();

  it('offers at least text, json and sarif', () => {
    for (const f of ['text', 'json', 'sarif']) assert.ok(offered.includes(f), `${f} in ${offered.join(', ')}`);
  });

  it('every format parses, exit codes are 0, 1 or 2, and exit 2 is explained without a stack trace', () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 8 }), (docs) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-fuzz-'));
        try {
          const files = docs.map((d, i) => {
            const file = path.join(dir, `doc${i}.${d.kind}`);
            fs.writeFileSync(file, documentBytes(d.text, d.encoding, d.flips));
            return file;
          });
          for (const format of offered) {
            const r = run(['--format', format, ...files]);
            assert.equal(r.signal, null, `${format}: killed by ${r.signal}`);
            assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `${format}: exit ${r.code}`);
            assert.ok(!/\n\s+at .+:\d+:\d+\)?\n/.test(r.err), `${format}: a stack trace on stderr:\n${r.err.slice(0, 2000)}`);
            if (r.code === 2) assert.match(r.err, /\S/, `${format}: exit 2 without a message`);
            assertParses(format, r.out, files);
            for (const line of r.out.split('\n')) assert.ok(line.length < 4000, `${format}: an output line of ${line.length} characters`);
          }
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      params(6),
    );
  });

  it('a huge cell, a 100,000-column row and a cell of 150,000 diagnoses: exit 0 or 1, bounded output in every format', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-fuzz-big-'));
    try {
      const header = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,dx_pointer\n';
      const files = [
        [`huge.csv`, `${header}C1,P1,2025-10-14,${'4'.repeat(3_000_000)},,1,11,E11.9,A\n`],
        [`wide.csv`, `${header}C1,P1,2025-10-14,47383,,1,11,E11.9,A${',47383'.repeat(100_000)}\n`],
        [`dx.csv`, `${header}C1,P1,2025-10-14,47383,,1,11,"${Array.from({ length: 150_000 }, () => 'E11.9').join(',')}",A\n`],
      ].map(([name, text]) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
      });
      for (const format of offered) {
        const r = run(['--format', format, ...files]);
        assert.ok(r.code === 0 || r.code === 1, `${format}: exit ${r.code}: ${r.err.slice(0, 500)}`);
        assertParses(format, r.out, files);
        assert.ok(!/4{41}/.test(r.out), `${format}: echoes more than 40 characters of the huge cell`);
        assert.ok(r.out.length < 5_000_000, `${format}: ${r.out.length} characters of output`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
