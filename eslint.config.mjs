// ESLint: typescript-eslint's recommended rules with type information, so that
// floating promises (a classic LSP-handler bug) are caught.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules a pure layer must not import. */
const node = (names) => names.flatMap((n) => [n, `node:${n}`]).map((name) => ({ name, message: 'a pure layer does no I/O: the shells (lsp/, cli/) do.' }));
const LAYER = {
  service: node(['fs', 'fs/promises', 'process', 'child_process', 'worker_threads', 'net', 'dns', 'http', 'https', 'http2', 'tls', 'dgram']),
  io: node(['fs', 'fs/promises', 'process', 'child_process', 'net', 'dns', 'http', 'https', 'http2', 'tls', 'dgram']),
};
const FACADE_ONLY = { group: ['**/service/*', '**/service/**'], message: 'The shells use the service through its public surface only: server/src/service/index.ts.' };
const LSP_ONLY_IN_LSP = { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'Only server/src/lsp/ imports vscode-languageserver.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'data/**', '.vscode-test/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Layers that enforce themselves (ARCHITECTURE.md, "Architecture invariants"); a test
  // (test/unit/architecture/layers.test.ts) shows each of these failing on a forbidden import.
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: LAYER.service, patterns: [{ group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'service/ is pure: only lsp/ talks LSP.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'service/ is pure: no process; the shells pass what it needs.' }],
    },
  },
  {
    files: ['server/src/codeset/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/service', '**/service/**'], message: 'codeset/ sits below service/ and never imports it.' }, LSP_ONLY_IN_LSP] }] },
  },
  {
    files: ['server/src/csv/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: LAYER.io, patterns: [{ group: ['**/service', '**/service/**', '**/codeset', '**/codeset/**'], message: 'csv/ is the lowest layer: it imports neither service/ nor codeset/.' }, LSP_ONLY_IN_LSP] }] },
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LSP_ONLY_IN_LSP, FACADE_ONLY] }] },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FACADE_ONLY] }] },
  },
  {
    files: ['server/src/main.ts', 'server/src/protocol.ts', 'server/src/ruleDocs.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LSP_ONLY_IN_LSP] }] },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/**', '!**/server/src/protocol'], message: 'The client imports only the protocol module (server/src/protocol.ts) from the server.' }] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
