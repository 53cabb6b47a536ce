import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runImport } from '../../../server/src/cli/import';
import { loadCodeSet } from '../../../server/src/codeset/load';
import { parseModifierListFile } from '../../../server/src/codeset/modifierLists';
import { dataDir } from './support';

const listsDir = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'lists');

function cli(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runImport(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('CMS modifier lists: cpt-lens import therapy|jz (SYNTHETIC fixtures in the CMS layout)', function () {
  this.timeout(60000);
  let userDir: string;
  beforeEach(() => {
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-lists-'));
  });
  afterEach(() => fs.rmSync(userDir, { recursive: true, force: true }));

  it('reads the therapy list by header names: always and sometimes therapy, the discipline of an evaluation', () => {
    const parsed = parseModifierListFile('therapy', fs.readFileSync(path.join(listsDir, 'synthetic-therapy-code-list.csv'), 'utf8'));
    assert.equal(parsed.error, undefined);
    assert.deepEqual(parsed.problems, []);
    const byCode = new Map(parsed.entries.map((e) => [e.code, e]));
    assert.deepEqual(byCode.get('97110'), { code: '97110', status: 'always', modifiers: ['GP', 'GO', 'GN'] });
    assert.deepEqual(byCode.get('97161')?.modifiers, ['GP']);
    assert.deepEqual(byCode.get('97166')?.modifiers, ['GO']);
    assert.deepEqual(byCode.get('92521')?.modifiers, ['GN']);
    assert.equal(byCode.get('97597')?.status, 'sometimes');
    assert.match(parsed.title, /2025 Therapy Code List/);
  });

  it('columns in another order, tab-separated (an xlsx sheet), other dispositions left out, bad codes reported', () => {
    const text = 'SYNTHETIC\nModifier\tStatus\tCPT Code\n\tAlways therapy\t97140\nGN\talways therapy (GN)\t92522\n\tNot a therapy code (SYNTHETIC row)\t99213\n\tAlways\t9714\n';
    const parsed = parseModifierListFile('therapy', text);
    assert.deepEqual(parsed.entries.map((e) => [e.code, e.modifiers.join(' ')]), [['97140', 'GP GO GN'], ['92522', 'GN']]);
    assert.equal(parsed.ignored, 1);
    assert.deepEqual(parsed.problems.map((p) => p.line), [6]);
    assert.match(parseModifierListFile('therapy', 'HCPCS,Descriptor\n97110,x\n').error ?? '', /disposition column/);
  });

  it('imports both lists through the CLI, says the files are synthetic, and the loaded code set answers', () => {
    const therapy = cli(['therapy', path.join(listsDir, 'synthetic-therapy-code-list.csv'), '--out', userDir]);
    assert.deepEqual(therapy.err, []);
    assert.equal(therapy.code, 0);
    assert.match(therapy.out[0], /^always-therapy code list \(GP\/GO\/GN\): Therapy code list 2025 \(synthetic-therapy-code-list\.csv\): 13 codes/);
    assert.match(therapy.out.join('\n'), /declares itself synthetic/);
    const jz = cli(['jz', path.join(listsDir, 'synthetic-jz-drug-list.csv'), '--out', userDir]);
    assert.equal(jz.code, 0);
    assert.match(jz.out[0], /single-dose container drug list \(JW\/JZ\): Single-dose drug list 2025 .*: 5 codes/);
    const { codeSet, problems } = loadCodeSet({ dataDir, userDataDir: userDir });
    assert.deepEqual(problems, []);
    assert.equal(codeSet.modifierList?.('therapy')?.entry('97161')?.modifiers[0], 'GP');
    assert.match(codeSet.modifierList?.('therapy')?.synthetic ?? '', /SYNTHETIC/);
    assert.deepEqual(codeSet.modifierList?.('jz')?.entry('j9271')?.modifiers, ['JW', 'JZ']);
    assert.equal(codeSet.modifierList?.('jz')?.entry('J1100'), undefined);
  });

  it('a file that is not a list writes nothing and keeps the previous import', () => {
    assert.equal(cli(['jz', path.join(listsDir, 'synthetic-jz-drug-list.csv'), '--out', userDir]).code, 0);
    const bad = path.join(userDir, 'notes.txt');
    fs.writeFileSync(bad, 'just some words\nand more\n');
    const result = cli(['jz', bad, '--out', userDir]);
    assert.equal(result.code, 2);
    assert.match(result.err.join('\n'), /no header row/);
    assert.equal(loadCodeSet({ dataDir, userDataDir: userDir }).codeSet.modifierList?.('jz')?.entry('J9271')?.status, 'single-dose');
  });
});
