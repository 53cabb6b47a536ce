/**
 * Where a rule's documentation page is on this machine: `docs/rules/<id>.md` in the
 * installed package (the `.vsix` and a clone both ship it), as a `file:` URI, so the
 * link in a diagnostic or a SARIF report opens offline. Used by the server and the CLI.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledDataDir } from './codeset/load';
import { ruleDocPath } from './service/registry';

/** The installed package's root, found once when the module loads (a constant of the process, not state). */
const PACKAGE_ROOT = path.dirname(bundledDataDir());

export function ruleDocUri(id: string): string {
  return pathToFileURL(path.join(PACKAGE_ROOT, ruleDocPath(id))).href;
}
