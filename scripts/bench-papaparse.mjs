// The whole-process baseline of bench-cli.mjs: papaparse reading and parsing a file, as a
// program that parses a CSV export would. `node scripts/bench-papaparse.mjs FILE` prints the row count.
import fs from 'node:fs';
import Papa from 'papaparse';

const result = Papa.parse(fs.readFileSync(process.argv[2], 'utf8'));
process.stdout.write(`${result.data.length} rows\n`);
