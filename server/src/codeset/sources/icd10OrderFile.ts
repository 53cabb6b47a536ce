/**
 * Reads the ICD-10-CM order file (`icd10cm_order_yyyy.txt`, CMS/NCHS "codes in
 * tabular order"): order number (5), code (7, no dot), billable flag (1 = valid for
 * HIPAA transactions, 0 = header), short description (60), long description, at
 * fixed positions separated by one space. Pure; never throws.
 */
import type { DiagnosisCode } from '../types';
import { dottedIcd10 } from '../tables';
import type { SourceProblem } from './rvuFile';

export function parseIcd10OrderFile(text: string): { codes: DiagnosisCode[]; problems: SourceProblem[] } {
  const codes: DiagnosisCode[] = [];
  const problems: SourceProblem[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const code = line.slice(6, 13).trim().toUpperCase();
    const flag = line.slice(14, 15);
    const shortDescription = line.slice(16, 76).trim();
    const longDescription = line.slice(77).trim();
    if (!/^\d{5}$/.test(line.slice(0, 5)) || !/^[A-Z][0-9][A-Z0-9]{1,5}$/.test(code) || (flag !== '0' && flag !== '1') || shortDescription === '') {
      problems.push({ line: i + 1, message: 'Not an order-file record (order number, code, 0/1 flag, descriptions at fixed positions); line skipped.' });
      continue;
    }
    codes.push({ code, display: dottedIcd10(code), billable: flag === '1', shortDescription, longDescription: longDescription || shortDescription });
  }
  return { codes, problems };
}
