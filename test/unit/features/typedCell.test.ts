import * as assert from 'node:assert/strict';
import { parseChargeFile } from '../../../server/src/service/documents/chargeFile';
import { isInCell, typedCell } from '../../../server/src/service/features/typedCell';

const TEXT = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1\nCLM1,PT1,2025-10-14,arth,,1,11,E11.9\n';

describe('typedCell: the cell a keystroke typed into', () => {
  const file = parseChargeFile(TEXT);
  const codeStart = TEXT.indexOf('arth');
  const cell = { start: codeStart, end: codeStart + 4 };

  it('is the code cell after one letter typed or deleted there', () => {
    assert.deepEqual(typedCell(file, { start: codeStart + 3, end: codeStart + 3, text: 'h' }), cell);
    assert.deepEqual(typedCell(file, { start: codeStart + 4, end: codeStart + 5, text: '' }), cell);
  });

  it('is none for a paste or an accepted completion, a delimiter, or a cell completion does not work on', () => {
    assert.equal(typedCell(file, { start: codeStart, end: codeStart, text: 'arth' }), undefined);
    assert.equal(typedCell(file, { start: codeStart + 4, end: codeStart + 4, text: ',' }), undefined);
    const patient = TEXT.indexOf('PT1') + 3;
    assert.equal(typedCell(file, { start: patient - 1, end: patient - 1, text: '1' }), undefined);
  });

  it('holds only the findings within the cell', () => {
    const finding = (start: number, end: number) => ({ ruleId: 'code-shape', severity: 'error' as const, start, end, message: '' });
    assert.equal(isInCell(finding(codeStart, codeStart + 4), cell), true);
    assert.equal(isInCell(finding(TEXT.indexOf('CLM1'), TEXT.length - 1), cell), false, 'a finding on the whole line stays');
  });
});
