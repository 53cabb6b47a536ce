/**
 * The service's public surface: what the shells (lsp/, cli/) may use. They import from
 * here and nowhere else in service/ (eslint.config.mjs enforces it), so every handler goes
 * through the facade (`getLanguageService`) and the few pure helpers named below; the
 * service's internals can move without the shells noticing.
 */
export { type LanguageService, type LanguageServiceOptions, type DocumentEdit, documentKindOf, getLanguageService } from './languageService';
export type { Finding, OffsetEdit, Severity } from './types';
export { type FindingsView, madeOf, sameMade } from './findingsView';
export { SEVERITY_RANK, compareFindings } from './types';
export type { TextChange } from './documents/rowEdit';
export { type CptLensSettings, DEFAULT_SETTINGS, effectiveSettings } from './editorSettings';
export { type CheckSettings, validateSettings } from './settings';
export { MAX_MESSAGE_LENGTH, excerpt } from './excerpt';
export { RULES, RULE_IDS } from './registry';
export { COLUMN_MAPPINGS, type ColumnMap, type ColumnMapping, normaliseHeader } from './documents/columns';
export { SAMPLE_ROWS, readColumns } from './documents/columnReading';
export { FIX_ALL_KIND, FIX_ALL_QUICKFIX_KIND, FIX_ALL_TITLE, type SafeFix, fixAllQuickFixTitle, fixAllSafe, fixAllSafeEdits, quickFixes } from './features/codeActions';
export { type ClaimSummary, lensTitle } from './features/codeLens';
export { resolveCompletion } from './features/completion';
export { isInCell } from './features/typedCell';
export { describeProcedure } from './features/hover';
export { describeDiagnosis, describeModifier, describePlaceOfService } from './features/hoverSections';
export { dataPeriodNote } from './rules/dataPeriod';
