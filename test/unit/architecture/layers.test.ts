/**
 * The layers enforce themselves: the ESLint rules of eslint.config.mjs fail on each
 * forbidden import (ARCHITECTURE.md, "Architecture invariants"), and pass on an allowed
 * one. The probes are linted as if they were files of each folder; nothing is written.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from '../../golden/testCodeSet';

// The project's own config; the probes are not files of the TypeScript project, so they
// are parsed without type information (the layer rules need none).
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } }, rules: { '@typescript-eslint/no-floating-promises': 'off' } },
});

/** The rule ids ESLint reports for `code` as if it were the file at `file` (relative to the repository). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.ruleId as string);
}

describe('architecture: layers enforced by lint', function () {
  this.timeout(60000);
  const cases: [string, string, string][] = [
    ['service/ imports no fs', 'server/src/service/probe.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n"],
    ['service/ imports no LSP library', 'server/src/service/features/probe.ts', "import { Diagnostic } from 'vscode-languageserver/node';\nexport type X = Diagnostic;\n"],
    ['service/ uses no process', 'server/src/service/probe.ts', 'export const x = process.env.HOME;\n'],
    ['service/ opens no network', 'server/src/service/probe.ts', "import * as http from 'node:http';\nexport const x = http;\n"],
    ['codeset/ never imports service/', 'server/src/codeset/probe.ts', "import { RULES } from '../service/registry';\nexport const x = RULES;\n"],
    ['csv/ imports neither service/ nor codeset/', 'server/src/csv/probe.ts', "import type { CodeSet } from '../codeset/types';\nexport type X = CodeSet;\n"],
    ['cli/ does not talk LSP', 'server/src/cli/probe.ts', "import { createConnection } from 'vscode-languageserver/node';\nexport const x = createConnection;\n"],
    ['lsp/ reaches the service only through its facade', 'server/src/lsp/probe.ts', "import { doHover } from '../service/features/hover';\nexport const x = doHover;\n"],
    ['cli/ reaches the service only through its facade', 'server/src/cli/probe.ts', "import { RULES } from '../service/registry';\nexport const x = RULES;\n"],
    ['the client imports only the protocol module', 'client/src/probe.ts', "import type { CodeSet } from '../../server/src/codeset/types';\nexport type X = CodeSet;\n"],
  ];
  for (const [title, file, code] of cases) {
    it(`${title}: a forbidden import fails`, async () => {
      const found = await violations(file, code);
      assert.ok(found.length > 0, `${file}: expected a lint error for:\n${code}`);
    });
  }
  it('allowed imports pass: service/ reads the code set, the client reads the protocol module, lsp/ talks LSP', async () => {
    assert.deepEqual(await violations('server/src/service/probe.ts', "import type { CodeSet } from '../codeset/types';\nexport type X = CodeSet;\n"), []);
    assert.deepEqual(await violations('client/src/probe.ts', "import { SERVER_COMMAND } from '../../server/src/protocol';\nexport const x = SERVER_COMMAND;\n"), []);
    assert.deepEqual(await violations('server/src/lsp/probe.ts', "import { getLanguageService } from '../service';\nexport const x = getLanguageService;\n"), []);
    assert.deepEqual(await violations('server/src/lsp/probe.ts', "import { createConnection } from 'vscode-languageserver/node';\nexport const x = createConnection;\n"), []);
  });
});
