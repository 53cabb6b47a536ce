/**
 * The one reader of `.cptlens.json`, shared by the CLI and the language server, so the
 * README's promise that they agree is true by construction: the same file is found
 * (the nearest one at or above the checked file's folder), parsed, validated and
 * reduced to the same keys. Invalid entries are reported and dropped; the rest applies.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COLUMN_MAPPINGS } from './service/documents/columns';
import { PROJECT_KEYS, ProjectSettings, parseProjectFile } from './service/editorSettings';
import { RULE_IDS } from './service/registry';
import { validateSettings } from './service/settings';

export const PROJECT_FILE = '.cptlens.json';

/** The nearest `.cptlens.json` at or above `dir`; `cache` (folder → answer) spares repeated walks. */
export function findProjectFile(dir: string, cache?: Map<string, string | undefined>): string | undefined {
  const start = path.resolve(dir);
  if (cache?.has(start)) return cache.get(start);
  const candidate = path.join(start, PROJECT_FILE);
  const parent = path.dirname(start);
  const found = fs.existsSync(candidate) ? candidate : parent === start ? undefined : findProjectFile(parent, cache);
  cache?.set(start, found);
  return found;
}

export interface ProjectFile {
  /** The usable settings (empty when the file could not be read at all). */
  settings: ProjectSettings;
  /** What is wrong with it, each without the file name (callers add it). */
  problems: string[];
}

/** Reads, parses and validates a settings file. Never throws. */
export function readProjectFile(file: string): ProjectFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { settings: {}, problems: [`cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
  const parsed = parseProjectFile(text);
  if (!parsed.settings) return { settings: {}, problems: [parsed.problem ?? 'cannot be read'] };
  const checked = validateSettings(parsed.settings, RULE_IDS, COLUMN_MAPPINGS);
  const ignored = (parsed.ignored ?? []).map((key) => `"${key.slice(0, 40)}" is not a setting a project file may set (${PROJECT_KEYS.join(', ')}); ignored`);
  return { settings: checked.settings, problems: [...ignored, ...checked.problems] };
}
