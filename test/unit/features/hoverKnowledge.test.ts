import * as assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/service/languageService';
import { bundledCodeSet, withCursor } from '../../support/codeSet';

describe('hover with a knowledge record', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });

  it('shows the plain-language summary and the documentation checklist after the CMS facts', () => {
    const { text, offset } = withCursor('CPT 4738|3');
    const contents = service.hover(text, offset)?.contents ?? '';
    const lines = contents.split('\n');
    assert.match(lines[0], /^\*\*47383\*\* Perq abltj lvr cryoablation/);
    const summary = lines.indexOf('**In plain words:** Freezing one or more liver tumors with a probe passed through the skin under imaging guidance.');
    assert.ok(summary > lines.findIndex((l) => l.startsWith('- PC/TC')), 'after the CMS indicators, which drive diagnostics');
    const checklist = lines.indexOf('**Documentation to look for**');
    assert.ok(checklist > summary);
    assert.equal(lines[checklist + 1], '- Pre-operative imaging showing tumor location and size');
    assert.ok(lines.includes('- Number of freeze-thaw cycles'));
  });

  it('adds nothing for a code without a record', () => {
    const { text, offset } = withCursor('CPT 9921|3');
    assert.ok(!(service.hover(text, offset)?.contents ?? '').includes('Documentation to look for'));
  });
});
