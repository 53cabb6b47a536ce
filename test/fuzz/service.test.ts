/**
 * Property-based tests of the language service on damaged charge files and notes
 * (issue 15). `npm test` runs a short fixed-seed run; `npm run fuzz` a long one
 * (FUZZ_SCALE, FUZZ_SEED). Properties: no exception from any feature; every range inside
 * the document and never between the halves of a surrogate pair; messages bounded;
 * the incremental path equal to a fresh check after random edit sequences.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EXCERPT_LENGTH, MAX_DATA_STRING_LENGTH, MAX_MESSAGE_LENGTH } from '../../server/src/service/excerpt';
import { LanguageService, getLanguageService } from '../../server/src/service/languageService';
import type { DocumentKind, Finding } from '../../server/src/service/types';
import { syntheticNcciCodeSet } from '../golden/testCodeSet';
import { applyEdit, chargeText, counted, editArb, noteText, params, splitsSurrogatePair } from './generators';

/** A range's problem, or undefined when it is inside the text and splits no surrogate pair. */
function badRange(text: string, start: number, end: number): string | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `non-integer range ${start}-${end}`;
  if (start < 0 || end < start || end > text.length) return `range ${start}-${end} outside 0-${text.length}`;
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) return `range ${start}-${end} splits a surrogate pair`;
  return undefined;
}

function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((m: number, v) => Math.max(m, longestString(v)), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((m: number, v) => Math.max(m, longestString(v)), 0);
  return 0;
}

/** Every finding well formed for `text`; throws an assertion naming the first that is not. */
export function assertFindings(text: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    const where = `${f.ruleId} at ${f.start}`;
    const bad = badRange(text, f.start, f.end);
    assert.equal(bad, undefined, `${where}: ${bad}`);
    assert.ok(f.message.length > 0 && f.message.length <= MAX_MESSAGE_LENGTH + 30, `${where}: message of ${f.message.length} characters`);
    assert.ok(longestString(f.data) <= Math.max(MAX_DATA_STRING_LENGTH, EXCERPT_LENGTH + 30), `${where}: data string of ${longestString(f.data)} characters`);
    for (const fix of f.fixes ?? []) {
      for (const e of fix.edits) assert.equal(badRange(text, e.start, e.end), undefined, `${where}: fix "${fix.title}" edit ${e.start}-${e.end}`);
    }
  }
}

const codeSet = syntheticNcciCodeSet();

/** Every feature of the service at `offsets`, on `text`: none throws, every range is sound. */
function exercise(service: LanguageService, text: string, kind: DocumentKind, offsets: readonly number[], key?: string): void {
  const findings = service.validate(text, kind, key);
  assertFindings(text, findings);
  // Random offsets, and the first few that fall inside a surrogate pair (a client counting
  // columns its own way can send one; random offsets rarely hit them).
  const inside: number[] = [];
  for (let i = 1; i < text.length && inside.length < 3; i++) if (splitsSurrogatePair(text, i)) inside.push(i);
  for (const offset of [...offsets.map((fraction) => Math.floor(fraction * (text.length + 1))), ...inside]) {
    const hover = service.hover(text, offset, key, kind);
    if (hover) {
      assert.equal(badRange(text, hover.start, hover.end), undefined, `hover at ${offset}`);
      assert.ok(hover.contents.length < 20_000, `hover at ${offset}: ${hover.contents.length} characters`);
    }
    const list = service.complete(text, offset, kind, key);
    for (const item of list.items) {
      assert.equal(badRange(text, item.edit.start, item.edit.end), undefined, `completion "${item.label}" at ${offset}`);
      // Labels are codes, never document text. (Details are CMS descriptors: some HCPCS long
      // descriptors run to 4,500 characters, found by the long run; that is data, not an echo.)
      assert.ok(item.label.length <= 100, `completion label of ${item.label.length} characters`);
      service.resolveCompletion(item.data);
    }
    if (kind === 'charges') {
      for (const hint of service.inlayHints(text, 0, offset, key)) assert.equal(badRange(text, hint.offset, hint.offset), undefined, `inlay hint at ${hint.offset}`);
    }
  }
  if (kind === 'charges') {
    service.codeLens(text, findings, key);
    // A few lenses resolved (each resolve is one claim; all of 20,000 would test the harness).
    for (const at of service.claimOffsets(text, key).slice(0, 5)) {
      assert.equal(badRange(text, at, at), undefined, `claim offset ${at}`);
      service.codeLensAt(text, at, findings, key);
    }
  }
}

const plain = (findings: readonly Finding[]): unknown => JSON.parse(JSON.stringify(findings));
const offsetsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 });

describe('fuzz: language service', function () {
  this.timeout(0);
  after(() => process.stdout.write(`  fuzz: ${counted.cases} cases so far, seed ${process.env.FUZZ_SEED ?? 'fixed'}\n`));

  it('charge files: no feature throws, every range is sound, messages are bounded', () => {
    const service = getLanguageService({ codeSet });
    fc.assert(
      fc.property(chargeText(), offsetsArb, (text, offsets) => {
        exercise(service, text, 'charges', offsets);
        exercise(service, text, 'charges', offsets, 'doc');
      }),
      params(150),
    );
  });

  it('notes and templates: no feature throws, every range is sound, messages are bounded', () => {
    const service = getLanguageService({ codeSet });
    fc.assert(
      fc.property(noteText(), offsetsArb, fc.constantFrom<DocumentKind>('note', 'note-template'), (text, offsets, kind) => {
        exercise(service, text, kind, offsets);
        exercise(service, text, kind, offsets, 'note');
      }),
      params(150),
    );
  });

  it('a charge file read as a note, and a note read as a charge file, do not throw', () => {
    const service = getLanguageService({ codeSet });
    fc.assert(
      fc.property(fc.oneof(chargeText(false), noteText(false)), offsetsArb, (text, offsets) => {
        exercise(service, text, 'note', offsets);
        exercise(service, text, 'charges', offsets);
      }),
      params(60),
    );
  });

  it('after random edit sequences the incremental path equals a fresh check, and so do the features', () => {
    fc.assert(
      fc.property(chargeText(false), fc.array(editArb, { minLength: 1, maxLength: 25 }), offsetsArb, (start, edits, offsets) => {
        const kept = getLanguageService({ codeSet });
        let text = start;
        kept.validate(text, 'charges', 'doc');
        for (const [i, edit] of edits.entries()) {
          text = applyEdit(text, edit).text;
          // Features between edits move the kept model, as an editor does while typing.
          if (i % 3 === 1) kept.complete(text, Math.floor(offsets[0] * (text.length + 1)), 'charges', 'doc');
          if (i % 4 === 2) kept.inlayHints(text, 0, text.length, 'doc');
          const incremental = plain(kept.validate(text, 'charges', 'doc'));
          const fresh = plain(getLanguageService({ codeSet }).validate(text, 'charges'));
          assert.deepEqual(incremental, fresh, `after edit ${i + 1} of ${edits.length}`);
        }
        const fresh = getLanguageService({ codeSet });
        fresh.validate(text, 'charges', 'fresh');
        for (const fraction of offsets) {
          const offset = Math.floor(fraction * (text.length + 1));
          assert.deepEqual(kept.complete(text, offset, 'charges', 'doc'), fresh.complete(text, offset, 'charges', 'fresh'), `completion at ${offset}`);
          assert.deepEqual(kept.hover(text, offset, 'doc', 'charges'), fresh.hover(text, offset, 'fresh', 'charges'), `hover at ${offset}`);
        }
        assert.deepEqual(kept.inlayHints(text, 0, text.length, 'doc'), fresh.inlayHints(text, 0, text.length));
      }),
      params(120),
    );
  });
});
