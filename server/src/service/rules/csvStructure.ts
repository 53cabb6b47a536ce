import type { FileRule } from './rule';

/** Damaged table structure: unclosed or stray quotes, rows with the wrong number of cells. */
export const csvStructure: FileRule = {
  id: 'csv-structure',
  description: 'The table is damaged: an unclosed or stray quote, or a row with the wrong number of cells.',
  scope: 'file',
  severity: 'error',
  fixKinds: [],
  checkFile(file, _context, report) {
    for (const problem of file.table.problems) {
      report({
        ruleId: this.id,
        severity: problem.kind === 'ragged-row' ? 'warning' : 'error',
        start: problem.start,
        end: problem.end,
        message: problem.message,
        data: { kind: problem.kind },
      });
    }
  },
};
