/**
 * The bundled code set with knowledge records from test fixtures, so note tests do
 * not change when the shipped records do: `codeSetWithKnowledge()` answers `knowledge()` from the records in
 * test/fixtures/notes/ (47383 from the seed; a SYNTHETIC 20610 for count-units) and
 * everything else from the bundled data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeSet, KnowledgeRecord } from '../../server/src/codeset/types';
import { bundledCodeSet } from './codeSet';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'notes');

/** Every `knowledge-<code>.json` and `synthetic-knowledge-<code>.json` fixture, by code. */
export function fixtureKnowledge(): Map<string, KnowledgeRecord> {
  const records = new Map<string, KnowledgeRecord>();
  for (const name of fs.readdirSync(FIXTURES).sort()) {
    if (!/^(?:synthetic-)?knowledge-\w+\.json$/.test(name)) continue;
    const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Partial<KnowledgeRecord> & { code: string };
    // The family fields a one-code fixture leaves out, as the loader fills them.
    const record = { codes: [raw.code], searchTerms: [], bundling: [], ...raw, entries: new Map() } as KnowledgeRecord;
    records.set(record.code, record);
  }
  return records;
}

let cached: CodeSet | undefined;

/** A code set whose knowledge() answers from the fixture records (fixtures win, so tests do not change when shipped records do). */
export function codeSetWithKnowledge(): CodeSet {
  if (cached) return cached;
  const base = bundledCodeSet();
  const records = fixtureKnowledge();
  const knowledge = (code: string): KnowledgeRecord | undefined => records.get(code) ?? base.knowledge(code);
  cached = new Proxy(base, {
    get(target, property) {
      if (property === 'knowledge') return knowledge;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return cached;
}
