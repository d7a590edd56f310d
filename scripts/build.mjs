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
    'bench/client': 'src/client/client.ts',
    'bench/demo': 'src/cli/commands/demo.ts',
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
  // Libraries on the start-up path (commander, valibot, chalk) are bundled and tree-shaken:
  // resolving and parsing them from node_modules costs more than the rest of start-up. So is
  // undici: as ~100 CommonJS files it added ≈100 ms to every call to a gateway; as one chunk it is
  // compiled lazily. Others stay in node_modules: iconv-lite reads its code tables on demand,
  // cosmiconfig may load TypeScript through an optional import, the rest are rarely loaded.
  external: [
    'iconv-lite', '@peculiar/*', 'cosmiconfig', 'jose', '@inquirer/prompts',
    'csv-parse', 'csv-stringify', 'cli-table3', 'typescript', 'alipay-sdk',
  ],
  // Bundled CommonJS (commander) calls require() for node built-ins; ESM output needs one defined.
  banner: { js: "import { createRequire as __cjsRequire } from 'node:module'; const require = __cjsRequire(import.meta.url);" },
  logLevel: 'warning',
});
