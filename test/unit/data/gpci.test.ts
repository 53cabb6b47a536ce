/**
 * The bundled GPCI table against the CMS file read a second way (a regular expression per
 * line instead of the CSV reader), so a parser slip cannot pass unnoticed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { repoRoot, plainCodeSet } from '../../golden/testCodeSet';

describe('GPCI table (data/gpci.tsv) vs GPCI2025.csv', () => {
  const source = zlib.gunzipSync(fs.readFileSync(path.join(repoRoot, 'data', 'sources', 'mpfs-rvu', 'GPCI2025.csv.gz'))).toString('latin1');
  const rows = [...source.matchAll(/^(\d{5}),([A-Z]{2}),(\d{2}),("[^"]*"|[^,]*),([\d.]+),([\d.]+),([\d.]+)\s*$/gm)];

  it('has every locality of the CMS file, with the same three GPCIs', () => {
    assert.ok(rows.length > 100, `${rows.length} localities in the source`);
    for (const [, mac, state, locality, name, work, pe, mp] of rows) {
      const got = plainCodeSet().paymentLocality?.(mac, locality);
      assert.ok(got, `${mac}-${locality} loaded`);
      assert.deepEqual([got.state, got.name, got.work, got.practiceExpense, got.malpractice], [state, name.replace(/^"|"$/g, ''), Number(work), Number(pe), Number(mp)]);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'data', 'manifest.json'), 'utf8')) as { gpci: { rows: number } };
    assert.equal(manifest.gpci.rows, rows.length);
  });
});
