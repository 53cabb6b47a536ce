/** The work-list and CI formats of `cpt-lens check`, standard input, --max-findings and --fix. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'bin', 'cpt-lens.js');
const sample = path.join(root, 'test', 'fixtures', 'charges', 'columns-read.bad.csv');
const run = (args: string[], input?: string): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, [cli, 'check', ...args], { encoding: 'utf8', input });

/** A CSV row split by RFC 4180, independent of the product. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      rows[rows.length - 1].push(cell);
      cell = '';
      if (c === '\n') rows.push([]);
    } else cell += c;
  }
  if (cell !== '' || rows[rows.length - 1].length > 0) rows[rows.length - 1].push(cell);
  return rows.filter((r) => r.length > 1);
}

describe('cpt-lens check output formats', function () {
  this.timeout(60000);

  it('--format csv: a work list with the claim, code and modifiers of each finding', () => {
    const out = run(['--format', 'csv', sample]);
    assert.equal(out.status, 1);
    const rows = csvRows(out.stdout);
    assert.deepEqual(rows[0], ['file', 'line', 'column', 'claim', 'code', 'modifiers', 'rule', 'severity', 'message']);
    const global = rows.find((r) => r[6] === 'global-surgery');
    assert.deepEqual(global?.slice(3, 6), ['Account 70001', '99213', '']);
    assert.match(global?.[8] ?? '', /^Account 70001: 99213 is on the same date as 47383/);
  });

  it('--format json and sarif carry the claim and the related line', () => {
    const json = JSON.parse(run(['--format', 'json', sample]).stdout) as { ruleId: string; claim?: string; related?: { line: number }[] }[];
    const global = json.find((f) => f.ruleId === 'global-surgery');
    assert.equal(global?.claim, 'Account 70001');
    assert.equal(global?.related?.[0].line, 8);
    const sarif = JSON.parse(run(['--format', 'sarif', sample]).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'global-surgery');
    assert.equal(result.properties.claim, 'Account 70001');
    assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 8);
  });

  it('--format junit is XML with one failing test case per error or warning; github writes workflow annotations', () => {
    const junit = run(['--format', 'junit', sample]).stdout;
    assert.match(junit, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="cpt-lens">/);
    assert.equal((junit.match(/<failure /g) ?? []).length, 1);
    assert.match(junit, /<\/testsuites>\n$/);
    const github = run(['--format', 'github', sample]).stdout.trim().split('\n');
    assert.ok(github.some((l) => /^::error file=.*columns-read\.bad\.csv,line=10,col=18,.*title=cpt-lens global-surgery::Account 70001: /.test(l)), github.join('\n'));
    assert.ok(github.every((l) => /^::(error|warning|notice) /.test(l)));
  });

  it('reads standard input as -, and --max-findings limits what is shown, not what is counted', () => {
    const text = fs.readFileSync(sample, 'utf8');
    const all = run(['-'], text);
    assert.equal(all.status, 1);
    assert.match(all.stdout, /^stdin\.csv:10:18 error global-surgery/m);
    const one = run(['--max-findings', '1', '-'], text);
    assert.equal(one.stdout.trim().split('\n').length, 1);
    assert.match(one.stderr, /more finding\(s\) not shown/);
    assert.equal(one.status, 1, 'the error still counts');
  });

  it('--fix applies safe fixes only, prints each change and reports what is left', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-fix-'));
    try {
      const file = path.join(dir, 'claims.csv');
      // 5I reads as 51 (a safe fix); 99213 after 47383 needs judgment (25): never applied.
      const header = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1\n';
      const judged = 'C1,P1,2025-10-14,47383,,1,22,C22.0\nC1,P1,2025-10-14,99213,,1,22,C22.0\n';
      fs.writeFileSync(file, `${header}${judged}C2,P2,2025-10-14,47383,22 5I,1,22,C22.0\n`);
      const out = run(['--fix', file]);
      assert.equal(fs.readFileSync(file, 'utf8'), `${header}${judged}C2,P2,2025-10-14,47383,22 51,1,22,C22.0\n`);
      assert.match(out.stderr, /claims\.csv:4: fixed unknown-modifier: Change 5I to 51/);
      assert.match(out.stdout, /global-surgery/, 'what is left is reported');
      assert.doesNotMatch(out.stdout, /unknown-modifier/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cpt-lens lookup and search', function () {
  this.timeout(60000);
  const cmd = (args: string[]): { status: number | null; stdout: string } => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it('lookup prints the hover facts of codes, modifiers, diagnoses and places of service', () => {
    const out = cmd(['lookup', '47383-22', 'E11.9', 'pos:11']);
    assert.equal(out.status, 0);
    assert.match(out.stdout, /^47383 Perq abltj lvr cryoablation$/m);
    assert.match(out.stdout, /Global period: 010/);
    assert.doesNotMatch(out.stdout, /\*\*/, 'plain text, not Markdown');
    const json = JSON.parse(cmd(['lookup', '--format', 'json', '59', 'ZZZZZ']).stdout) as { query: string; kind: string | null }[];
    assert.deepEqual(json.map((j) => [j.query, j.kind]), [['59', 'modifier'], ['ZZZZZ', null]]);
    assert.equal(cmd(['lookup', 'ZZZZZ']).status, 1);
  });

  it('search finds codes by words', () => {
    const out = cmd(['search', 'cryo', 'liver']);
    assert.equal(out.status, 0);
    assert.ok(out.stdout.split('\n').slice(0, 3).some((l) => l.startsWith('47383\t')), out.stdout);
  });
});
