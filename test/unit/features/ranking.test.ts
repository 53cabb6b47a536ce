/**
 * Finding the right code: clinical queries as coders and physicians type them
 * (test/fixtures/search/clinical-queries.tsv, written before the ranking was measured),
 * each with the code a coder would pick. The expected code must be in the top 3 for at
 * least 90% of them; the rate and the misses are printed, so a change shows what it
 * costs. Run: node node_modules/mocha/bin/mocha.js out/test/unit/features/ranking.test.js
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService } from '../../../server/src/service/languageService';
import { bundledCodeSet, withCursor } from '../../support/codeSet';

const QUERIES = path.resolve(__dirname, '../../../../test/fixtures/search/clinical-queries.tsv');

function queries(): { query: string; code: string }[] {
  return fs
    .readFileSync(QUERIES, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [query, code] = l.split('\t');
      return { query, code };
    });
}

describe('finding the right code: clinical queries', () => {
  const codeSet = bundledCodeSet();

  it('puts the expected code in the top 3 for at least 90% of at least 50 clinical queries', () => {
    const list = queries();
    assert.ok(list.length >= 50, `${list.length} queries`);
    for (const q of list) assert.ok(codeSet.procedure(q.code)?.row, `${q.code} is a fee-schedule code`);
    const misses: string[] = [];
    for (const q of list) {
      const top = codeSet.search(q.query, 'procedure', 3).map((h) => h.code);
      if (!top.includes(q.code)) misses.push(`"${q.query}" → ${top.join(' ') || 'nothing'} (expected ${q.code})`);
    }
    const found = list.length - misses.length;
    console.log(`      top-3: ${found}/${list.length} (${((100 * found) / list.length).toFixed(1)}%)${misses.map((m) => `\n        miss: ${m}`).join('')}`);
    assert.ok(found / list.length >= 0.9, misses.join('\n'));
  });

  it('tells 29880 from 29881 in completion: the distinguishing phrase is in the detail', () => {
    const service = getLanguageService({ codeSet });
    const { text, offset } = withCursor('Procedure: CPT 2988|');
    const items = service.complete(text, offset, 'note').items;
    const detail = (code: string): string => items.find((i) => i.label === code)?.detail ?? '';
    assert.match(detail('29881'), /^meniscectomy in one compartment, medial OR lateral.* · Knee arthroscopy\/surgery$/);
    assert.match(detail('29880'), /^meniscectomy in both compartments, medial AND lateral/);
    assert.notEqual(detail('29880'), detail('29881'));
  });

  it('in a note, completion after "CPT " ranks codes by the words of the procedure line', () => {
    const service = getLanguageService({ codeSet });
    const first = (line: string): string | undefined => {
      const { text, offset } = withCursor(line);
      return service.complete(text, offset, 'note').items[0]?.label;
    };
    assert.equal(first('Right knee arthroscopic partial medial meniscectomy (CPT |'), '29881');
    assert.equal(first('Laparoscopic cholecystectomy with intraoperative cholangiogram, CPT |'), '47563');
    assert.equal(first('PROCEDURE: Left total knee arthroplasty, CPT |'), '27447');
  });
});
