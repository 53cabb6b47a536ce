import * as assert from 'node:assert/strict';
import { fixAllSafeEdits, quickFixes } from '../../../server/src/service/features/codeActions';
import { applyFixes, nonOverlappingFixes } from '../../../server/src/service/fixes';
import { getLanguageService } from '../../../server/src/service/languageService';
import { bundledCodeSet } from '../../support/codeSet';

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi\n';

function apply(text: string, edits: { start: number; end: number; newText: string }[]): string {
  return applyFixes(text, [{ title: '', safe: true, edits }]);
}

describe('code actions', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });

  it('a 5l modifier gets a safe quick fix to 51', () => {
    const text = `${HEADER}CLM1,PT1,2025-10-14,47383,5l,1,22,C22.0,1234567893\n`;
    const findings = service.validate(text, 'charges');
    const typo = findings.find((f) => f.fixes?.some((x) => /51/.test(x.title)));
    assert.ok(typo, JSON.stringify(findings.map((f) => [f.ruleId, f.message])));
    const [fix] = quickFixes(typo.fixes ?? []);
    assert.equal(fix.safe, true);
    assert.equal(fix.isPreferred, true);
    assert.equal(apply(text, fix.edits), text.replace(',5l,', ',51,'));
  });

  it('labels fixes that need clinical judgment and never prefers them', () => {
    const [fix] = quickFixes([{ title: 'Add 25 to 99213', safe: false, edits: [] }]);
    assert.match(fix.title, /needs clinical judgment/);
    assert.equal(fix.isPreferred, false);
  });

  it('fix-all applies safe fixes only, without overlapping edits', () => {
    // 99213 with a 000/010 procedure on the same day wants 25 (judgment); 5l → 51 is safe; 'lt' → LT is safe.
    const text = `${HEADER}CLM1,PT1,2025-10-14,99213,,1,11,C22.0,1234567893\nCLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893\nCLM1,PT1,2025-10-14,47383,5l,1,11,C22.0,1234567893\n`;
    const findings = service.validate(text, 'charges');
    const edits = fixAllSafeEdits(findings);
    const fixed = apply(text, edits);
    assert.ok(!fixed.includes(',5l,'), fixed);
    assert.ok(!/99213,25/.test(fixed), 'the judgment fix (adding 25) is not applied');
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start, 'edits do not overlap');
    const judgment = findings.filter((f) => f.fixes?.length && f.fixes.every((x) => !x.safe));
    assert.ok(judgment.some((f) => f.ruleId === 'global-surgery'), 'the E/M on the day of a 010 procedure needs 25: a judgment fix');
    const after = service.validate(fixed, 'charges');
    for (const f of judgment) assert.ok(after.some((a) => a.ruleId === f.ruleId), `${f.ruleId} stays for the coder`);
  });
});

describe('accept with reason and distinct-service modifiers', () => {
  const service = getLanguageService({ codeSet: bundledCodeSet() });
  const DUPLICATE = `${HEADER}CLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,1234567893\nCLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,1234567893\n`;

  it('a duplicate procedure line offers XS, XU, XE, XP and 59, each with its meaning, none safe, none in fix-all', () => {
    const duplicate = service.validate(DUPLICATE, 'charges').find((f) => f.ruleId === 'duplicate-line');
    assert.ok(duplicate);
    const fixes = duplicate.fixes ?? [];
    assert.deepEqual(fixes.map((f) => f.choice?.label), ['XS', 'XU', 'XE', 'XP', '59']);
    for (const f of fixes) {
      assert.equal(f.safe, false);
      assert.equal(f.choice?.group, 'distinct-service');
      assert.match(f.title, /only if the documentation supports a distinct service: \w/);
      assert.match(f.choice?.detail ?? '', /^Needs: the note /);
    }
    assert.equal(apply(DUPLICATE, fixes[0].edits).split('\n')[2], 'CLM1,PT1,2025-10-14,20610,XS RT,1,11,M25.561,1234567893');
    assert.equal(fixAllSafeEdits([duplicate]).length, 0, 'never in fix-all');
  });

  it('a duplicate visit gets no distinct-service modifier (not E/M modifiers)', () => {
    const visits = `${HEADER}CLM1,PT1,2025-10-14,99213,,1,11,E11.9,1234567893\nCLM1,PT1,2025-10-14,99213,,1,11,E11.9,1234567893\n`;
    const duplicate = service.validate(visits, 'charges').find((f) => f.ruleId === 'duplicate-line');
    assert.ok(duplicate);
    assert.deepEqual(duplicate.fixes ?? [], []);
  });

  it('accept with reason inserts a disable comment naming the rule above the line, cursor where the reason goes', () => {
    const duplicate = service.validate(DUPLICATE, 'charges', 'dup.csv').find((f) => f.ruleId === 'duplicate-line');
    assert.ok(duplicate);
    const accept = service.acceptFix(DUPLICATE, duplicate.start, duplicate.ruleId, 'dup.csv');
    assert.ok(accept);
    const after = apply(DUPLICATE, [accept.edit]);
    assert.equal(after.split('\n')[2], '# cpt-lens-disable-next-line duplicate-line: ');
    assert.equal(after.slice(accept.cursor, accept.cursor + 1), '\n', 'the cursor is at the end of the comment');
    // Without a reason the finding stays and the suppression says why; with one it goes.
    const pending = service.validate(after, 'charges');
    assert.ok(pending.some((f) => f.ruleId === 'duplicate-line'));
    assert.ok(pending.some((f) => f.ruleId === 'suppression'));
    const reasoned = after.slice(0, accept.cursor) + 'left and right knee, two injections' + after.slice(accept.cursor);
    const done = service.validate(reasoned, 'charges');
    assert.ok(!done.some((f) => f.ruleId === 'duplicate-line' || f.ruleId === 'suppression'), JSON.stringify(done.map((f) => f.ruleId)));
  });

  it('accept with reason fills an empty override_reason cell when the file has one, and keeps CRLF files CRLF', () => {
    const text = `claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,override_reason\r\nCLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,\r\nCLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,\r\n`;
    const duplicate = service.validate(text, 'charges').find((f) => f.ruleId === 'duplicate-line');
    assert.ok(duplicate);
    const accept = service.acceptFix(text, duplicate.start, duplicate.ruleId);
    assert.ok(accept);
    assert.match(accept.title, /override_reason/);
    const after = apply(text, [accept.edit]);
    assert.equal(after.split('\r\n')[2], 'CLM1,PT1,2025-10-14,20610,RT,1,11,M25.561,duplicate-line: ');
    const plain = text.replace(/,override_reason/, '').replace(/,\r\n/g, '\r\n');
    const finding = service.validate(plain, 'charges').find((f) => f.ruleId === 'duplicate-line');
    assert.ok(finding);
    const comment = service.acceptFix(plain, finding.start, finding.ruleId);
    assert.equal(comment?.edit.newText, '# cpt-lens-disable-next-line duplicate-line: \r\n');
  });

  it('file notes (columns-read, claim-grouping) have no accept fix', () => {
    const noKey = 'Ref,Date,Code,Units\nR1,2025-10-14,99213,1\nR2,2025-10-14,99213,1\n';
    const grouping = service.validate(noKey, 'charges').find((f) => f.ruleId === 'claim-grouping');
    assert.ok(grouping);
    assert.equal(service.acceptFix(noKey, grouping.start, grouping.ruleId), undefined);
  });
});

describe('taking fixes whole, none overlapping', () => {
  /** The rule as first written: each edit compared with every edit taken, applied one at a time. */
  function reference(text: string, fixes: { title: string; safe: boolean; edits: { start: number; end: number; newText: string }[] }[]): { kept: number[]; text: string } {
    const taken: { start: number; end: number; newText: string }[] = [];
    const kept: number[] = [];
    fixes.forEach((fix, i) => {
      if (fix.edits.some((e) => taken.some((t) => (e.start < t.end && t.start < e.end) || (e.start === e.end && e.start === t.start)))) return;
      taken.push(...fix.edits);
      kept.push(i);
    });
    let out = text;
    for (const e of taken.sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    return { kept, text: out };
  }

  it('keeps and applies what comparing every edit with every other keeps, on random fixes', () => {
    let seed = 11;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let round = 0; round < 300; round++) {
      const text = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(1 + random(3));
      const fixes = Array.from({ length: 1 + random(25) }, (_, i) => ({
        title: `f${i}`,
        safe: true,
        // Mostly one short edit; some insertions, some long edits, some fixes of two edits.
        edits: Array.from({ length: random(5) === 0 ? 2 : 1 }, () => {
          const start = random(text.length + 1);
          const end = Math.min(text.length, start + (random(4) === 0 ? 0 : random(6) === 0 ? 15 + random(20) : 1 + random(3)));
          return { start, end, newText: random(3) === 0 ? '' : `<${i}>` };
        }),
      }));
      const expected = reference(text, fixes);
      assert.deepEqual(nonOverlappingFixes(fixes).map((f) => fixes.indexOf(f)), expected.kept, `round ${round}`);
      assert.equal(applyFixes(text, fixes), expected.text, `round ${round}`);
    }
  });
});
