// Bundles every entry point with esbuild. One bundle per entry, no shared chunks:
// the extension, the server (also the CLI), and the project's own tools.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generateRuleLists } from './gen-rule-lists.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

// The rule lists are generated from the rule files before anything is bundled.
generateRuleLists();

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  // The CLI's worker threads, loaded from beside the server bundle (server/src/cli/checkPool.ts).
  build({ ...common, entryPoints: ['server/src/cli/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
  build({ ...common, entryPoints: ['scripts/build-data.ts'], outfile: 'dist/build-data.js' }),
  build({ ...common, entryPoints: ['scripts/fetch-sources.ts'], outfile: 'dist/fetch-sources.js' }),
  build({ ...common, entryPoints: ['scripts/generate-ncci.ts'], outfile: 'dist/generate-ncci.js' }),
  build({ ...common, entryPoints: ['scripts/bench-data.ts'], outfile: 'dist/bench-data.js' }),
  build({ ...common, entryPoints: ['scripts/bench-charges.ts'], outfile: 'dist/bench-charges.js' }),
]);
