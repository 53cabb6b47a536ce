/**
 * What the VS Code client and the language server exchange beyond LSP itself: the
 * command ids and the shapes of their answers. The one module of the server the client
 * imports (an ESLint rule enforces it), so the two cannot drift apart.
 */
import type { DataRelease, DataVersion, SearchHit, SearchKind } from './codeset/types';
import type { ColumnMapView, HeaderColumn, RoleChoice } from './service/features/columnMap';

export type { ColumnMapView, HeaderColumn, RoleChoice, SearchHit, SearchKind };

/** Commands the server executes (`workspace/executeCommand`); any LSP client may call them. */
export const SERVER_COMMAND = {
  /** `[query: string, kind?: SearchKind, limit?: number]` → `SearchHit[]`. */
  search: 'cptLens.server.search',
  /** `[]` → `DataSources | null` (null while the code set is loading or failed to load). */
  dataSources: 'cptLens.server.dataSources',
  /** `[{ paths: string[] }]` → `ImportSummary`. */
  importNcci: 'cptLens.server.importNcci',
  /** `[{ uri: string }]` → `ColumnMapView | null` (null for a document that is not an open charge file). */
  columnReading: 'cptLens.server.columnReading',
  /**
   * `[{ uri: string, columns: { [header]: role | null } }]` → `MapColumnsResult`: merges the mapping
   * into the nearest `.cptlens.json` (a new one beside the file when there is none; `null` drops
   * a header's entry) and re-checks open documents.
   */
  mapColumns: 'cptLens.server.mapColumns',
} as const;

/** The answer of `cptLens.server.mapColumns`. */
export interface MapColumnsResult {
  /** The project file written, or undefined when it could not be (not a file, or not valid JSON). */
  file?: string;
  error?: string;
}

export const SERVER_COMMANDS: readonly string[] = Object.values(SERVER_COMMAND);

/** The VS Code client's own commands (package.json `contributes.commands`). */
export const CLIENT_COMMAND = {
  searchCodes: 'cptLens.searchCodes',
  importNcci: 'cptLens.importNcci',
  showDataSources: 'cptLens.showDataSources',
  restartServer: 'cptLens.restartServer',
  showOutput: 'cptLens.showOutput',
  /** A code lens click: shows the claim summary (its argument, plain text). */
  showClaim: 'cptLens.showClaim',
  /** *Map columns…*: assign column roles from the header of the active charge file. */
  mapColumns: 'cptLens.mapColumns',
  /** After an "accept with reason" edit: `[uri: string, line: number, character: number]` puts the cursor where the reason goes. */
  placeCursor: 'cptLens.placeCursor',
  /** A pick list of judgment fixes: `[{ title, items: { label, description, detail, edit }[] }]`, the chosen edit applied. */
  pickFix: 'cptLens.pickFix',
} as const;

/** What "Show data sources" and the status bar show: the code set's version and release, and where they came from. */
export interface DataSources extends DataVersion, Omit<DataRelease, 'feeSchedule'> {
  trusted: boolean;
  dataFolder: string;
  knowledgeFolders: string[];
  cptDescriptorFile?: string;
  loadMs: number;
  /** Problems met while loading (file and message; data files only, never documents). */
  problems: string[];
}

/** The answer of `cptLens.server.importNcci`. */
export interface ImportSummary {
  ok: boolean;
  dataFolder: string;
  /** `synthetic`: the file's own words when it declares itself synthetic, a test or not CMS data. */
  files: { name: string; table?: string; rows: number; problems: number; skipped?: string; synthetic?: string }[];
  /** Each table the import wrote, in words, with its release and rows. */
  tables?: { label: string; release: string; rows: number; files: number }[];
  errors: string[];
  /** The NCCI release now loaded. */
  ncci?: string;
}
