/**
 * A licensed AMA CPT descriptor file: one `code<TAB>descriptor` per line (the form AMA
 * ships its long, medium and short descriptor files in). When a setting names one,
 * its descriptors replace the bundled short ones. Bad lines are reported and skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataProblem } from '../compiled';

export function parseCptDescriptors(text: string, file: string, problems: DataProblem[]): Map<string, string> {
  const descriptors = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    const code = (tab < 0 ? '' : line.slice(0, tab)).trim().toUpperCase();
    const descriptor = tab < 0 ? '' : line.slice(tab + 1).replace(/\s+/g, ' ').trim();
    if (!/^[A-Z0-9]{5}$/.test(code) || descriptor === '') {
      // A header line ("CPT Code<TAB>Long Descriptor") is expected and not a problem.
      if (i > 0 || /^\d/.test(line)) problems.push({ file, line: i + 1, message: 'Expected "code<TAB>descriptor"; line skipped.' });
      continue;
    }
    descriptors.set(code, descriptor);
  }
  return descriptors;
}

export function readCptDescriptorFile(file: string, problems: DataProblem[]): { name: string; descriptors: Map<string, string> } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ file, line: 1, message: `cannot read the CPT descriptor file (${(error as Error).message}); bundled descriptors are used.` });
    return undefined;
  }
  return { name: path.basename(file), descriptors: parseCptDescriptors(text, file, problems) };
}
