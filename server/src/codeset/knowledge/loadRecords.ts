/**
 * Reads a folder of knowledge records (*.json, one record or a list per file, in
 * name order). A broken file or record is reported with its file and line and
 * skipped; a code recorded twice (alone or in a family's range) keeps the first record
 * and reports the second.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataProblem } from '../compiled';
import type { KnowledgeRecord } from '../types';
import { formatSpan, spansOf, spansOverlap } from './codeRanges';
import { KnowledgeReadOptions, parseKnowledgeFile, recordLines } from './record';

/** Largest knowledge file read (a record is a few kilobytes; a folder of them is not a data dump). */
export const MAX_KNOWLEDGE_FILE_BYTES = 1024 * 1024;
/** Most files read from one knowledge folder. */
export const MAX_KNOWLEDGE_FILES = 20_000;

/**
 * `source`: what to record as the record's source ("bundled"); the file path when
 * undefined. `options.knownCode`: entries for codes the loaded data lacks are reported.
 */
export function readKnowledgeFolder(dir: string, source: string | undefined, problems: DataProblem[], options: KnowledgeReadOptions = {}): KnowledgeRecord[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (error) {
    // The bundled folder may be absent in a data folder that only has tables; a user folder must exist.
    if (source === undefined) problems.push({ file: dir, line: 1, message: `cannot read the knowledge folder (${(error as Error).message}).` });
    return [];
  }
  const records: KnowledgeRecord[] = [];
  if (names.length > MAX_KNOWLEDGE_FILES) {
    problems.push({ file: dir, line: 1, message: `${names.length} files: a knowledge folder holds at most ${MAX_KNOWLEDGE_FILES}; the files after the first ${MAX_KNOWLEDGE_FILES} are skipped.` });
    names = names.slice(0, MAX_KNOWLEDGE_FILES);
  }
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      const size = fs.statSync(file).size;
      if (size > MAX_KNOWLEDGE_FILE_BYTES) {
        problems.push({ file, line: 1, message: `too large (${size} bytes; a knowledge file is at most ${MAX_KNOWLEDGE_FILE_BYTES}); skipped.` });
        continue;
      }
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ file, line: 1, message: `cannot read (${(error as Error).message}); skipped.` });
      continue;
    }
    for (const record of parseKnowledgeFile(text, file, source ?? file, problems, options)) {
      const mine = spansOf(record.codes);
      const earlier = records.find((r) => spansOf(r.codes).some((a) => mine.some((b) => spansOverlap(a, b))));
      if (earlier) {
        const shared = mine.find((b) => spansOf(earlier.codes).some((a) => spansOverlap(a, b)));
        problems.push({ file, line: recordLines.get(record) ?? 1, message: `A knowledge record for ${shared ? formatSpan(shared) : record.code} was already read from this folder (${earlier.codes.join(', ')}); this one is skipped.` });
        continue;
      }
      records.push(record);
    }
  }
  return records;
}
