/**
 * The repository is the whole product: no script, test, source or CI file reads a path
 * outside it (a user's clone has nothing beside it). Scans every tracked text file that
 * runs (not prose: *.md may mention the team's folders).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const RUNNABLE = /\.(ts|js|mjs|cjs|json|sh|lua)$|^\.ci\/|^bin\//;
/** A path that leaves the repository: ../shared, a data-sources folder, or path.join/resolve(root, '..', ...). */
const OUTSIDE = [
  /\.\.\/shared\b/,
  /(?:join|resolve)\(\s*(?:root|repoRoot)\s*,\s*['"]\.\.['"]/,
  /\bdata-sources\b/,
];

/** Lines (1-based) of `text`, a file at `file` inside the repository, that name a path outside it. */
export function outsideReads(text: string, file = 'scripts/x.ts'): number[] {
  const hits: number[] = [];
  // Tests run compiled from out/test/..., one level deeper than their source.
  const dir = path.dirname(path.join(root, file.startsWith('test/') ? path.join('out', file) : file));
  text.split('\n').forEach((line, i) => {
    // A relative literal ('../../x') that resolves outside the root, as an import or a path.
    const escapes = [...line.matchAll(/['"`](\.\.\/[^'"`$]*)['"`]/g)].some((m) => path.relative(root, path.resolve(dir, m[1])).startsWith('..'));
    if (escapes || OUTSIDE.some((re) => re.test(line))) hits.push(i + 1);
  });
  return hits;
}

describe('the repository reads nothing outside itself', () => {
  it('flags the forms a path outside takes (so the scan below could fail)', () => {
    assert.deepEqual(outsideReads("const s = '../shared/data-sources';\nconst ok = 1;"), [1]);
    assert.deepEqual(outsideReads("path.resolve(repoRoot, '..', 'shared', 'x')"), [1]);
    assert.deepEqual(outsideReads("path.join(root, '..', 'other-project')"), [1]);
    assert.deepEqual(outsideReads("import x from '../../../../elsewhere/y';", 'test/unit/a.ts'), [1]);
    assert.deepEqual(outsideReads("import x from '../../../server/src/y';", 'test/unit/data/a.ts'), []);
    assert.deepEqual(outsideReads("path.join(root, 'data', 'sources')"), []);
  });

  it('no tracked script, test, source or CI file names a path outside the repository', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f && RUNNABLE.test(f));
    assert.ok(files.length > 100, `scanned only ${files.length} files`);
    const found: string[] = [];
    for (const file of files) {
      if (file === 'package-lock.json' || file.endsWith('selfContained.test.ts')) continue;
      const full = path.join(root, file);
      if (!fs.existsSync(full)) continue;
      for (const line of outsideReads(fs.readFileSync(full, 'utf8'), file)) found.push(`${file}:${line}`);
    }
    assert.deepEqual(found, []);
  });
});

describe('the .vsix leaves the CMS sources out', () => {
  it('.vscodeignore keeps data/ by file, never data/sources/', () => {
    const lines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    // vsce applies every "!" pattern after the ignores: a "!data/**" would bring the sources back.
    assert.ok(!lines.some((l) => /^!data\/\*\*/.test(l) || /^!data\/sources/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('!data/*') && lines.includes('!data/knowledge/**'));
  });
});
