/**
 * The bundled code set with knowledge records from test fixtures, until the data
 * branch ships records: `codeSetWithKnowledge()` answers `knowledge('47383')` from
 * test/fixtures/notes/knowledge-47383.json and everything else from the bundled data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeSet, KnowledgeRecord } from '../../server/src/codeset/types';
import { bundledCodeSet } from './codeSet';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'notes');

export function fixtureKnowledge(code: string): KnowledgeRecord {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `knowledge-${code}.json`), 'utf8')) as KnowledgeRecord;
}

let cached: CodeSet | undefined;

/** A code set whose knowledge(47383) is the fixture record (fixtures win, so tests do not change when shipped records do). */
export function codeSetWithKnowledge(): CodeSet {
  if (cached) return cached;
  const base = bundledCodeSet();
  const records = new Map([['47383', fixtureKnowledge('47383')]]);
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
