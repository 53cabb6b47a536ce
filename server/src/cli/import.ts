/**
 * `cpt-lens import ncci PATH...`, `cpt-lens import therapy|jz FILE` and `cpt-lens import
 * hcpcs|rvu|icd10 FILE`: bring CMS files the extension does not ship (NCCI, the therapy code
 * list, the single-dose drug list) or a later release of those it does,
 * into the user's data folder (default ~/.cptlens, or --out DIR). Prints every
 * skipped row as `file:line: message`, then a summary. Exit 0 when imported cleanly,
 * 1 when imported with skipped rows, 2 when nothing was imported or on usage errors.
 */
import { importNcci } from '../codeset/ncci/importNcci';
import { importModifierList } from '../codeset/importModifierLists';
import { importTabularNotes } from '../codeset/importTabularNotes';
import { MODIFIER_LIST_LABEL } from '../codeset/modifierLists';
import { importSource, SourceKind } from '../codeset/importSources';
import { defaultUserDataDir } from '../codeset/userData';
import type { CheckIo } from './check';
import { MAX_MESSAGE_LENGTH, excerpt } from '../service';

export const IMPORT_USAGE = `usage: cpt-lens import ncci PATH... [--out DIR] [--release NAME]
       cpt-lens import therapy|jz FILE [--out DIR] [--release NAME]
       cpt-lens import icd10-tabular FILE [--out DIR] [--release NAME]
       cpt-lens import hcpcs|rvu|icd10 FILE [--out DIR] [--release NAME]
  ncci   NCCI practitioner PTP (.txt), MUE (.csv) and add-on code tables: files, folders or the CMS zip
  therapy  CMS therapy code list (always/sometimes therapy; GP/GO/GN): .csv, .xlsx or its zip
  jz     CMS list of single-dose container drugs (JW/JZ modifier policy): .csv, .xlsx or its zip
  icd10-tabular  ICD-10-CM tabular list XML (icd10cm_tabular_yyyy.xml, or its zip): "code first" notes
  hcpcs  CMS alpha-numeric HCPCS file (fixed-width ANWEB .txt, or its xlsx saved as CSV)
  rvu    CMS physician fee-schedule RVU file (PPRRVUyyyy_*.csv)
  icd10  ICD-10-CM order file (icd10cm_order_yyyy.txt)
  --out DIR      user data folder (default ${defaultUserDataDir()})
  --release NAME release name to record instead of the one read from the file`;

/** Problems listed per file before the rest are only counted. */
const LISTED_PER_FILE = 50;

export function runImport(args: string[], io: CheckIo, now = new Date()): number {
  const [kind, ...rest] = args;
  const positional: string[] = [];
  let out = defaultUserDataDir();
  let release: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' && rest[i + 1]) out = rest[++i];
    else if (rest[i] === '--release' && rest[i + 1]) release = rest[++i];
    else if (rest[i].startsWith('--')) {
      io.err(`cpt-lens import: unknown option ${rest[i]}\n${IMPORT_USAGE}`);
      return 2;
    } else positional.push(rest[i]);
  }
  const started = Date.now();
  if (kind === 'ncci' && positional.length > 0) {
    const report = importNcci(positional, out, { release, now });
    let skipped = 0;
    for (const file of report.files) {
      if (file.skipped) {
        io.err(`${file.name}: skipped: ${file.skipped}${file.synthetic ? ` (the file declares itself not CMS data: "${file.synthetic}")` : ''}`);
        continue;
      }
      skipped += file.problems.length;
      for (const p of file.problems.slice(0, LISTED_PER_FILE)) io.err(`${file.name}:${p.line}: ${excerpt(p.message, MAX_MESSAGE_LENGTH)}`);
      if (file.problems.length > LISTED_PER_FILE) io.err(`${file.name}: ${file.problems.length - LISTED_PER_FILE} more skipped rows not listed.`);
      io.out(`${file.name}: ${file.rows} ${file.table?.toUpperCase()} rows${file.problems.length ? `, ${file.problems.length} skipped` : ''}${file.synthetic ? ` (the file declares itself not CMS data: "${file.synthetic}")` : ''}`);
    }
    for (const e of report.errors) io.err(`cpt-lens import: ${e}`);
    if (report.errors.length > 0 && !Object.keys(report.manifest.tables).length) return 2;
    // Each table this import wrote, with its rows and where they came from.
    for (const table of report.tables) io.out(`${table.label} ${table.release}: ${table.rows} rows from ${table.files.length} file(s)`);
    const synthetic = report.files.filter((f) => f.synthetic && f.rows > 0).length;
    if (synthetic > 0) io.out(`${synthetic} imported file(s) declare themselves synthetic or not CMS data: do not use the result for real claims.`);
    const t = report.manifest.tables;
    io.out(`NCCI index in ${report.outDir} (${((Date.now() - started) / 1000).toFixed(1)} s): ` +
      [t.ptp && `PTP ${t.ptp.release} ${t.ptp.rows} edits${t.ptp.duplicates ? ` (${t.ptp.duplicates} duplicates kept once)` : ''}`, t.mue && `MUE ${t.mue.release} ${t.mue.rows} codes`, t.aoc && `AOC ${t.aoc.release} ${t.aoc.rows} pairs`].filter(Boolean).join('; '));
    return report.errors.length > 0 ? 2 : skipped > 0 ? 1 : 0;
  }
  if ((kind === 'therapy' || kind === 'jz') && positional.length === 1) {
    const report = importModifierList(kind, positional[0], out, { release, now });
    for (const p of report.problems.slice(0, LISTED_PER_FILE)) io.err(`${positional[0]}:${p.line}: ${excerpt(p.message, MAX_MESSAGE_LENGTH)}`);
    if (report.problems.length > LISTED_PER_FILE) io.err(`${positional[0]}: ${report.problems.length - LISTED_PER_FILE} more skipped rows not listed.`);
    if (report.error) {
      io.err(`cpt-lens import: ${report.error}; nothing written.`);
      return 2;
    }
    io.out(`${MODIFIER_LIST_LABEL[kind]}: ${report.release}: ${report.rows} codes${report.ignored ? ` (${report.ignored} rows of another disposition left out)` : ''}${report.problems.length ? `, ${report.problems.length} skipped` : ''} → ${report.outDir}`);
    if (report.synthetic) io.out(`The file declares itself synthetic or not CMS data ("${report.synthetic}"): do not use the result for real claims.`);
    return report.problems.length > 0 ? 1 : 0;
  }
  if (kind === 'icd10-tabular' && positional.length === 1) {
    const report = importTabularNotes(positional[0], out, { release, now });
    if (report.error) {
      io.err(`cpt-lens import: ${report.error}; nothing written.`);
      return 2;
    }
    io.out(`${report.release}: ${report.rows} "code first" notes (${report.conditional} conditional ones, "if applicable" or "if known", left out) → ${report.outDir}`);
    if (report.synthetic) io.out(`The file declares itself synthetic or not CMS data ("${report.synthetic}"): do not use the result for real claims.`);
    return 0;
  }
  if ((kind === 'hcpcs' || kind === 'rvu' || kind === 'icd10') && positional.length === 1) {
    const report = importSource(kind as SourceKind, positional[0], out, { release, now });
    for (const p of report.problems.slice(0, LISTED_PER_FILE)) io.err(`${positional[0]}:${p.line}: ${excerpt(p.message, MAX_MESSAGE_LENGTH)}`);
    if (report.problems.length > LISTED_PER_FILE) io.err(`${positional[0]}: ${report.problems.length - LISTED_PER_FILE} more skipped rows not listed.`);
    if (report.error) {
      io.err(`cpt-lens import: ${report.error}; nothing written.`);
      return 2;
    }
    io.out(`${kind} ${report.release}: ${report.rows} rows${report.problems.length ? `, ${report.problems.length} skipped` : ''} → ${report.outDir}`);
    return report.problems.length > 0 ? 1 : 0;
  }
  io.err(IMPORT_USAGE);
  return 2;
}
