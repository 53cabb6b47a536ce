/**
 * The charge-file model after one-row edits in place (documents/rowEdit.ts) equals the model
 * of a fresh parse of the new text: offsets of every row, cell and line span, and the tallies
 * file rules read instead of the lines (codes, dates, each date's first line).
 */
import * as assert from 'node:assert/strict';
import { type ChargeFile, type LineTally, parseChargeFile } from '../../../server/src/service/documents/chargeFile';
import { applyRowEdit } from '../../../server/src/service/documents/rowEdit';
import { createChargeChecker } from '../../../server/src/service/checker';
import { RULE_IDS } from '../../../server/src/service/registry';
import { ALL_RULES } from '../../../server/src/service/rules';
import type { Finding } from '../../../server/src/service/types';
import { plainCodeSet } from '../../golden/testCodeSet';

const BASE = [
  'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,dxptr,override_reason',
  'CLM1,PT1,2025-10-14,47383,51 22,1,22,C22.0 K76.89,AB,',
  'CLM1,PT1,,76940-26,,1,22,C22.0,A,',
  '# cpt-lens-disable-next-line units: verified',
  'CLM2,PT2,2025-10-14,99213,,0,11,E11.9,A B,',
  'CLM2,PT2,10/14/2025,20610,, 1 ,11,M25.561,1 2,',
  'CLM3,PT3,2025-10-15,11045,51,1,11,L97.812,,',
  'CLM3,PT3,2019-10-15,71046 59,,1,22,R05.9,A,',
  'CLM4,PT4,2025-10-16,,,1,21,M17.0,,',
  'CLM4,PT4,,99214,,1,21,M17.0,,units: checked',
  'CLM4,PT4,2025-10-16,27447,50 LT,1,21,M17.0,AB,ncci-ptp: reviewed',
].join('\n') + '\n';

/** A tally's counts and first lines, in a form deepEqual compares regardless of insertion order. */
function tallyView(tally: LineTally): [string, number, number | undefined][] {
  return [...tally.values()].map((value): [string, number, number | undefined] => [value, tally.count(value), tally.first(value)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const spanOf = (s: { start: number; end: number } | undefined): [number, number] | undefined => (s ? [s.start, s.end] : undefined);

/** What must equal a fresh parse: every offset and every tally. */
function modelView(file: ChargeFile): unknown {
  return {
    rows: file.table.rows.map((r) => [r.start, r.end, r.cells.map((c) => [c.start, c.end, c.text])]),
    comments: file.table.comments.map(spanOf),
    problems: file.table.problems.map((p) => [p.kind, p.start, p.end]),
    lines: file.lines.map((l) => ({
      index: l.index,
      code: spanOf(l.code),
      codeValue: l.codeValue,
      date: spanOf(l.date),
      dateValue: l.dateValue,
      units: spanOf(l.units),
      pos: spanOf(l.pos),
      modifiers: l.modifiers.map(spanOf),
      diagnoses: l.diagnoses.map(spanOf),
      pointers: l.pointers.map(spanOf),
      suppressions: l.suppressions.map((s) => [s.start, s.end, s.rules.map(spanOf)]),
      override: l.override ? [l.override.start, l.override.end, l.override.rules.map(spanOf)] : undefined,
      claimKey: l.claimKey,
      dayKey: l.dayKey,
    })),
    lineDates: file.lineDates,
    codes: tallyView(file.codes),
    dates: tallyView(file.dates),
    uncodedDates: tallyView(file.uncodedDates),
    suppressed: file.suppressed,
  };
}

/** Replaces `[start, end)` of `file`'s text in place when it is a one-row edit, else parses again, as the checker does. */
function edit(file: ChargeFile, start: number, end: number, insert: string): { file: ChargeFile; inPlace: boolean } {
  const text = file.text.slice(0, start) + insert + file.text.slice(end);
  const done = applyRowEdit(file, text, { start, end, text: insert }, RULE_IDS);
  return done ? { file, inPlace: true } : { file: parseChargeFile(text, { ruleIds: RULE_IDS }), inPlace: false };
}

describe('charge file after one-row edits', () => {
  it('a sequence of random edits leaves the same model as a fresh parse: offsets, codes, dates and first lines', () => {
    let file = parseChargeFile(BASE, { ruleIds: RULE_IDS });
    let seed = 11;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = '0123456789/-ACJQ ,';
    let inPlace = 0;
    for (let i = 0; i < 400; i++) {
      const at = random(file.text.length);
      const kind = random(3);
      const next =
        kind === 0 ? edit(file, at, at, alphabet[random(alphabet.length)])
        : kind === 1 && file.text[at] !== '\n' ? edit(file, at, at + 1, '')
        : edit(file, at, Math.min(at + 1, file.text.length), alphabet[random(alphabet.length)]);
      file = next.file;
      if (next.inPlace) inPlace++;
      assert.deepEqual(modelView(file), modelView(parseChargeFile(file.text, { ruleIds: RULE_IDS })), `after edit ${i} at ${at}`);
    }
    // Most random edits are inside one row: the in-place path is what was compared.
    assert.ok(inPlace > 200, `${inPlace} edits in place`);
  });

  it('the cells of later rows keep exact offsets and texts whether the next edit is on the same row, below or above the last one', () => {
    // The rows after an edit move by one pending delta (csv.ts RowStarts), settled on the rows
    // between two edits when the next one is elsewhere: each order is taken here. The `note`
    // column is read by nothing, so its cells are first read at the end, from their origin.
    const header = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,note';
    const text = `${header}\n${Array.from({ length: 60 }, (_, i) => `C${i},P${i},2025-10-14,99213,${i % 3 ? '' : '25'},1,11,E11.9,n${i}`).join('\n')}\n`;
    let file = parseChargeFile(text, { ruleIds: RULE_IDS });
    const offsets = (f: ChargeFile): number[][] => f.table.rows.map((r) => [r.start, r.end, ...r.cells.flatMap((c) => [c.start, c.end])]);
    // Data rows by table index: the same row twice, down, up, the last row, the first, up from the end.
    const order = [30, 30, 45, 10, 10, 59, 60, 1, 40, 20, 60, 5, 5, 58];
    for (const [k, r] of order.entries()) {
      const at = file.table.rows[r].start + 1;
      const next = k % 3 === 2 ? edit(file, at, at + 1, '') : edit(file, at, at, k % 3 === 0 ? '77' : '4');
      assert.ok(next.inPlace, `edit ${k} in place`);
      file = next.file;
      assert.deepEqual(offsets(file), offsets(parseChargeFile(file.text, { ruleIds: RULE_IDS })), `offsets after edit ${k} on row ${r}`);
    }
    const note = file.headers.indexOf('note');
    for (const row of file.table.rows.slice(1)) assert.equal(file.text.slice(row.cells[note].start, row.cells[note].end), row.cells[note].text);
    assert.deepEqual(modelView(file), modelView(parseChargeFile(file.text, { ruleIds: RULE_IDS })));
  });

  it("a date's first line moves when that line's date changes, and back when it returns", () => {
    const text = 'claim_id,dos,cpt\nA,2025-10-14,99213\nB,2025-10-15,99213\nC,2025-10-14,99213\nD,2025-10-14,99213\n';
    let file = parseChargeFile(text);
    assert.equal(file.dates.first('2025-10-14'), 0);
    const at = (row: number): number => file.text.split('\n').slice(0, row).join('\n').length + 1 + 2;
    // Line 0 leaves 10-14: its first line is now line 2, not line 0 or line 1.
    file = edit(file, at(1) + 9, at(1) + 10, '6').file;
    assert.equal(file.dates.first('2025-10-14'), 2);
    assert.equal(file.dates.first('2025-10-16'), 0);
    assert.equal(file.dates.count('2025-10-14'), 2);
    // Line 2 leaves too: line 3.
    file = edit(file, at(3) + 9, at(3) + 10, '6').file;
    assert.equal(file.dates.first('2025-10-14'), 3);
    // Line 1 joins: line 1, before the old first.
    file = edit(file, at(2) + 9, at(2) + 10, '4').file;
    assert.equal(file.dates.first('2025-10-14'), 1);
    assert.equal(file.dates.first('2025-10-15'), undefined);
    assert.equal(file.dates.count('2025-10-15'), 0);
    assert.deepEqual(modelView(file), modelView(parseChargeFile(file.text)));
  });

  it('a line that gains modifiers (spans of its own) moves with later edits above it, and still does once it loses them', () => {
    const text = 'claim_id,dos,cpt,modifiers,dx1\nA,2025-10-14,99213,,E11.9\nB,2025-10-14,20610,,M25.561\nC,2025-10-14,71046,,R05.9\n';
    let file = parseChargeFile(text);
    // Lengthen row A first: the model's list of lines with spans of their own is made here, with none on it.
    file = edit(file, text.indexOf('99213'), text.indexOf('99213'), '9').file;
    const modifiersOf = (code: string): number => file.text.indexOf(`${code},`) + code.length + 1;
    // Line C gets two modifiers: each is a span of its own, not a cell.
    file = edit(file, modifiersOf('71046'), modifiersOf('71046'), '26 59').file;
    assert.deepEqual(file.lines[2].modifiers.map((m) => m.value), ['26', '59']);
    // Edits above it, longer and shorter: its modifiers must move with it.
    file = edit(file, modifiersOf('20610'), modifiersOf('20610'), '25').file;
    assert.deepEqual(modelView(file), modelView(parseChargeFile(file.text)));
    file = edit(file, file.text.indexOf('999213'), file.text.indexOf('999213') + 1, '').file;
    assert.deepEqual(modelView(file), modelView(parseChargeFile(file.text)));
    assert.equal(file.text.slice(file.lines[2].modifiers[1].start, file.lines[2].modifiers[1].end), '59');
    // Its modifiers erased, it has nothing of its own to move; an edit above still leaves it exact.
    file = edit(file, modifiersOf('71046'), modifiersOf('71046') + 5, '').file;
    file = edit(file, modifiersOf('20610'), modifiersOf('20610') + 2, '').file;
    assert.deepEqual(modelView(file), modelView(parseChargeFile(file.text)));
  });
});

describe('file notes follow a one-row edit', () => {
  const text = 'claim_id,patient_id,dos,cpt,units\n' + Array.from({ length: 40 }, (_, i) => `C${i},P${i},2025-10-14,99213,1`).join('\n') + '\n';
  const kept = (): { first: readonly Finding[]; check(text: string, change: { start: number; end: number; text: string }): readonly Finding[] } => {
    const checker = createChargeChecker(plainCodeSet(), ALL_RULES, {});
    const { state: initial, findings: first } = checker.update(text);
    let state = initial;
    return {
      first,
      check(next, change) {
        const result = checker.update(next, state, change);
        state = result.state;
        assert.equal(checker.lastStats().mode, 'row');
        return result.findings;
      },
    };
  };
  const fresh = (t: string): unknown => JSON.parse(JSON.stringify(createChargeChecker(plainCodeSet(), ALL_RULES, {}).check(t)));
  const notes = (findings: readonly Finding[], ruleId: string): Finding[] => findings.filter((f) => f.ruleId === ruleId && f.severity === 'information');

  it('required-modifier: the therapy list note appears when the one therapy-range code is typed, and goes when it is edited out', () => {
    const checker = kept();
    const at = text.indexOf('C20,P20,2025-10-14,') + 'C20,P20,2025-10-14,'.length;
    assert.equal(notes(checker.first, 'required-modifier').length, 0);
    // 99213 → 97110, a code in the range the therapy list is about.
    const therapy = text.slice(0, at) + '97110' + text.slice(at + 5);
    const withNote = checker.check(therapy, { start: at, end: at + 5, text: '97110' });
    assert.match(notes(withNote, 'required-modifier')[0]?.message ?? '', /therapy code list \(GP\/GO\/GN\) is not loaded/);
    assert.deepEqual(JSON.parse(JSON.stringify(withNote)), fresh(therapy));
    const back = checker.check(text, { start: at, end: at + 5, text: '99213' });
    assert.equal(notes(back, 'required-modifier').length, 0);
    assert.deepEqual(JSON.parse(JSON.stringify(back)), fresh(text));
  });

  it('date-of-service: the undated note counts the lines and sits on the first one, as the dates change', () => {
    const checker = kept();
    let current = text;
    const erase = (claim: number): readonly Finding[] => {
      const at = current.indexOf(`C${claim},P${claim},`) + `C${claim},P${claim},`.length;
      current = current.slice(0, at) + current.slice(at + 10);
      return checker.check(current, { start: at, end: at + 10, text: '' });
    };
    erase(30);
    const two = erase(10);
    const note = notes(two, 'date-of-service')[0];
    assert.match(note.message, /^2 line\(s\) have no date/);
    assert.equal(note.start, current.indexOf('C10,P10,,') + 'C10,P10,,'.length);
    // The first undated line gets its date back: the note moves to the other one.
    const at = current.indexOf('C10,P10,') + 'C10,P10,'.length;
    current = current.slice(0, at) + '2025-10-14' + current.slice(at);
    const one = checker.check(current, { start: at, end: at, text: '2025-10-14' });
    const moved = notes(one, 'date-of-service')[0];
    assert.match(moved.message, /^1 line\(s\) have no date/);
    assert.equal(moved.start, current.indexOf('C30,P30,,') + 'C30,P30,,'.length);
    assert.deepEqual(JSON.parse(JSON.stringify(one)), fresh(current));
  });

  it('suppression: an override without a reason typed into a line is reported, and not once erased', () => {
    const base = 'claim_id,patient_id,dos,cpt,units,override_reason\n' + Array.from({ length: 40 }, (_, i) => `C${i},P${i},2025-10-14,99213,1,`).join('\n') + '\n';
    const checker = createChargeChecker(plainCodeSet(), ALL_RULES, {});
    let state = checker.update(base).state;
    const at = base.indexOf('C25,P25,2025-10-14,99213,1,') + 'C25,P25,2025-10-14,99213,1,'.length;
    const typed = base.slice(0, at) + 'units:' + base.slice(at);
    const withOverride = checker.update(typed, state, { start: at, end: at, text: 'units:' });
    assert.equal(checker.lastStats().mode, 'row');
    state = withOverride.state;
    const found = withOverride.findings.filter((f) => f.ruleId === 'suppression');
    assert.equal(found.length, 1);
    assert.equal(typed.slice(found[0].start, found[0].end), 'units:');
    assert.match(found[0].message, /without a reason/);
    assert.deepEqual(JSON.parse(JSON.stringify(withOverride.findings)), fresh(typed));
    const erased = checker.update(base, state, { start: at, end: at + 'units:'.length, text: '' });
    assert.equal(erased.findings.filter((f) => f.ruleId === 'suppression').length, 0);
  });
});
