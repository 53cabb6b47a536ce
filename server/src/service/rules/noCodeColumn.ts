import { excerpt } from '../excerpt';
import { type FileRule, headerFinding } from './rule';

/** A table with no column the engine recognises as a code column: one note, not a flood. */
export const noCodeColumn: FileRule = {
  id: 'no-code-column',
  description: 'No column header is recognised as a procedure-code column, so the file is not checked.',
  scope: 'file',
  severity: 'information',
  fixKinds: [],
  checkFile(file, _context, report) {
    if (file.columns.code) return;
    // A CDM charge code is the hospital's own item number: say why it is not read as the code.
    const cdm = file.reading.columns.find((c) => c.unused === 'CDM charge code');
    const note = headerFinding(
      file,
      this.id,
      'information',
      cdm
        ? `No procedure-code column found: "${excerpt(cdm.header, 40)}" is a CDM charge code (the hospital's own item number), not a CPT/HCPCS code, so codes in this file are not checked. Add the CPT/HCPCS column to the export, or map it with the "columns" setting.`
        : 'No procedure-code column found (headers such as "CPT", "HCPCS", "Code", "Procedure Code"), so codes in this file are not checked. Map the column with the "columns" setting if it has another name.',
      { headers: file.headers },
    );
    if (note) report(note);
  },
};
