import * as assert from 'node:assert/strict';
import { icd10Table } from '../../../server/src/codeset/tables';
import type { DataProblem } from '../../../server/src/codeset/compiled';

// SYNTHETIC lines in the compiled icd10cm.tsv layout (code, billable, short, long); the codes are real.
const HEADER = 'code\tbillable\tshort\tlong\n';

describe('ICD-10-CM table (codeset/tables.ts icd10Table)', () => {
  it('indexes every well-formed line and reports each damaged one with its line number', () => {
    const text = HEADER + ['A00\t0\tCholera\t', 'no tabs here', 'E119\t1\tType 2 diabetes\tlong\textra tab', 'Z9\t1\ttoo short a code\t', 'e119\t1\tlower case\t', 'E11\t0\tType 2 diabetes mellitus\t', 'I10\t1\tHypertension'].join('\n') + '\n';
    const problems: DataProblem[] = [];
    const table = icd10Table(text, 'icd10cm.tsv', problems);
    assert.deepEqual([...table.all()].map((d) => d.code), ['A00', 'E11']);
    assert.deepEqual(problems.map((p) => p.line), [3, 4, 5, 6, 8]);
    assert.ok(problems.every((p) => p.file === 'icd10cm.tsv' && p.message === 'Damaged line skipped.'));
    assert.equal(table.get('E11')?.display, 'E11');
    assert.equal(table.get('E11')?.longDescription, 'Type 2 diabetes mellitus');
    assert.equal(table.get('E119'), undefined);
  });

  it('reads a last line without a line break, and a file of the wrong columns is one problem', () => {
    const problems: DataProblem[] = [];
    assert.equal(icd10Table(HEADER + 'E119\t1\tType 2 diabetes mellitus without complications\t', 'f', problems).get('E119')?.display, 'E11.9');
    assert.equal(problems.length, 0);
    const wrong: DataProblem[] = [];
    icd10Table('code\tshort\nE119\tx\n', 'f', wrong);
    assert.deepEqual(wrong.map((p) => p.line), [1]);
  });
});
