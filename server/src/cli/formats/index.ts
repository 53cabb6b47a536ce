import { csvFormat } from './csv';
import type { FormatContext, OutputFormat } from './format';
import { githubFormat } from './github';
import { jsonFormat } from './json';
import { junitFormat } from './junit';
import { sarifFormat } from './sarif';
import { textFormat } from './text';

/** Every `--format`, by name. */
export const FORMATS: Readonly<Record<string, (context: FormatContext) => OutputFormat>> = {
  text: textFormat, json: jsonFormat, sarif: sarifFormat, csv: csvFormat, junit: junitFormat, github: githubFormat,
};
export type { CheckedFinding, OutputFormat, Totals } from './format';
