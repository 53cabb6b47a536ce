/**
 * The compiled data against the CMS files it was built from, read here a second,
 * independent way (fixed column positions from the CMS record layouts, a separate CSV
 * split), so that a wrong parse cannot pass. The sources are the repository's own
 * (data/sources/, gzip-compressed).
 */
import * as assert from 'node:assert/strict';
import type { FeeScheduleRow } from '../../../server/src/codeset/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundled, dataDir, readSource } from './support';

/** A minimal quote-aware CSV line split, independent of the product's parser. */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

const lines = (text: string): string[] => text.split(/\r?\n/).filter((l) => l.trim() !== '');
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const iso = (d: string): string => (d.trim() ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : '');
/** Every nth element, so a sample covers the whole file. */
const sample = <T>(all: readonly T[], n: number): T[] => all.filter((_, i) => i % n === 0);

describe('compiled data vs the CMS source files', () => {
  const { codeSet, problems } = bundled();

  it('loads without problems', () => {
    assert.deepEqual(problems, []);
  });

  describe('fee schedule (PPRRVU2025_Oct.csv)', () => {
    const rows = lines(readSource('mpfs-rvu/PPRRVU2025_Oct.csv')).slice(10).map(splitCsv);
    it('has every row and code', () => {
      assert.equal(rows.length, 19090);
      const codes = new Set(rows.map((r) => r[0]));
      assert.equal(codes.size, 16852);
      assert.equal(codeSet.procedureCodes().filter((c) => codeSet.procedure(c)?.row).length, 16852);
      for (const code of codes) assert.ok(codeSet.procedure(code)?.row, code);
    });
    it('matches a sample of rows field by field, variants included', () => {
      const picked = [...sample(rows, 97), ...rows.filter((r) => ['47383', '71045', '27447', '29881', 'G0439'].includes(r[0]))];
      for (const r of picked) {
        const p = codeSet.procedure(r[0]);
        assert.ok(p, r[0]);
        const row = (r[1] ? p.variants.get(r[1]) : p.row) as FeeScheduleRow;
        assert.ok(row, `${r[0]}-${r[1]}`);
        const n = (s: string): number => Number(s || '0');
        assert.deepEqual(
          [row.descriptor, row.status, row.rvu.work, row.rvu.peNonFacility, row.rvu.nonFacilityNA, row.rvu.peFacility, row.rvu.facilityNA, row.rvu.malpractice,
            row.rvu.totalNonFacility, row.rvu.totalFacility, row.pctc, row.globalDays, row.multipleProcedure, row.bilateral, row.assistant, row.coSurgeons,
            row.teamSurgery, row.endoscopicBase, row.conversionFactor],
          [r[2].trim(), r[3], n(r[5]), n(r[6]), r[7] === 'NA', n(r[8]), r[9] === 'NA', n(r[10]), n(r[11]), n(r[12]), r[13], r[14], r[18], r[19], r[20], r[21],
            r[22], r[23], n(r[24])],
          `${r[0]}-${r[1]}`,
        );
      }
    });
    it('keeps the seed facts of 47383 (DOMAIN.md section 5)', () => {
      const row = codeSet.procedure('47383')?.row;
      assert.ok(row);
      assert.deepEqual([row.status, row.globalDays, row.multipleProcedure, row.bilateral, row.assistant, row.coSurgeons, row.teamSurgery, row.pctc, row.rvu.work, row.rvu.peNonFacility],
        ['A', '010', '2', '0', '1', '0', '0', '0', 8.88, 159.2]);
    });
  });

  describe('HCPCS Level II (the fixed-width file, read here by its record layout positions)', () => {
    // HCPC2025_recordlayout.txt: code 1-5, RECID 11, long description 12-91 (continued on
    // RECID 4/8 lines), short description 92-119, pricing 120-127, coverage 230, BETOS
    // 257-259, add date 269-276, action effective date 277-284, termination 285-292, action 293.
    const at = (l: string, from: number, to: number): string => l.slice(from - 1, to);
    const records = lines(readSource('hcpcs-level2/HCPC2025_JAN_ANWEB_12172024.txt'));
    const firsts = records.filter((l) => l[10] === '3' || l[10] === '7');
    const procedures = records.filter((l) => l[10] === '3');
    const longDescription = new Map<string, string>();
    for (const l of records) {
      if (!'3478'.includes(l[10])) continue;
      const code = at(l, 1, 5).trim();
      longDescription.set(code, (longDescription.get(code) ?? '') + at(l, 12, 91));
    }
    it('has all 8,259 procedure records (8,642 with the 383 modifiers)', () => {
      assert.equal(firsts.length, 8642);
      assert.equal(procedures.length, 8259);
      for (const l of procedures) assert.ok(codeSet.procedure(at(l, 1, 5))?.hcpcs, at(l, 1, 5));
    });
    it('matches a sample field by field', () => {
      for (const l of [...sample(procedures, 41), ...procedures.filter((p) => ['G0439', 'J1100', 'A4550', 'C9754'].includes(at(p, 1, 5)))]) {
        const code = at(l, 1, 5);
        const h = codeSet.procedure(code)?.hcpcs;
        assert.ok(h, code);
        assert.deepEqual(
          [squash(h.longDescription), h.shortDescription, h.pricing, h.coverage, h.betos, h.addDate, h.actionEffectiveDate, h.terminationDate, h.actionCode],
          [squash(longDescription.get(code) ?? ''), squash(at(l, 92, 119)), [0, 1, 2, 3].map((i) => at(l, 120 + 2 * i, 121 + 2 * i).trim()).filter(Boolean),
            at(l, 230, 230).trim(), at(l, 257, 259).trim(), iso(at(l, 269, 276)), iso(at(l, 277, 284)), iso(at(l, 285, 292)), at(l, 293, 293).trim()],
          code,
        );
      }
    });
    it('keeps every termination date (1,165 records per SOURCE.md: codes and modifiers)', () => {
      const terminated = firsts.filter((l) => at(l, 285, 292).trim() !== '');
      assert.equal(terminated.length, 1165);
      for (const l of terminated) {
        const code = at(l, 1, 5).trim();
        const got = l[10] === '7' ? codeSet.modifier(code)?.terminationDate : codeSet.procedure(code)?.hcpcs?.terminationDate;
        assert.equal(got, iso(at(l, 285, 292)), code);
      }
    });
    it('joins the BETOS name', () => {
      assert.equal(codeSet.procedure('G0439')?.hcpcs?.betosName, 'Specialist - other');
    });
    it('adds the codes of the July 2025 long-description-only file', () => {
      const july = lines(readSource('hcpcs-level2/2025-07-longdesc-only/HCPC2025_JUL_ANWEB_v3.xlsx.csv')).slice(1).map(splitCsv);
      const january = new Set(firsts.map((l) => at(l, 1, 5).trim()));
      const added = july.filter((r) => !january.has(r[0].trim()));
      assert.equal(added.length, 128);
      for (const r of added) {
        const p = codeSet.procedure(r[0].trim());
        assert.equal(p?.hcpcs?.descriptionOnly, true, r[0]);
        assert.equal(p?.hcpcs?.longDescription, squash(r[1]), r[0]);
      }
    });
  });

  describe('ICD-10-CM FY2025', () => {
    it('has every order-file record with its billable flag', () => {
      const order = lines(readSource('icd10cm/icd10cm_order_2025.txt'));
      assert.equal(order.length, 97584);
      let billable = 0;
      for (const l of sample(order, 7)) {
        const d = codeSet.diagnosis(l.slice(6, 13).trim());
        assert.ok(d, l.slice(6, 13));
        assert.equal(d.billable, l[14] === '1');
      }
      for (const l of order) if (l[14] === '1') billable++;
      assert.equal(billable, 74260);
    });
    it('has every billable code with its long description (order file positions 7-13, 15, 78-)', () => {
      const order = lines(readSource('icd10cm/icd10cm_order_2025.txt')).filter((l) => l[14] === '1');
      for (const l of sample(order, 3)) {
        const code = l.slice(6, 13).trim();
        const d = codeSet.diagnosis(code);
        assert.ok(d?.billable, code);
        assert.equal(d.longDescription, l.slice(77).trim(), code);
      }
    });
    it('shows header codes as not billable, with the dot', () => {
      assert.deepEqual([codeSet.diagnosis('E11')?.billable, codeSet.diagnosis('E11.9')?.display, codeSet.diagnosis('e119')?.billable], [false, 'E11.9', true]);
    });
  });

  describe('place of service and BETOS', () => {
    it('has every POS row of the source, plus 27 and 66', () => {
      const rows = lines(readSource('place-of-service/place_of_service_codes.csv').replace(/^\uFEFF/, '')).slice(1).map(splitCsv);
      for (const [code, name] of rows) assert.equal(codeSet.placeOfService(code)?.name, name, code);
      assert.equal(codeSet.placeOfService('27')?.name, 'Outreach Site/Street');
      assert.ok(codeSet.placeOfService('66'));
      assert.deepEqual(['11', '21', '22', '24'].map((c) => codeSet.placeOfService(c)?.facility), [false, true, true, true]);
    });
    it('has every BETOS category of the source with its name, P1G among them', () => {
      const rows = lines(readSource('betos/betos_codes_from_HCPC2025_recordlayout.csv')).slice(1).map(splitCsv);
      assert.equal(rows.length, 107);
      const compiled = new Map(fs.readFileSync(path.join(dataDir, 'betos.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t') as [string, string]));
      assert.equal(compiled.size, rows.length);
      // The source writes O1L with a zero (01L); the build corrects it so the HCPCS join works.
      for (const [code, name] of rows) assert.equal(compiled.get(code === '01L' ? 'O1L' : code)?.toLowerCase(), name.toLowerCase(), code);
      assert.equal(compiled.get('P1G'), 'Major procedure - other', 'the seed page: P1G (MAJOR PROCEDURE - OTHER)');
      assert.equal(codeSet.procedure('G0439')?.hcpcs?.betosName, compiled.get(codeSet.procedure('G0439')?.hcpcs?.betos ?? ''), 'the code set joins the name');
    });
  });
});
