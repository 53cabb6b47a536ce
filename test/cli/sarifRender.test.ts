/**
 * The SARIF format writes a result's text itself, as bytes (formats/sarif.ts, `writeResult`),
 * not through JSON.stringify of a result object: it must give the bytes JSON.stringify gives,
 * for awkward text and every optional part, and leave what it cannot write to JSON.stringify.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sarifFormat, sarifResult } from '../../server/src/cli/formats/sarif';
import type { Finding } from '../../server/src/service';

const text = 'a,b,c\n1,2,3\n"x\ny",5,6\n';
const document = TextDocument.create('file:///t.csv', 'csv', 0, text);
const checked = { file: 'C:\\charges\\"odd" näme\u2028.csv', document };
const render = sarifFormat({ write: () => undefined, codeSet: undefined as never, version: '0' }).render;
const expected = (f: Finding): string => JSON.stringify(sarifResult(checked, f), null, 2);

const base: Finding = { ruleId: 'duplicate-line', severity: 'warning', start: 6, end: 7, message: 'plain message' };
const long = `a long message past the short-text loop ${'x'.repeat(100)}`;

const cases: [string, Finding][] = [
  ['the least a finding has', base],
  ['each severity', { ...base, severity: 'hint' }],
  ['escapes in the message, lone surrogates and a pair', { ...base, message: 'quote " back \\ tab \t nl \n cr \r ff \f bs \b nul \u0000 us \u001f del \u007f lone \ud800 low \udc00 pair \ud83d\ude00 end' }],
  ['a long plain message and a long one with a quote', { ...base, message: long, claim: `${long} "quoted"` }],
  ['unicode beyond ASCII, short and long', { ...base, message: `é ü \u2028 \uffff ${'中'.repeat(60)}`, claim: 'Claim é' }],
  ['the claim alone', { ...base, claim: 'Claim "C1"' }],
  ['data alone', { ...base, data: { code: '99213', n: 1.5, list: [1, null, 'x', [], {}], deep: { a: { b: [{}] } } } }],
  ['claim and data', { ...base, claim: 'Claim C1', data: { code: '99213' } }],
  ['related places, one across a quoted line break', { ...base, related: [{ start: 0, end: 1, message: 'first' }, { start: 16, end: 17, message: 'in "x\ny"' }] }],
  ['an empty related list', { ...base, related: [] }],
  [
    'safe and unsafe fixes, several edits, none',
    {
      ...base,
      fixes: [
        { title: 'unsafe "one"', safe: false, edits: [{ start: 8, end: 8, newText: ' 57' }] },
        { title: 'nothing', safe: true, edits: [] },
        { title: 'two', safe: true, edits: [{ start: 13, end: 19, newText: 'a\nb' }, { start: 20, end: 21, newText: '' }] },
      ],
    },
  ],
  ['only unsafe fixes (left out)', { ...base, fixes: [{ title: 'x', safe: false, edits: [] }] }],
  ['an empty fix list (left out)', { ...base, fixes: [] }],
  ['data the writer leaves to JSON.stringify (a Date, toJSON)', { ...base, claim: 'C', data: { when: new Date(0), own: { toJSON: () => 'mine' } } }],
  ['data of a class instance', { ...base, data: { map: new Map([[1, 2]]) as unknown as Record<string, unknown> } }],
  ['a finding without a message (JSON leaves the key out)', { ...base, message: undefined as unknown as string }],
  ['a related place without a message', { ...base, related: [{ start: 0, end: 1, message: undefined as unknown as string }] }],
  ['an unknown severity (no level)', { ...base, severity: 'fatal' as Finding['severity'] }],
];

describe('cpt-lens check --format sarif: a result written as bytes, without JSON.stringify', () => {
  for (const [name, finding] of cases) {
    it(`gives JSON.stringify's bytes: ${name}`, () => {
      assert.equal(render(checked, finding), expected(finding));
    });
  }
});
