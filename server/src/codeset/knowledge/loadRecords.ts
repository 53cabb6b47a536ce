/** Reads a folder of knowledge records (*.json). Filled in with the record schema. */
import type { DataProblem } from '../compiled';
import type { KnowledgeRecord } from '../types';

export function readKnowledgeFolder(_dir: string, _source: string | undefined, _problems: DataProblem[]): KnowledgeRecord[] {
  return [];
}
