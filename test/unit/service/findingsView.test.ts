/**
 * A check's view makes findings only as they are read (findingsView.ts). What it answers
 * must be exactly what reading every finding would give: the shown subset, the findings in
 * a range, and a view read only after later keystrokes.
 */
import * as assert from 'node:assert/strict';
import { ChargeState, PREVIEW_FIRST_ROWS, createChargeChecker } from '../../../server/src/service/checker';
import { ChargeView, FindingsView, MaxHeap, limitFindings } from '../../../server/src/service/findingsView';
import { ALL_RULES } from '../../../server/src/service/rules';
import type { Finding } from '../../../server/src/service/types';
import { syntheticNcciCodeSet } from '../../golden/testCodeSet';
import { getLanguageService } from '../../../server/src/service/languageService';
import { parseChargeFile } from '../../../server/src/service/documents/chargeFile';
import { claimOffsets } from '../../../server/src/service/features/codeLens';
import { claimFirstLinesAt } from '../../../server/src/service/features/chargeCell';

const plain = (findings: readonly Finding[]): unknown => JSON.parse(JSON.stringify(findings));
const fresh = (text: string): unknown => plain(createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {}).check(text));

/** SYNTHETIC: 240 lines, claims of 1–4 lines, patients spread over the file, findings of every severity. */
function manyFindings(lines = 240): string {
  const codes = ['47383', '76940', '99213', '20610', '71046', '27447', '99214', 'J1100', '11045', 'A9999'];
  const rows = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1'];
  for (let i = 0; i < lines; i++) {
    const claim = Math.floor(i / 3);
    // Every fifth claim's patient comes back 40 claims later: claims whose lines are far apart.
    const patient = claim % 5 === 0 ? claim % 40 : claim;
    rows.push(`CLM${claim},PT${patient},2025-10-${String(10 + (claim % 9)).padStart(2, '0')},${codes[(i * 7) % codes.length]},${i % 6 === 0 ? '5l' : i % 4 === 0 ? '22' : ''},${1 + (i % 3)},${i % 2 ? 11 : 22},E11.9`);
  }
  return rows.join('\n') + '\n';
}

const fixable = (f: Finding): boolean => f.fixes?.some((x) => x.safe) ?? false;

function kept(): (text: string, change?: { start: number; end: number; text: string }) => FindingsView {
  const checker = createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {});
  let state: ChargeState | undefined;
  return (text, change) => {
    const result = checker.update(text, state, change);
    state = result.state;
    return result.view;
  };
}

/** A one-character insert at a random cell start after the header, as typing does. */
function randomEdits(text: string, count: number, seed: number): { text: string; change: { start: number; end: number; text: string } }[] {
  const out = [];
  let s = seed;
  const random = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const first = text.indexOf('\n') + 1;
  for (let i = 0; i < count; i++) {
    const at = first + random(text.length - first - 1);
    const change = random(2) === 0 || text[at] === '\n' || text[at] === ',' ? { start: at, end: at, text: String(random(10)) } : { start: at, end: at + 1, text: '' };
    text = text.slice(0, change.start) + change.text + text.slice(change.end);
    out.push({ text, change });
  }
  return out;
}

describe('findings view', () => {
  it('shows what limiting every finding would show, with and without a skipped cell, after each keystroke', () => {
    const check = kept();
    let view = check(manyFindings());
    assert.ok(view.count > 200, `the file has many findings (${view.count})`);
    for (const { text, change } of randomEdits(manyFindings(), 60, 11)) {
      view = check(text, change);
      const fixableFirst = view.where(fixable);
      const all = view.all();
      assert.deepEqual(view.starts(), all.map((f) => f.start).sort((a, b) => a - b), 'the starts lenses count with');
      // What fix-all reads, made alone (before anything read them all): the same as filtering every finding.
      assert.ok(fixableFirst.length > 0);
      assert.deepEqual(plain(fixableFirst), plain(all.filter(fixable)), 'the findings with a safe fix');
      // A new view's first range asks walk its claims (the cell being typed, a hover): exact too.
      for (const [from, to] of [[change.start - 30, change.start + 30], [0, 400], [text.length >> 1, (text.length >> 1) + 200]]) {
        assert.deepEqual(plain(view.inRange(from, to)), plain(all.filter((f) => f.start <= to && f.end >= from)), `range ${from}..${to}`);
      }
      for (const max of [1, 5, 40, 150, 0]) {
        assert.deepEqual(plain(view.shown(max)), plain(limitFindings(all, max)), `max ${max}`);
        const cell = { start: change.start - 8, end: change.start + 8 };
        const skip = (f: Finding): boolean => f.start >= cell.start && f.end <= cell.end;
        assert.deepEqual(plain(view.shown(max, skip)), plain(limitFindings(all.filter((f) => !skip(f)), max)), `max ${max}, skipping a cell`);
      }
    }
  });

  it('finds the findings in a range as filtering every finding would', () => {
    const check = kept();
    check(manyFindings());
    const edits = randomEdits(manyFindings(), 20, 5);
    let view: FindingsView | undefined;
    for (const { text, change } of edits) view = check(text, change);
    const all = view!.all();
    const last = edits[edits.length - 1].text;
    for (let at = 0; at < last.length; at += 97) {
      const end = at + (at % 3) * 20;
      assert.deepEqual(plain(view!.inRange(at, end)), plain(all.filter((f) => f.start <= end && f.end >= at)), `range ${at}..${end}`);
    }
  });

  it('a view first read after later keystrokes still holds its own version: exact and unmoved', () => {
    const check = kept();
    const base = manyFindings();
    const first = check(base);
    const edits = randomEdits(base, 30, 3);
    const views = edits.map(({ text, change }) => check(text, change));
    // Read only now, after every later edit changed the model the checker keeps.
    assert.deepEqual(plain(first.all()), fresh(base));
    assert.deepEqual(plain(views[9].all()), fresh(edits[9].text));
    assert.deepEqual(plain(first.shown(10)), plain(limitFindings(first.all(), 10)));
  });

  it('keeps the smallest numbers offered, largest on top', () => {
    const heap = new MaxHeap(3);
    for (const v of [9, 4, 7, 1, 8, 2, 6]) heap.offer(v);
    assert.ok(heap.full);
    assert.equal(heap.top, 4);
  });
});

describe('lens offsets from a check kept by the service', () => {
  it('are the claims with a finding on their lines, as read from every finding, after each keystroke', () => {
    // SYNTHETIC: the file above with suppression comments, a stray comment and dates the date
    // notes flag (file findings, some on data lines, some on comment lines).
    const lines = manyFindings(150).split('\n');
    for (let i = 140; i > 1; i -= 23) lines.splice(i, 0, i % 2 ? '# cpt-lens-disable-next-line modifier-shape: reviewed' : '# cpt-lens-disable-next-line');
    lines[60] = lines[60].replace(/2025-10-\d\d/, '2031-01-01');
    lines[90] = lines[90].replace(/2025-10-\d\d/, '10/32/2025');
    // A clean claim of its own whose only finding is the table's (a ragged row): a file finding on a data line.
    lines.splice(100, 0, 'CLM900,PT900,2025-10-12,99213,,1,11,E11.9,extra');
    let text = lines.join('\n');
    const service = getLanguageService({ codeSet: syntheticNcciCodeSet() });
    const key = 'file:///lens.csv';
    let version = 1;
    let view = service.check(text, 'charges', key, { version });
    const expected = (): number[] => claimOffsets(parseChargeFile(text), view.starts());
    assert.ok(expected().length > 10);
    assert.deepEqual(service.claimOffsets(text, key, view), expected());
    for (const edit of randomEdits(text, 60, 7)) {
      text = edit.text;
      view = service.check(text, 'charges', key, { version: ++version, change: { ...edit.change, fromVersion: version - 1 } });
      assert.deepEqual(service.claimOffsets(text, key, view), expected(), `after ${JSON.stringify(edit.change)}`);
      // A hover reads the findings at a point from the claims of the lines there, as inRange finds them.
      const model = parseChargeFile(text);
      const chargeView = view as ChargeView;
      for (const offset of [edit.change.start, text.indexOf('\n', edit.change.start) + 1, (version * 7919) % text.length, text.length]) {
        assert.deepEqual(plain(chargeView.inRangeOfClaims(offset, offset, claimFirstLinesAt(model, offset))), plain(view.inRange(offset, offset)), `findings at ${offset}`);
      }
      // A lens resolved from the view counts the findings on its claim's rows as the sorted starts do.
      for (const offset of service.claimOffsets(text, key, view).slice(version % 5, (version % 5) + 3)) {
        const summary = service.codeLensAt(text, offset, view, key);
        assert.deepEqual(summary, service.codeLensAt(text, offset, view.all()), `lens at ${offset}`);
        // Its report's findings: those starting on its rows, found from its claim alone.
        const rows = [...summary!.rows].sort((a, b) => a[0] - b[0]);
        const starting = (f: Finding): boolean => rows.some(([s, e]) => f.start >= s && f.start <= e);
        assert.deepEqual(plain(view.startingOnRows(rows)), plain(view.all().filter(starting)));
        // Rows that are not a claim's (the second line of a claim on): every range is asked instead.
        const odd = rows.slice(1);
        assert.deepEqual(plain(view.startingOnRows(odd)), plain(view.all().filter((f) => odd.some(([s, e]) => f.start >= s && f.start <= e))));
      }
    }
  });
});

describe('preview of a big file', () => {
  const lineRules = new Set(ALL_RULES.filter((r) => r.scope === 'line').map((r) => r.id));
  it('gives exactly the whole check\'s line-rule findings of the first rows', () => {
    const text = manyFindings();
    const checker = createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {});
    const rows = 100;
    const cut = text.split('\n').slice(0, rows + 1).join('\n').length;
    const preview = checker.preview(text, rows);
    assert.ok(preview && preview.length > 20, `${preview?.length} findings`);
    const whole = checker.check(text).filter((f) => lineRules.has(f.ruleId) && f.start < cut);
    assert.deepEqual(plain(preview), plain(whole));
  });

  it('stops after the first PREVIEW_FIRST_ROWS rows when they hold `enough` listed findings, and reads on when they do not', () => {
    const text = manyFindings(3000);
    const checker = createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {});
    const cutAt = (rows: number): number => text.split('\n').slice(0, rows + 1).join('\n').length;
    const lineFindings = (end: number): unknown => plain(checker.check(text).filter((f) => lineRules.has(f.ruleId) && f.start < end));
    const listed = checker.preview(text, PREVIEW_FIRST_ROWS)!.filter((f) => f.severity !== 'hint').length;
    assert.ok(listed > 10, `${listed} listed findings in the first rows`);
    // Enough in the first rows: those rows' findings, exactly.
    assert.deepEqual(plain(checker.preview(text, 2000, listed)!), lineFindings(cutAt(PREVIEW_FIRST_ROWS)));
    // One more than they hold: all 2,000 rows'.
    assert.deepEqual(plain(checker.preview(text, 2000, listed + 1)!), lineFindings(cutAt(2000)));
  });

  it('gives none for a file no longer than the preview, or cut inside a quoted cell', () => {
    const checker = createChargeChecker(syntheticNcciCodeSet(), ALL_RULES, {});
    assert.equal(checker.preview(manyFindings(), 1000), undefined);
    const quoted = manyFindings().replace('\nCLM3,', '\nCLM3,"open\n').replace('\nCLM9,', '\n"CLM9,');
    assert.equal(checker.preview(quoted, 10), undefined);
  });
});
