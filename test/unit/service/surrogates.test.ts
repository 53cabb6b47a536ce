/** No feature answers with a range that splits a surrogate pair, wherever the cursor is (issue 15). */
import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import type { DocumentKind } from '../../../server/src/service/types';
import { syntheticNcciCodeSet } from '../../golden/testCodeSet';

const splits = (text: string, offset: number): boolean =>
  offset > 0 && offset < text.length && /[\ud800-\udbff]/.test(text[offset - 1]) && /[\udc00-\udfff]/.test(text[offset]);

describe('emoji next to codes', () => {
  const service = getLanguageService({ codeSet: syntheticNcciCodeSet() });
  const docs: [DocumentKind, string][] = [
    ['charges', 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1\nC1,P1,2025-10-14,😀47383-😀2,😀51,1,😀2,C22.0😀\nC1,P1,2025-10-14,4738😀,5😀,1,2😀,😀\n'],
    ['note', 'CPT 😀47383-😀 and 4738😀 and 47383-5😀 and 😀😀 cryo😀liv 😀\n'],
  ];
  for (const [kind, text] of docs) {
    it(`completion and hover at every offset of a ${kind} file, mid-pair included, keep pairs whole`, () => {
      let items = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        for (const item of service.complete(text, offset, kind).items) {
          items++;
          assert.ok(!splits(text, item.edit.start) && !splits(text, item.edit.end), `completion "${item.label}" at ${offset}: ${item.edit.start}-${item.edit.end}`);
        }
        const hover = service.hover(text, offset, undefined, kind);
        if (hover) assert.ok(!splits(text, hover.start) && !splits(text, hover.end), `hover at ${offset}`);
      }
      assert.ok(items > 0, 'some completions were offered');
    });
  }
});
