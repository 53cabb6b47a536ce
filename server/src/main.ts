/**
 * Entry point of the one executable, `cpt-lens`:
 *   cpt-lens serve --stdio | --node-ipc   start the language server
 *   cpt-lens check FILE|DIR...            print findings, exit 1 on errors
 *   cpt-lens import ncci|hcpcs|rvu|icd10  bring NCCI tables or a later CMS release into ~/.cptlens
 *   cpt-lens lookup CODE... | search WORDS...   hover facts and code search on the command line
 *   cpt-lens --help | --version
 */
import { version } from '../../package.json';
import * as v8 from 'node:v8';
import { STREAM_HEAP_GROWTH, runCheck } from './cli/check';
import { runLookup, runSearch } from './cli/lookup';
import { IMPORT_USAGE, runImport } from './cli/import';
import { describePeriod } from './codeset/dataPeriods';
import { DataLoadError, loadCodeSet, userLoadOptions } from './codeset/load';
import { startServer } from './lsp/server';

const USAGE = `cpt-lens ${version}: CPT/HCPCS coding checks for charge files and notes

Usage:
  cpt-lens check [--format text|json|sarif] [--config FILE] FILE|DIR...
                                    check files (directories: *.csv *.tsv *.tab *.txt *.md);
                                    text prints "path:line:col severity rule-id message";
                                    settings from --config or the nearest .cptlens.json;
                                    exit 1 when errors were found, 0 when clean, 2 on usage/I/O errors
  cpt-lens import ncci PATH...      import NCCI PTP/MUE/add-on tables (files, folders, CMS zip)
  cpt-lens import hcpcs|rvu|icd10 FILE
                                    import a later CMS release (see "cpt-lens import" for options)
  cpt-lens lookup CODE...           what the hover shows: 47383, 47383-22, J1100, 59, E11.9, pos:11
  cpt-lens search WORDS...          find codes by words ("cryo liver"); --kind modifier|diagnosis|pos
  cpt-lens serve --stdio            start the language server on stdin/stdout
  cpt-lens serve --node-ipc         start the language server over Node IPC (VS Code)
  cpt-lens --help | --version
`;

// Output piped into a reader that stops early (`| head`) ends the process quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  const io = { out: (l: string) => process.stdout.write(l + '\n'), outBytes: (b: Buffer) => process.stdout.write(b), err: (l: string) => process.stderr.write(l + '\n') };
  switch (command) {
    case '--version':
    case '-v':
      io.out(version);
      try {
        // Every table with its period: findings on dates outside one are warnings (data-period).
        const { codeSet } = loadCodeSet(userLoadOptions());
        for (const p of codeSet.version().periods ?? []) io.out(`  ${p.name}: ${describePeriod(p)}`);
        io.out(`  NCCI: ${codeSet.version().ncci ?? 'not imported (cpt-lens import ncci PATH)'}`);
        io.out(`  Therapy code list (GP/GO/GN): ${codeSet.modifierList?.('therapy')?.release ?? 'not imported (cpt-lens import therapy FILE)'}`);
        io.out(`  Single-dose drug list (JW/JZ): ${codeSet.modifierList?.('jz')?.release ?? 'not imported (cpt-lens import jz FILE)'}`);
        io.out(`  ICD-10-CM "code first" notes: ${codeSet.tabularNotes?.()?.release ?? 'not imported (cpt-lens import icd10-tabular FILE)'}`);
      } catch (error) {
        io.err(error instanceof DataLoadError ? error.message : `cpt-lens: cannot load data (${(error as Error).message})`);
      }
      return;
    case '--help':
    case '-h':
    case 'help':
      io.out(USAGE);
      return;
    case 'serve':
      if (!rest.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
        io.err('usage: cpt-lens serve --stdio | --node-ipc');
        process.exitCode = 2;
        return;
      }
      // A big document's text is a new string at every keystroke (5.8 MB for 100k lines), and
      // V8 by default lets the old ones pile up to several times the live heap before it
      // collects: 924 MB after a 200-keystroke session where the live heap is under 400 MB.
      // Collecting at half again the live heap kept it at 428 MB, at a cost not above the
      // noise of the typing latencies (bench-editor). As the CLI's streamed check does.
      v8.setFlagsFromString(`--heap-growing-percent=${Number(process.env.CPT_LENS_HEAP_GROWTH ?? STREAM_HEAP_GROWTH)}`);
      startServer(version);
      return;
    case 'check':
      // Asynchronous: a big file's parts are checked by worker threads too (cli/checkPool.ts).
      runCheck(rest, io).then(
        (code) => {
          process.exitCode = code;
        },
        (error: Error) => {
          io.err(error instanceof DataLoadError ? error.message : `cpt-lens: ${error.stack}`);
          process.exitCode = 2;
        },
      );
      return;
    case 'lookup':
      process.exitCode = runLookup(rest, io);
      return;
    case 'search':
      process.exitCode = runSearch(rest, io);
      return;
    case 'import':
      try {
        process.exitCode = runImport(rest, io);
      } catch (error) {
        io.err(`cpt-lens import: ${(error as Error).message}\n${IMPORT_USAGE}`);
        process.exitCode = 2;
      }
      return;
    default:
      io.err(command ? `cpt-lens: unknown command "${command}"\n\n${USAGE}` : USAGE);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2));
