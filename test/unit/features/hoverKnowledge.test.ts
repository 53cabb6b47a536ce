import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import { bundledCodeSet, withCursor } from '../../support/codeSet';

describe('hover with a knowledge record', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });

  it('puts the plain-language summary under the descriptor and ends with the documentation checklist', () => {
    const { text, offset } = withCursor('CPT 4738|3');
    const contents = service.hover(text, offset)?.contents ?? '';
    const lines = contents.split('\n');
    assert.match(lines[0], /^\*\*47383\*\* Perq abltj lvr cryoablation/);
    assert.equal(lines[2], 'Freezing one or more liver tumors with a probe passed through the skin under imaging guidance.');
    const checklist = lines.indexOf('**Documentation checklist**');
    assert.ok(checklist > lines.findIndex((l) => l.startsWith('- PC/TC')), 'after the CMS indicators, which drive diagnostics');
    assert.equal(lines[checklist + 1], '- Pre-operative imaging showing tumor location and size');
    assert.ok(lines.includes('- Number of freeze-thaw cycles'));
  });

  it('adds nothing for a code without a record', () => {
    const { text, offset } = withCursor('CPT 9921|3');
    assert.ok(!(service.hover(text, offset)?.contents ?? '').includes('Documentation checklist'));
  });
});
