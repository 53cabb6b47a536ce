/**
 * The JSON format writes a finding's text itself, not through JSON.stringify of the whole
 * finding (formats/json.ts, `pretty`): it must give the bytes JSON.stringify gives, for every
 * kind of value a finding's data may hold, and leave what it cannot write to JSON.stringify.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonFinding, jsonFormat } from '../../server/src/cli/formats/json';
import type { Finding } from '../../server/src/service';

const text = 'a,b,c\n1,2,3\n"x\ny",5,6\n';
const document = TextDocument.create('file:///t.csv', 'csv', 0, text);
const checked = { file: 'C:\\charges\\"odd" näme\u2028.csv', document };
const render = jsonFormat({ write: () => undefined, codeSet: undefined as never, version: '0' }).render;
const expected = (f: Finding): string => {
  const t = JSON.stringify([jsonFinding(checked, f)], null, 2);
  return t.slice(4, t.length - 2);
};

const base: Finding = { ruleId: 'duplicate-line', severity: 'warning', start: 6, end: 7, message: 'plain message' };

const cases: [string, Finding][] = [
  ['the least a finding has', base],
  ['escapes in the message, lone surrogates and a pair', { ...base, message: 'quote " back \\ tab \t nl \n nul \u0000 lone \ud800 pair \ud83d\ude00 end' }],
  ['claim, charge with and without modifiers', { ...base, claim: 'Claim "C1"', charge: { code: '99213', modifiers: ['25', '59'] } }],
  ['a charge without modifiers', { ...base, charge: { code: '99213', modifiers: [] } }],
  ['related places, one across a quoted line break', { ...base, related: [{ start: 0, end: 1, message: 'first' }, { start: 16, end: 17, message: 'in "x\ny"' }] }],
  ['an empty related list', { ...base, related: [] }],
  [
    'nested data of every plain kind',
    {
      ...base,
      data: { s: 'x', n: 1.5, neg: -0, big: 1e21, small: 1e-7, nan: NaN, inf: -Infinity, t: true, f: false, nil: null, gone: undefined, list: [1, undefined, 'two', [], {}, [[null]]], deep: { a: { b: { c: [{ d: 'e' }] } } }, 'key "q"': 1, 2: 'numeric key' },
    },
  ],
  ['data the fast writer leaves to JSON.stringify (a Date, toJSON, a function in a list)', { ...base, data: { when: new Date(0), own: { toJSON: () => 'mine' }, list: [() => 1] } }],
  ['data of a class instance', { ...base, data: { map: new Map([[1, 2]]) as unknown as Record<string, unknown> } }],
  [
    'fixes with several edits, none, and one on another line',
    {
      ...base,
      fixes: [
        { title: 'Add "57"', safe: false, edits: [{ start: 8, end: 8, newText: ' 57' }] },
        { title: 'nothing', safe: true, edits: [] },
        { title: 'two', safe: true, edits: [{ start: 13, end: 19, newText: 'a\nb' }, { start: 20, end: 21, newText: '' }] },
      ],
    },
  ],
  ['an empty fix list (left out)', { ...base, fixes: [] }],
  ['a fix without its safe flag (JSON leaves the key out)', { ...base, fixes: [{ title: 't', safe: undefined as unknown as boolean, edits: [] }] }],
  ['a finding without a message (JSON leaves the key out)', { ...base, message: undefined as unknown as string }],
];

describe('cpt-lens check --format json: a finding written without JSON.stringify', () => {
  for (const [name, finding] of cases) {
    it(`gives JSON.stringify's bytes: ${name}`, () => {
      assert.equal(render(checked, finding), expected(finding));
    });
  }
});
