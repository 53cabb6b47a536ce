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

  it('tells family members apart: the distinguishing phrase under the CMS descriptor, the family, neighbours and bundling', () => {
    const hoverOf = (code: string): string[] => {
      const { text, offset } = withCursor(`CPT ${code.slice(0, 3)}|${code.slice(3)}`);
      return (service.hover(text, offset)?.contents ?? '').split('\n').map((l) => l.trimEnd());
    };
    const h81 = hoverOf('29881');
    const h80 = hoverOf('29880');
    // The CMS short descriptors are the same; the second line is not.
    assert.equal(h81[0].replace('29881', ''), h80[0].replace('29880', ''));
    assert.match(h81[1], /^_Knee arthroscopy:_ meniscectomy in one compartment, medial OR lateral/);
    assert.match(h80[1], /^_Knee arthroscopy:_ meniscectomy in both compartments, medial AND lateral/);
    assert.ok(h81.includes('**Family:** Knee arthroscopy (29870–29889)'), h81.join('\n'));
    assert.ok(h81.some((l) => l.startsWith('- 29880: meniscectomy in both compartments')), 'the neighbours, to pick between');
    assert.ok(h81.some((l) => /^- Chondroplasty .* 29877 is not reported with 29880 or 29881 .*\(29877; CMS descriptors/.test(l)), 'the bundling fact with its basis');
    assert.ok(!hoverOf('29888').some((l) => l.startsWith('- Chondroplasty')), 'a bundling fact shows only on the codes it is about');
  });

  it('adds nothing for a code without a record', () => {
    const { text, offset } = withCursor('CPT 9921|3');
    assert.ok(!(service.hover(text, offset)?.contents ?? '').includes('Documentation to look for'));
  });
});
