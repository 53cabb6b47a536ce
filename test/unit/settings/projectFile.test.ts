/** The one `.cptlens.json` reader the CLI and the server share (server/src/projectFile.ts). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_FILE, findProjectFile, readProjectFile } from '../../../server/src/projectFile';

describe('.cptlens.json: one reader for the CLI and the server', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-project-'));
  const deep = path.join(root, 'a', 'b');
  fs.mkdirSync(deep, { recursive: true });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the nearest file at or above a folder, and remembers the walk', () => {
    const file = path.join(root, 'a', PROJECT_FILE);
    fs.writeFileSync(file, '{}');
    const cache = new Map<string, string | undefined>();
    assert.equal(findProjectFile(deep, cache), file);
    assert.equal(cache.get(path.join(root, 'a', 'b')), file);
    fs.rmSync(file);
    assert.equal(findProjectFile(deep, cache), file, 'answered from the cache');
    assert.notEqual(findProjectFile(deep), file, 'a fresh walk sees the file gone');
  });

  it('keeps the valid settings, and names each problem: invalid values, unknown keys, unreadable files', () => {
    const file = path.join(root, PROJECT_FILE);
    fs.writeFileSync(file, JSON.stringify({ rules: { 'documentation-missing': 'off', 'no-such': 'error' }, colums: {}, maxFindingsPerFile: 10 }));
    const read = readProjectFile(file);
    assert.deepEqual(read.settings.rules, { 'documentation-missing': 'off' });
    assert.equal(read.settings.maxFindingsPerFile, 10);
    assert.equal(read.problems.length, 2, read.problems.join('\n'));
    assert.match(read.problems.join('\n'), /"colums" is not a setting/);
    assert.match(read.problems.join('\n'), /unknown rule "no-such"/);
    fs.writeFileSync(file, '{ not json');
    assert.match(readProjectFile(file).problems[0], /not valid JSON/);
    assert.match(readProjectFile(path.join(root, 'missing.json')).problems[0], /cannot read \(ENOENT\)/);
  });
});
