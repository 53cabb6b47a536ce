/**
 * The server's document (editedDocument.ts) keeps recent edits apart from a flat text so a
 * keystroke does not copy the whole text. Whatever it keeps, it must answer exactly what
 * the library's TextDocument answers after the same edits: text, ranges, positions and
 * offsets, line breaks of every kind, edits near each other and far apart.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { EditedDocument } from '../../../server/src/lsp/editedDocument';

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const PIECES = ['a', '4', ',', '"', '\n', '\r\n', '\r', 'é', '😀', '47383-22', '', 'CLM1,PT1,2025-10-02,11042,,1,22,I10\n'];

function same(mine: EditedDocument, theirs: TextDocument, next: () => number, where: string): void {
  assert.equal(mine.getText(), theirs.getText(), `${where}: text`);
  assert.equal(mine.lineCount, theirs.lineCount, `${where}: line count`);
  const length = theirs.getText().length;
  for (let k = 0; k < 12; k++) {
    const offset = Math.floor(next() * (length + 3)) - 1;
    assert.deepEqual(mine.positionAt(offset), theirs.positionAt(offset), `${where}: positionAt(${offset})`);
    const position: Position = { line: Math.floor(next() * (theirs.lineCount + 2)) - 1, character: Math.floor(next() * 30) - 1 };
    assert.equal(mine.offsetAt(position), theirs.offsetAt(position), `${where}: offsetAt(${JSON.stringify(position)})`);
    const other: Position = { line: Math.floor(next() * (theirs.lineCount + 1)), character: Math.floor(next() * 30) };
    const range = { start: position, end: other };
    if (theirs.offsetAt(position) <= theirs.offsetAt(other)) assert.equal(mine.getText(range), theirs.getText(range), `${where}: getText(${JSON.stringify(range)})`);
    const line = Math.floor(next() * (theirs.lineCount + 2)) - 1;
    assert.deepEqual(mine.getLineRange(line), theirs.getLineRange(line), `${where}: getLineRange(${line})`);
    assert.equal(mine.getEOLCharacters(line), theirs.getEOLCharacters(line), `${where}: getEOLCharacters(${line})`);
  }
  for (let o = -1; o <= length; o += Math.max(1, Math.floor(length / 50))) assert.equal(mine.charCodeAt(o), theirs.getText().charCodeAt(o), `${where}: charCodeAt(${o})`);
}

describe('EditedDocument (the server document that does not copy its text per edit)', () => {
  it('answers as the library document does after random edits, near each other and far apart', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      let start = '';
      for (let i = 0; i < 40 + seed * 3; i++) start += PIECES[Math.floor(next() * PIECES.length)];
      const mine = EditedDocument.create('file:///a.csv', 'csv', 1, start);
      let theirs = TextDocument.create('file:///a.csv', 'csv', 1, start);
      same(mine, theirs, next, `seed ${seed} at open`);
      let cursor = Math.floor(next() * start.length);
      for (let step = 0; step < 60; step++) {
        const text = theirs.getText();
        // Mostly typing near the last edit; now and then a jump, a line break, a paste or a whole new text.
        const jump = next() < 0.15;
        if (jump) cursor = Math.floor(next() * (text.length + 1));
        const from = Math.max(0, Math.min(text.length, cursor + Math.floor(next() * 7) - 3));
        const to = Math.min(text.length, from + (next() < 0.5 ? 0 : Math.floor(next() * 4)));
        const inserted = next() < 0.1 ? PIECES[11].repeat(1 + Math.floor(next() * 3)) : PIECES[Math.floor(next() * PIECES.length)];
        const range: Range = { start: theirs.positionAt(from), end: theirs.positionAt(to) };
        const whole = next() < 0.03;
        const changes: TextDocumentContentChangeEvent[] = whole ? [{ text: inserted + text.slice(0, 30) }] : next() < 0.1 ? [{ range: { start: range.end, end: range.start }, text: inserted }] : [{ range, text: inserted }];
        if (!whole && next() < 0.1) changes.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'x' });
        mine.update(changes, step + 2);
        theirs = TextDocument.update(theirs, changes, step + 2);
        assert.equal(mine.version, step + 2);
        cursor = from + inserted.length;
        same(mine, theirs, next, `seed ${seed} after step ${step}`);
      }
    }
  });

  it('keeps typing in one place apart from the text, and makes the text flat again after a far edit', () => {
    const rows = ['claim_id,patient_id,dos,cpt'];
    for (let i = 0; i < 20000; i++) rows.push(`CLM${i},PT${i},2025-10-02,99213`);
    const text = rows.join('\r\n') + '\r\n';
    const mine = EditedDocument.create('file:///b.csv', 'csv', 1, text);
    let theirs = TextDocument.create('file:///b.csv', 'csv', 1, text);
    const edit = (line: number, character: number, inserted: string, removed = 0): void => {
      const changes = [{ range: { start: { line, character }, end: { line, character: character + removed } }, text: inserted }];
      mine.update(changes, theirs.version + 1);
      theirs = TextDocument.update(theirs, changes, theirs.version + 1);
    };
    for (let k = 0; k < 50; k++) edit(10000, 20 + (k % 5), k % 2 === 0 ? '4' : '', k % 2 === 0 ? 0 : 1);
    edit(10001, 0, 'x');
    edit(2, 3, 'far away');
    edit(19999, 1, '\r\n');
    assert.equal(mine.getText(), theirs.getText());
    for (const offset of [0, 5, text.length >> 1, theirs.getText().length - 3, theirs.getText().length]) assert.deepEqual(mine.positionAt(offset), theirs.positionAt(offset));
    for (const line of [0, 2, 10000, 10001, 19999, 20000, 20001]) assert.deepEqual(mine.getLineRange(line), theirs.getLineRange(line));
  });
});
