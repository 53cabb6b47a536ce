import { excerpt } from '../excerpt';
import { type FileRule, headerFinding } from './rule';

/**
 * Without a claim, account or patient column, lines of different patients must not be compared
 * (a day of a clinic is not one claim), so each line is checked alone; say so, once, and name
 * the column whose values look like the claim or account key.
 */
export const claimGrouping: FileRule = {
  id: 'claim-grouping',
  description: 'No claim, account or patient column was found, so rules that compare lines (global surgery, duplicates, NCCI pairs, add-on primaries, units per day) compare nothing.',
  scope: 'file',
  severity: 'warning',
  fixKinds: [],
  checkFile(file, context, report) {
    if (!context.columns.code || file.reading.groupBy || file.lines.length < 2) return;
    const candidate = file.reading.groupCandidate !== undefined ? file.headers[file.reading.groupCandidate] : undefined;
    const note = headerFinding(
      file,
      this.id,
      'warning',
      'No claim, account or patient column found, so each line is checked alone: global surgery, duplicates, NCCI pairs, add-on primaries and units per day ' +
        `compare nothing across lines. ${candidate ? `"${excerpt(candidate, 30)}" looks like the account or claim key; map it` : 'Map the column that identifies the claim or account'} in .cptlens.json ("columns").`,
      { candidate, role: 'account' },
    );
    if (note) report(note);
  },
};
