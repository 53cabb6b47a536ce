import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runImport } from '../../../server/src/cli/import';
import { loadCodeSet } from '../../../server/src/codeset/load';
import { parseTabularXml, tabularNotes } from '../../../server/src/codeset/tabularNotes';
import { dataDir, fixturesDir } from './support';

const xmlFile = path.join(fixturesDir, 'icd10', 'synthetic-icd10cm-tabular.xml');

function cli(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runImport(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('ICD-10-CM tabular "code first" notes: cpt-lens import icd10-tabular (SYNTHETIC excerpt in the CMS XML layout)', function () {
  this.timeout(60000);

  it('reads the code-first notes of <diag> elements; a note applies to the codes under it', () => {
    const parsed = parseTabularXml(fs.readFileSync(xmlFile, 'utf8'));
    assert.equal(parsed.error, undefined);
    assert.equal(parsed.version, '2025');
    assert.deepEqual(parsed.notes.map((n) => n.code), ['D630', 'D631', 'F06']);
    const notes = tabularNotes('test', parsed.notes);
    assert.equal(notes.codeFirst('D63.1')?.note, 'underlying chronic kidney disease (CKD) (N18.-)');
    assert.equal(notes.codeFirst('F06.70')?.code, 'F06', 'inherited from the category');
    assert.equal(notes.codeFirst('D63.8'), undefined, 'the category D63 itself has no note here');
    assert.equal(notes.codeFirst('N18.4'), undefined);
  });

  it('leaves out notes that say "if applicable" or "if known", decodes entities, and refuses other XML', () => {
    // SYNTHETIC notes, written for this test only.
    const xml = '<ICD10CM.tabular><version>2025</version><chapter><name>1</name><diag><name>A00</name><desc>x</desc>'
      + '<codeFirst><note>SYNTHETIC, if applicable, any condition</note></codeFirst>'
      + '<diag><name>A00.0</name><desc>y</desc><codeFirst><note>SYNTHETIC &amp; made up</note></codeFirst></diag></diag></chapter></ICD10CM.tabular>';
    const parsed = parseTabularXml(xml);
    assert.deepEqual(parsed.notes, [{ code: 'A000', note: 'SYNTHETIC & made up' }]);
    assert.equal(parsed.conditional, 1);
    assert.match(parseTabularXml('<html><body>no</body></html>').error ?? '', /not the ICD-10-CM tabular/);
  });

  it('imports through the CLI into the user data folder, and the loaded code set answers', () => {
    const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-tabular-'));
    try {
      const result = cli(['icd10-tabular', xmlFile, '--out', userDir]);
      assert.deepEqual(result.err, []);
      assert.equal(result.code, 0);
      assert.match(result.out[0], /^ICD-10-CM tabular 2025 \(synthetic-icd10cm-tabular\.xml\): 3 "code first" notes/);
      assert.match(result.out.join('\n'), /declares itself synthetic/);
      const { codeSet, problems } = loadCodeSet({ dataDir, userDataDir: userDir });
      assert.deepEqual(problems, []);
      assert.equal(codeSet.tabularNotes?.()?.codeFirst('F06.70')?.code, 'F06');
      const bad = path.join(userDir, 'x.xml');
      fs.writeFileSync(bad, '<root/>');
      assert.equal(cli(['icd10-tabular', bad, '--out', userDir]).code, 2);
      assert.ok(loadCodeSet({ dataDir, userDataDir: userDir }).codeSet.tabularNotes?.(), 'the earlier import stays');
    } finally {
      fs.rmSync(userDir, { recursive: true, force: true });
    }
  });
});
