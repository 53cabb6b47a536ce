/**
 * Charge-file benchmark (issue 4's targets), as ratios against a baseline measured in
 * the same run, never as timed assertions:
 *   full check of a 100k-line file  ≤ 1.0 × csv-parse's parse-only time of the same text
 *   one-cell edit → new findings    ≤ 50 ms (also shown as a fraction of a full check)
 * Files are generated here (deterministic, real codes, SYNTHETIC patients and claims).
 *   full check of a 100k-line file  ≤ 1.0 × papaparse's parse-only time (issue 13)
 *   node --expose-gc dist/bench-charges.js [--lines N] [--runs N] [--results FILE]
 *   node dist/bench-charges.js --write FILE --lines N   (writes the mixed export, for bench-cli.mjs)
 */
import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { loadCodeSet } from '../server/src/codeset/load';
import { getLanguageService } from '../server/src/service/languageService';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const HEADER = 'claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,dx2,npi';

/** A realistic export: claims of 1-6 lines, a mix of clean lines and findings. */
function mixedFile(lines: number): string {
  const out = [HEADER];
  for (const line of mixedLines(lines)) out.push(line);
  return out.join('\n') + '\n';
}

/** The data lines of `mixedFile`, one at a time (a 10M-line file is longer than a string may be). */
function* mixedLines(lines: number): Generator<string> {
  const codes = [['99213', '25'], ['20610', ''], ['71046', '26'], ['47383', '22'], ['76940', '26'], ['99214', ''], ['J1100', ''], ['11042', ''], ['11045', ''], ['27447', '50'], ['93000', ''], ['36415', '']];
  const dx = ['E11.9', 'I10', 'M25.561', 'C22.0', 'R05.9', 'M17.0'];
  for (let c = 1, n = 0; n < lines; c++) {
    const day = String(1 + (c % 28)).padStart(2, '0');
    for (let i = 0; i < 1 + (c % 6) && n < lines; i++, n++) {
      const [code, mod] = codes[(c * 7 + i * 3) % codes.length];
      yield (`CLM${c},PT${c % 9000},2025-10-${day},${code},${mod},${1 + (i % 2)},${i % 3 ? 11 : 22},${dx[(c + i) % dx.length]},${dx[(c + i + 1) % dx.length]},1234567893`);
    }
  }
}

/** A mostly clean export (a few % findings), closer to a real day's charges. */
function cleanFile(lines: number): string {
  const visits = [['99213', '25', 'M25.561'], ['99214', '25', 'M17.0']];
  const out = [HEADER];
  for (let c = 1, n = 0; n < lines; c++) {
    const day = String(1 + (c % 28)).padStart(2, '0');
    const [em, mod, d0] = visits[c % 2];
    const rows = [[em, mod, '1', d0], ['20610', c % 50 === 0 ? 'RT 59' : 'RT', '1', d0], ['71046', '26', '1', 'R05.9'], ['J1100', '', '4', 'M54.50']];
    for (const [code, m, u, d] of rows.slice(0, 1 + (c % 4))) {
      if (n++ >= lines) break;
      out.push(`CLM${c},PT${c % 9000},2025-10-${day},${code},${m},${u},${code === '71046' ? 22 : 11},${d},I10,1234567893`);
    }
  }
  return out.join('\n') + '\n';
}

const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const now = (): number => performance.now();

interface Measured { name: string; lines: number; findings: number; csvParseMs: number; papaparseMs: number; checkMs: number; editMs: number; vsCsvParse: number; vsPapaparse: number }

function measure(name: string, text: string, runs: number): Measured {
  const { codeSet } = loadCodeSet();
  const service = getLanguageService({ codeSet });
  // Edit the units cell of a line in the middle of the file, back and forth.
  const middle = text.indexOf('\n', text.length >> 1) + 1;
  const lineEnd = text.indexOf('\n', middle);
  const cells = text.slice(middle, lineEnd).split(',');
  const unitsAt = middle + cells.slice(0, 5).join(',').length + 1;
  const edited = text.slice(0, unitsAt) + '3' + text.slice(unitsAt + cells[5].length);
  service.validate(text, 'charges');
  service.validate(text, 'charges', 'doc');
  let parseMs = Infinity;
  let papaMs = Infinity;
  let checkMs = Infinity;
  let editMs = Infinity;
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    let t = now();
    parse(text, { relax_column_count: true });
    parseMs = Math.min(parseMs, now() - t);
    gc();
    t = now();
    Papa.parse(text);
    papaMs = Math.min(papaMs, now() - t);
    gc();
    t = now();
    findings = service.validate(text, 'charges').length;
    checkMs = Math.min(checkMs, now() - t);
    gc();
    t = now();
    service.validate(i % 2 === 0 ? edited : text, 'charges', 'doc');
    editMs = Math.min(editMs, now() - t);
  }
  const ratio = checkMs / parseMs;
  const lines = text.split('\n').length - 2;
  console.log(`${name}: ${lines} lines, ${(text.length / 1e6).toFixed(1)} MB, ${findings} findings`);
  console.log(`  csv-parse parse only (baseline) ${parseMs.toFixed(0)} ms`);
  const vsPapa = checkMs / papaMs;
  console.log(`  papaparse parse only (baseline) ${papaMs.toFixed(0)} ms`);
  console.log(`  CPT Lens full check             ${checkMs.toFixed(0)} ms = ${ratio.toFixed(2)} × csv-parse, ${vsPapa.toFixed(2)} × papaparse (target ≤ 1.00: ${vsPapa <= 1 ? 'met' : 'NOT met'})`);
  console.log(`  one-cell edit → findings        ${editMs.toFixed(1)} ms = ${((editMs / checkMs) * 100).toFixed(1)}% of a full check (target ≤ 50 ms: ${editMs <= 50 ? 'met' : 'NOT met'})`);
  return { name, lines, findings, csvParseMs: parseMs, papaparseMs: papaMs, checkMs, editMs, vsCsvParse: ratio, vsPapaparse: vsPapa };
}

/** `--write FILE`: the mixed export of `--lines` lines, written in pieces. */
function writeMixed(file: string, lines: number): void {
  const fd = fs.openSync(file, 'w');
  let batch = [HEADER];
  for (const line of mixedLines(lines)) {
    batch.push(line);
    if (batch.length === 10_000) {
      fs.writeSync(fd, batch.join('\n') + '\n');
      batch = [];
    }
  }
  if (batch.length > 0) fs.writeSync(fd, batch.join('\n') + '\n');
  fs.closeSync(fd);
}

const lines = arg('--lines', 100_000);
const runs = arg('--runs', 7);
const writeTo = process.argv.includes('--write') ? process.argv[process.argv.indexOf('--write') + 1] : undefined;
if (writeTo) writeMixed(writeTo, lines);
else {
  console.log(`Charge-file benchmark, minimum of ${runs} runs each, node ${process.version}`);
  const results = [measure('mixed export', mixedFile(lines), runs), measure('mostly clean export', cleanFile(lines), runs)];
  const out = process.argv.includes('--results') ? process.argv[process.argv.indexOf('--results') + 1] : undefined;
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
}
