/**
 * Hostile settings files and knowledge folders (issue 15): huge, deeply nested, or with
 * `__proto__` / `constructor` keys. Each is rejected with a message, nothing throws, and
 * no prototype anywhere changes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_JSON_DEPTH, parseJsonWithLines } from '../../../server/src/codeset/knowledge/jsonLines';
import { MAX_KNOWLEDGE_FILE_BYTES, readKnowledgeFolder } from '../../../server/src/codeset/knowledge/loadRecords';
import type { DataProblem } from '../../../server/src/codeset/compiled';
import { readProjectFile } from '../../../server/src/projectFile';
import { parseChargeFile } from '../../../server/src/service/documents/chargeFile';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('hostile .cptlens.json', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-hostile-'));
  const read = (name: string, text: string): ReturnType<typeof readProjectFile> => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return readProjectFile(file);
  };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rejects a huge file without parsing it', () => {
    const r = read('huge.json', `{"rules":{${Array.from({ length: 40_000 }, (_, i) => `"r${i}":"off"`).join(',')}}}`);
    assert.deepEqual(r.settings, {});
    assert.match(r.problems.join('\n'), /too large \(\d+ characters; a settings file is at most 262144\); not read/);
  });
  it('rejects deep nesting, however deep, with a message', () => {
    for (const depth of [20, 100_000]) {
      const r = read(`deep${depth}.json`, `{"rules":{"units":${nested(depth)}}}`);
      assert.deepEqual(r.settings, {});
      assert.match(r.problems.join('\n'), /nested more than 8 levels deep|not valid JSON/);
    }
  });
  it('rejects __proto__, constructor and prototype keys, and no prototype changes', () => {
    const r = read('proto.json', '{"__proto__":{"rules":{"units":"off"}},"rules":{"__proto__":"off","constructor":"off","units":"warning"},"columns":{"__proto__":"code","constructor":"code","prototype":"units","Svc Cd":"code"}}');
    const problems = r.problems.join('\n');
    assert.match(problems, /"__proto__" is not a setting a project file may set/);
    assert.match(problems, /rules: the key "__proto__" is not allowed/);
    assert.match(problems, /rules: the key "constructor" is not allowed/);
    assert.match(problems, /columns: the header "__proto__" is not allowed as a key/);
    assert.match(problems, /columns: the header "prototype" is not allowed as a key/);
    assert.deepEqual(r.settings.rules, { units: 'warning' });
    assert.deepEqual(Object.keys(r.settings.columns ?? {}), ['Svc Cd']);
    assert.equal(Object.getPrototypeOf(r.settings.columns), Object.prototype);
    assert.equal(({} as Record<string, unknown>).rules, undefined, 'Object.prototype untouched');
    // A charge file whose header is "constructor" reads it as an unknown column, not as a role.
    const file = parseChargeFile('constructor,cpt\nx,47383\n', { columns: r.settings.columns });
    assert.equal(file.columns.code?.[0], 1);
  });
  it('quotes a long or nested bad value in a few characters', () => {
    const r = read('long.json', JSON.stringify({ rules: { units: 'x'.repeat(100_000) }, columns: { ['h'.repeat(100_000)]: ['a', ['b']] } }));
    for (const p of r.problems) assert.ok(p.length < 200, `${p.length}: ${p.slice(0, 100)}`);
  });
});

describe('hostile knowledge folders', () => {
  it('a knowledge file nested deeper than the parser allows is a syntax error with its line, not a stack overflow', () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 200_000]) {
      const parsed = parseJsonWithLines(`{"code":"47383","documentation":${nested(depth)}}`);
      assert.equal(parsed.value, undefined);
      assert.match(parsed.error?.message ?? '', /nested more than 64 levels deep/);
    }
  });
  it('refuses __proto__, constructor and prototype keys', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const parsed = parseJsonWithLines(`{\n"code": "47383",\n"${key}": {"summary": "x"}\n}`);
      assert.equal(parsed.error?.message, `JSON syntax: the key "${key}" is not allowed`);
      assert.equal(parsed.error?.line, 3);
    }
  });
  it('skips a huge file with a message and reads the others', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-knowledge-'));
    try {
      fs.writeFileSync(path.join(dir, 'a-huge.json'), `{"code":"47383","summary":"${'x'.repeat(MAX_KNOWLEDGE_FILE_BYTES)}"}`);
      fs.writeFileSync(path.join(dir, 'b-proto.json'), '{"code":"99213","__proto__":{"summary":"polluted"}}');
      fs.writeFileSync(path.join(dir, 'c-deep.json'), `{"code":"99214","documentation":${nested(100_000)}}`);
      const problems: DataProblem[] = [];
      const records = readKnowledgeFolder(dir, undefined, problems);
      const said = problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`).join('\n');
      assert.match(said, /a-huge\.json:1: too large \(\d+ bytes; a knowledge file is at most 1048576\); skipped\./);
      assert.match(said, /b-proto\.json:1: JSON syntax: the key "__proto__" is not allowed; file skipped\./);
      assert.match(said, /c-deep\.json:1: JSON syntax: nested more than 64 levels deep; file skipped\./);
      assert.deepEqual(records, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
