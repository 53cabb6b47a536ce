import * as assert from 'node:assert/strict';
import { cellValueRange, parseCsv } from '../../../server/src/csv/csv';

describe('csv parser', () => {
  it('gives every cell its exact range, quotes and CRLF included', () => {
    const text = 'a,b,c\r\n1,"x,y",3\r\n';
    const table = parseCsv(text);
    assert.equal(table.rows.length, 2);
    const cell = table.rows[1].cells[1];
    assert.equal(cell.text, 'x,y');
    assert.equal(text.slice(cell.start, cell.end), '"x,y"');
    assert.deepEqual(table.problems, []);
  });

  it('undoes doubled quotes and keeps newlines inside quoted cells', () => {
    const table = parseCsv('h1,h2\n"say ""hi""","two\nlines"\n');
    assert.equal(table.rows[1].cells[0].text, 'say "hi"');
    assert.equal(table.rows[1].cells[1].text, 'two\nlines');
  });

  it('skips a BOM and blank lines', () => {
    const table = parseCsv('\ufeffcpt\n\n47383\n');
    assert.equal(table.rows.length, 2);
    assert.equal(table.rows[0].cells[0].text, 'cpt');
    assert.equal(table.rows[0].cells[0].start, 1);
  });

  it('reports an unclosed quote and still reads the following rows', () => {
    const text = 'cpt,desc\n47383,"broken\n99213,ok\n';
    const table = parseCsv(text);
    assert.equal(table.problems.filter((p) => p.kind === 'unclosed-quote').length, 1);
    assert.equal(table.rows.length, 3);
    assert.equal(table.rows[2].cells[0].text, '99213');
  });

  it('reports ragged rows with the row range', () => {
    const text = 'a,b\n1,2,3\n';
    const [problem] = parseCsv(text).problems;
    assert.equal(problem.kind, 'ragged-row');
    assert.equal(text.slice(problem.start, problem.end), '1,2,3');
  });

  it('reports text after a closing quote', () => {
    const table = parseCsv('a,b\n"x"y,2\n');
    assert.equal(table.problems[0].kind, 'stray-quote');
    assert.equal(table.rows[1].cells[0].text, 'xy');
  });

  it('trims cell values to their exact content range', () => {
    const text = 'cpt,x\n" 47383 ",  99213 \n';
    const [quoted, plain] = parseCsv(text).rows[1].cells.map(cellValueRange);
    assert.equal(quoted.text, '47383');
    assert.equal(text.slice(quoted.start, quoted.end), '47383');
    assert.equal(text.slice(plain.start, plain.end), '99213');
  });
});

describe('ragged rows and trailing delimiters', () => {
  it('does not call a row damaged for empty cells past the header (a trailing comma), but does for data there or for a short row', () => {
    const table = parseCsv('a,b,c\n1,2,3,\n1,2,3, ,\n1,2,3,x\n1,2\n');
    assert.deepEqual(table.problems.map((p) => [p.kind, table.rows.findIndex((r) => r.start === p.start)]), [['ragged-row', 3], ['ragged-row', 4]]);
  });
});
