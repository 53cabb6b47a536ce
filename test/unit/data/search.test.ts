import * as assert from 'node:assert/strict';
import { bundled } from './support';

describe('search', () => {
  const { codeSet } = bundled();
  const codes = (words: string, kind: Parameters<typeof codeSet.search>[1] = 'procedure', limit = 5): string[] => codeSet.search(words, kind, limit).map((h) => h.code);

  it('ranks 47383 first or second for "cryo liver"', () => {
    assert.ok(codes('cryo liver').slice(0, 2).includes('47383'), codes('cryo liver').join(' '));
  });

  it('puts code-prefix matches first, in code order', () => {
    assert.deepEqual(codes('4738'), ['47380', '47381', '47382', '47383']);
    assert.equal(codes('j110')[0], 'J1100');
  });

  it('matches descriptor words by prefix, through HCPCS long descriptions and short-descriptor abbreviations', () => {
    assert.ok(codes('dexameth', 'procedure', 20).includes('J1100'));
    assert.ok(codes('percutaneous liver ablation', 'procedure', 5).includes('47383'));
  });

  it('searches diagnoses, modifiers and places of service', () => {
    assert.equal(codes('E11.9', 'diagnosis', 1)[0], 'E119');
    assert.ok(codes('type 2 diabetes without complications', 'diagnosis', 5).includes('E119'));
    assert.equal(codes('distinct procedural', 'modifier', 1)[0], '59');
    assert.equal(codes('ambulatory surgical', 'pos', 1)[0], '24');
  });

  it('respects the limit and returns nothing for nothing', () => {
    assert.equal(codeSet.search('liver', 'procedure', 3).length, 3);
    assert.deepEqual(codeSet.search('   ', 'procedure', 3), []);
    assert.deepEqual(codeSet.search('zzqqxx', 'procedure', 3), []);
  });
});
