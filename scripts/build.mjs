// Bundles the CLI into dist/ with esbuild. One bundle (plus a chunk per lazily imported command)
// starts markedly faster than hundreds of separate ESM files; start-up is a performance bar
// (DESIGN section 9). Type-checking is tsc's job (`npm run typecheck`), not this script's.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  // protocol and client are entry points of their own so `npm run bench` can time them directly.
  entryPoints: {
    'cli/main': 'src/cli/main.ts',
    'protocol/index': 'src/protocol/index.ts',
    'client/request': 'src/client/request.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // Dependencies load from node_modules at run time: iconv-lite reads its code tables lazily
  // (bundled, every table would be parsed at start), cosmiconfig can load TypeScript configs
  // through an optional import, and keeping them external keeps their licences and updates theirs.
  packages: 'external',
  logLevel: 'warning',
});
