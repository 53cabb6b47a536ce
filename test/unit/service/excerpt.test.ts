/** Bounded messages: no finding, hover or data echoes more than an excerpt of a cell (issue 15). */
import * as assert from 'node:assert/strict';
import { EXCERPT_LENGTH, MAX_MESSAGE_LENGTH, boundFinding, excerpt, excerptList } from '../../../server/src/service/excerpt';
import { getLanguageService } from '../../../server/src/service/languageService';
import { applySeverity } from '../../../server/src/service/registry';
import { syntheticNcciCodeSet } from '../../golden/testCodeSet';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,dx_pointer';

/** The longest run of `ch` in `text`. */
function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

describe('excerpt', () => {
  it('keeps short text and cuts long text to 40 characters, an ellipsis and the length', () => {
    assert.equal(excerpt('47383'), '47383');
    assert.equal(excerpt('x'.repeat(40)), 'x'.repeat(40));
    assert.equal(excerpt('x'.repeat(3_000_000)), `${'x'.repeat(EXCERPT_LENGTH)}… (3000000 characters)`);
  });
  it('never ends inside a surrogate pair', () => {
    const text = `${'a'.repeat(39)}😀${'b'.repeat(10)}`;
    const cut = excerpt(text);
    assert.equal(cut, `${'a'.repeat(39)}… (51 characters)`);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut));
  });
  it('cuts a long list and says how many items it had', () => {
    assert.equal(excerptList(['22', '51']), '22, 51');
    const cut = excerptList(Array.from({ length: 1000 }, () => 'XS'), '-');
    assert.ok(cut.length < 80, cut);
    assert.match(cut, /… \(1000 in all\)$/);
  });
  it('bounds a finding whose rule echoed a whole cell, at the one path every finding takes', () => {
    const cell = 'Z'.repeat(1_000_000);
    const finding = applySeverity(
      { ruleId: 'unknown-code', severity: 'error', start: 0, end: 1, message: `"${cell}" is bad`, data: { cell, list: Array.from({ length: 5000 }, () => cell) }, fixes: [{ title: `Change ${cell}`, safe: false, edits: [] }] },
      undefined,
    );
    assert.ok(finding.message.length <= MAX_MESSAGE_LENGTH + 30, `${finding.message.length}`);
    assert.ok(JSON.stringify(finding.data).length < 20_000, `${JSON.stringify(finding.data).length}`);
    assert.ok(finding.fixes![0].title.length < 250);
  });
  it('leaves a finding within the bounds untouched', () => {
    const data = { code: '47383' };
    const finding = { ruleId: 'unknown-code', severity: 'error' as const, start: 0, end: 5, message: 'short', data };
    assert.equal(boundFinding(finding).data, data);
    assert.equal(finding.message, 'short');
  });

  it('one damaged cell makes at most 20 findings of a rule, the last counting the rest', () => {
    const service = getLanguageService({ codeSet: syntheticNcciCodeSet() });
    const text = `${HEADER}\nC1,P1,2025-10-14,47383,,1,11,E11.9,${'X'.repeat(300_000)}\nC2,P2,2025-10-14,47383,${Array.from({ length: 100_000 }, () => 'ZZ').join('-')},1,11,E11.9,A\n`;
    const findings = service.validate(text, 'charges');
    const pointer = findings.filter((f) => f.ruleId === 'diagnosis-pointer');
    assert.equal(pointer.length, 20);
    assert.match(pointer[19].message, /\(299980 more like it on this line are not listed\)$/);
    assert.equal(pointer[19].data?.moreOnThisLine, 299_980);
    assert.equal(findings.filter((f) => f.ruleId === 'duplicate-modifier').length, 20);
    assert.ok(findings.length < 100, `${findings.length} findings`);
  });

  describe('a 3 MB cell in every column', () => {
    const service = getLanguageService({ codeSet: syntheticNcciCodeSet() });
    const huge = 'X'.repeat(3_000_000);
    const rows = [
      `C1,P1,2025-10-14,${huge},,1,11,E11.9,A`,
      `C2,P2,2025-10-14,47383,${huge},1,11,E11.9,A`,
      `C3,P3,${huge},47383,,1,11,E11.9,A`,
      `C4,P4,2025-10-14,47383,,${huge},11,E11.9,A`,
      `C5,P5,2025-10-14,47383,,1,${huge},E11.9,A`,
      `C6,P6,2025-10-14,47383,,1,11,${huge},A`,
      `C7,P7,2025-10-14,47383,,1,11,E11.9,${huge.slice(0, 100_000)}`,
      `C8,P8,2025-10-14,47383,${Array.from({ length: 100_000 }, () => 'XS').join('-')},1,11,E11.9,A`,
      `# cpt-lens-disable-next-line ${huge}: reason`,
      `C9,P9,2025-10-14,47383-${huge},,1,11,E11.9,A`,
    ];
    for (const row of rows) {
      it(`echoes at most ${EXCERPT_LENGTH} characters of it: ${row.slice(0, 40).replace(/X{5,}/, 'XXX…')}`, () => {
        const text = `${HEADER}\n${row}\n`;
        const findings = service.validate(text, 'charges');
        assert.ok(findings.length > 0, 'the damage is found');
        for (const f of findings) {
          const shown = JSON.stringify({ message: f.message, data: f.data, titles: f.fixes?.map((x) => x.title) });
          assert.ok(shown.length < 5000, `${f.ruleId}: ${shown.length} characters`);
          assert.ok(longestRun(shown, 'X') <= EXCERPT_LENGTH, `${f.ruleId} echoes ${longestRun(shown, 'X')} characters of the cell`);
        }
        const hover = service.hover(text, text.indexOf('XXXX') + 10);
        if (hover) assert.ok(longestRun(hover.contents, 'X') <= EXCERPT_LENGTH, 'hover');
      });
    }
  });
});
