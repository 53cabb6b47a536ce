/**
 * Settings per document, the vscode-eslint way: pulled from the client with
 * `workspace/configuration` for the document's URI, cached by URI, dropped on
 * `didChangeConfiguration` (the server then re-checks). A `.cptlens.json` in the
 * document's folder or any folder above it (up to the file system root) wins over
 * the editor's settings for the keys it sets, as in the CLI: both read it through
 * `server/src/projectFile.ts`. Nothing lives in globals.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { COLUMN_MAPPINGS, CptLensSettings, effectiveSettings, RULE_IDS, validateSettings } from '../service';
import { PROJECT_FILE, findProjectFile, readProjectFile } from '../projectFile';

/** The nearest `.cptlens.json` at or above the document's folder; file: URIs only. */
export function projectFileOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return findProjectFile(path.dirname(fileURLToPath(uri)));
  } catch {
    return undefined;
  }
}

export interface DocumentSettings {
  settings: CptLensSettings;
  /** The project file that applied, if any. */
  projectFile?: string;
  /** What is wrong with the project file (reported once per change). */
  projectProblem?: string;
}

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<DocumentSettings>>();
  /** Bumped on every change, so results computed with older settings are known stale. */
  generation = 0;

  constructor(
    private readonly connection: Connection,
    /** Whether the client answers `workspace/configuration`; Neovim without settings does not need to. */
    private readonly pull: () => boolean,
  ) {}

  get(uri: string): Promise<DocumentSettings> {
    let cached = this.byUri.get(uri);
    if (!cached) {
      cached = this.read(uri);
      this.byUri.set(uri, cached);
    }
    return cached;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
    this.generation++;
  }

  private async read(uri: string): Promise<DocumentSettings> {
    let user: CptLensSettings = {};
    if (this.pull()) {
      try {
        const configured = ((await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'cptLens' })) as CptLensSettings | null) ?? {};
        // The editor validates against the schema, but a hand-edited settings.json can
        // still hold anything: invalid entries are dropped, never used.
        user = validateSettings(configured, RULE_IDS, COLUMN_MAPPINGS).settings;
      } catch {
        user = {};
      }
    }
    const projectFile = projectFileOf(uri);
    if (!projectFile) return { settings: user };
    const project = readProjectFile(projectFile);
    if (project.problems.length > 0) this.report(projectFile, project.problems);
    return { settings: effectiveSettings(user, project.settings), projectFile, projectProblem: project.problems.join('; ') || undefined };
  }

  /** Says once per file and text of problem what is wrong with a project file (path and problem only). */
  private readonly reported = new Set<string>();
  private report(file: string, problems: string[]): void {
    const key = `${file}\u0000${problems.join('\u0000')}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.connection.console.warn(`${file}: ${problems.join('; ')}`);
    void this.connection.window.showWarningMessage(`CPT Lens: ${PROJECT_FILE} has problems (${problems.join('; ')}); the rest of it applies.`);
  }
}
