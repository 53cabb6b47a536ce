import * as assert from 'node:assert/strict';
import { cellValueRange, moveRowsAfter, parseCsv, reparseRow, rowCell, rowCellText } from '../../../server/src/csv/csv';

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

describe('cells made when read', () => {
  const text = 'code,dos,name\n47383,2025-10-14,Doe"s\n99213,, x \n"q,1",2,3\n';

  it('reads a value without making its cell, and makes one cell that row.cells then holds', () => {
    const table = parseCsv(text);
    const row = table.rows[1];
    assert.equal(rowCellText(row, 1), '2025-10-14');
    assert.equal(rowCellText(row, 3), undefined);
    assert.equal(rowCell(row, 3), undefined);
    assert.equal(rowCell(row, -1), undefined);
    const code = rowCell(row, 0)!;
    assert.equal(code.text, '47383');
    assert.equal(rowCell(row, 0), code);
    assert.equal(row.cells[0], code);
    assert.equal(row.cells.length, 3);
    assert.deepEqual(row.cells.map((c) => [c.text, text.slice(c.start, c.end)]), [['47383', '47383'], ['2025-10-14', '2025-10-14'], ['Doe"s', 'Doe"s']]);
    assert.equal(row.end, text.indexOf('\n', row.start));
  });

  it('reads cells of rows in any order, a quoted row and an edited row included', () => {
    const table = parseCsv(text);
    assert.equal(rowCellText(table.rows[2], 2), ' x ');
    assert.equal(rowCellText(table.rows[3], 0), 'q,1');
    assert.equal(rowCellText(table.rows[1], 2), 'Doe"s');
    assert.equal(rowCell(table.rows[2], 1)!.text, '');
    assert.equal(rowCell(table.rows[3], 1)!.start, text.lastIndexOf(',2,') + 1);
    // A stray quote is still reported by a parse that makes no cells.
    assert.deepEqual(table.problems.map((p) => [p.kind, p.start]), [['stray-quote', text.indexOf('"s')]]);
    const delta = '99213,2025-10-15, x'.length - '99213,, x '.length;
    const edited = reparseRow(table.rows[2], '99213,2025-10-15, x', ',')!;
    table.rows[2] = edited;
    assert.ok(moveRowsAfter(edited, delta));
    assert.equal(rowCellText(edited, 1), '2025-10-15');
    assert.equal(rowCell(table.rows[3], 1)!.start, text.lastIndexOf(',2,') + 1 + delta);
  });
});
