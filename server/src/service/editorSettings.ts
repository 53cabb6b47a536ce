/**
 * Every `cptLens.*` editor setting. The check settings (severities, modifier order,
 * columns) are the rules branch's `CheckSettings`, shared with `.cptlens.json` and
 * the CLI; the rest is what only an editor has. `package.json`'s
 * `contributes.configuration` is kept in step with these types by a meta test
 * (test/unit/features/settingsSchema.test.ts), JSDoc included. Pure data.
 */
import { excerpt } from './excerpt';
import type { CheckSettings } from './settings';

export interface CptLensSettings extends CheckSettings {
  /** Glob patterns of the files CPT Lens checks (charge files: .csv, .tsv; notes: .txt, .md). */
  files?: string[];
  inlayHints?: {
    /** Show the descriptor after each code cell in charge files. */
    enabled?: boolean;
    /** Longest descriptor shown in an inlay hint; longer ones are cut with an ellipsis. */
    maxLength?: number;
  };
  codeLens?: {
    /** Show a summary above each claim: lines, total RVUs, national payment estimate, findings. */
    enabled?: boolean;
    /** Which claims get a summary lens: `findings` (only claims with findings), `all`, or `off`. */
    mode?: 'findings' | 'all' | 'off';
  };
  /** Folders of extra knowledge records (JSON, one code per file). Not read in an untrusted workspace. */
  knowledgeFolders?: string[];
  /** A licensed AMA CPT descriptor file (code TAB descriptor) that replaces the bundled short descriptors. Not read in an untrusted workspace. */
  cptDescriptorFile?: string;
  /** Folder of imported data (the NCCI index, newer CMS tables); empty means ~/.cptlens. Not read in an untrusted workspace. */
  dataFolder?: string;
  /** Most findings shown per file (errors first); 0 means no limit. */
  maxFindingsPerFile?: number;
}

export const DEFAULT_SETTINGS = {
  inlayHints: { enabled: true, maxLength: 40 },
  codeLens: { enabled: true, mode: 'findings' },
  maxFindingsPerFile: 1000,
} as const;

/** Keys a `.cptlens.json` project file may set; it wins over the user's settings for these. */
export const PROJECT_KEYS = ['rules', 'modifierOrder', 'columns', 'operativeReport', 'maxFindingsPerFile', 'locality'] as const;

/** What a `.cptlens.json` may set. */
export type ProjectSettings = CheckSettings & { maxFindingsPerFile?: number };

/**
 * The settings a document is checked with: the editor's, then `.cptlens.json` on top
 * (as in the CLI, so the editor and CI agree). Rule severities merge per rule.
 */
export function effectiveSettings(user: CptLensSettings, project: ProjectSettings | undefined): CptLensSettings {
  if (!project) return user;
  const merged: CptLensSettings = { ...user };
  if (project.rules) merged.rules = { ...user.rules, ...project.rules };
  if (project.modifierOrder) merged.modifierOrder = project.modifierOrder;
  if (project.locality !== undefined) merged.locality = project.locality;
  if (project.columns) merged.columns = { ...user.columns, ...project.columns };
  if (project.operativeReport) merged.operativeReport = project.operativeReport;
  if (project.maxFindingsPerFile !== undefined) merged.maxFindingsPerFile = project.maxFindingsPerFile;
  return merged;
}

/**
 * Parses a `.cptlens.json` text: the settings and the keys it ignored (not settings a
 * project file may set), or the problem that stops it being read. Never throws.
 */
/** Largest `.cptlens.json` read (a real one is a few hundred bytes). */
export const MAX_PROJECT_FILE_LENGTH = 256 * 1024;
/** Deepest nesting of objects and lists in a settings file (the settings need two). */
export const MAX_SETTINGS_DEPTH = 8;

/** Whether a parsed JSON value nests deeper than `max` (iterative: a hostile file cannot overflow the stack). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const item of Array.isArray(v) ? v : Object.values(v)) stack.push([item, depth + 1]);
  }
  return false;
}

export function parseProjectFile(text: string): { settings?: ProjectSettings; problem?: string; ignored?: string[] } {
  if (text.length > MAX_PROJECT_FILE_LENGTH) return { problem: `too large (${text.length} characters; a settings file is at most ${MAX_PROJECT_FILE_LENGTH}); not read` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${excerpt((error as Error).message, 120)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'expected a JSON object' };
  if (nestsDeeperThan(value, MAX_SETTINGS_DEPTH)) return { problem: `nested more than ${MAX_SETTINGS_DEPTH} levels deep; not read` };
  const out: Record<string, unknown> = {};
  for (const key of PROJECT_KEYS) if (key in value) out[key] = (value as Record<string, unknown>)[key];
  const known: ReadonlySet<string> = new Set(PROJECT_KEYS);
  const ignored = Object.keys(value).filter((key) => !known.has(key));
  return { settings: out as ProjectSettings, ...(ignored.length > 0 ? { ignored } : {}) };
}
