// Bundles the CLI into dist/ with esbuild. Type-checking is tsc's job (`npm run typecheck`), not
// this script's. Start-up is a performance bar (issue 14: `--help`, `sign`, … within 1.5x of a bare
// `node -e ''` in a clean environment), and what it costs is mostly which module loader Node uses
// (CommonJS: see bundle below), how many files it resolves, reads and compiles on the way, and how
// many bytes, so the chunks are laid out for it:
//   dist/cli/main.js   a two-line entry; `--help` and `--version` load it, one chunk holding
//                      main's whole static graph (the program definition and commander) and
//                      esbuild's runtime chunk — no node:crypto, no stream (guarded by
//                      test/unit/guards/start-up-files.test.ts);
//   one common chunk   what the commands need to start (COMMON below: config, protocol, request
//                      building, input); loaded with the first command, never by `--help`;
//   a chunk per lazily imported module (a command, a renderer, undici, …), loaded when used.
// Minified: Node compiles what it loads, and the bytes are what it costs (≈10 ms of `--help` on
// Node 20); the linked source maps keep stack traces readable.
import { build, transform } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
rmSync(resolve(root, 'dist'), { recursive: true, force: true });
// Every chunk is CommonJS (see bundle below); the package around dist/ says "module".
mkdirSync(resolve(root, 'dist'), { recursive: true });
writeFileSync(resolve(root, 'dist/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

// Left out of the common chunk on purpose: anything heavy (undici, prompts, jose, csv, renderers)
// stays behind the dynamic import of the command or function that uses it.
const COMMON = [
  'src/errors.ts',
  'src/cli/context.ts',
  'src/cli/input.ts',
  'src/cli/session.ts',
  'src/config/index.ts',
  'src/protocol/index.ts',
  'src/client/request.ts',
  'src/client/redact.ts',
  // signingIdentity and readAuthToken serve every command that calls a gateway.
  'src/cli/commands/sign.ts',
  // card open, the command people run most, and what every gateway call starts with: without
  // them here card open loaded 23 files (17 small chunks of modules that different sets of
  // commands share), with them 9; `card open --dry-run` 109 → 100 ms, `sign` 90 → 92 ms (Node 20).
  'src/cli/commands/card-open.ts',
  'src/cli/gateway-client.ts',
  'src/cli/gateway-banner.ts',
  // program.ts defines card open's flags from it, so --help loads it anyway.
  'src/cards/card-open-fields.ts',
].map((path) => resolve(root, path));

/** main's static graph: what every run loads first. */
const MAIN = resolve(root, 'src/cli/main.ts');

/**
 * esbuild puts each module in the chunk of the set of entry points that reach it, counting every
 * dynamic import as an entry point: left alone, the modules the commands share end up in a dozen
 * small chunks (one per distinct set of commands using them), each a file to load. So each
 * dynamic import of our own code is bundled as a wrapper that imports COMMON and main, and
 * re-exports the module: every command then reaches all of COMMON, which makes it one chunk, and
 * every entry reaches main's graph, which makes that one chunk too (it was eight files for
 * `--help`, whose modules different sets of commands also import). The sources and what a
 * dynamic import returns are unchanged.
 */
const commonChunk = {
  name: 'common-chunk',
  setup(b) {
    const src = resolve(root, 'src') + '/';
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.namespace !== 'file' || !args.importer.startsWith(src)) return undefined;
      const target = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir });
      if (target.errors.length > 0 || target.external || !target.path.startsWith(src)) return undefined;
      // Loaded before the program is built to choose the language, these must bring nothing else:
      // a translation (words only), and the config search (for `lang`, when no locale says one),
      // which imports main only, so that what it shares with main stays in main's chunk.
      if (target.path.startsWith(src + 'i18n/')) return undefined;
      return { path: target.path, namespace: target.path === src + 'config/search.ts' ? 'with-main' : 'with-common' };
    });
    b.onLoad({ filter: /.*/, namespace: 'with-main' }, (args) => ({
      contents: `import ${JSON.stringify(MAIN)};\nexport * from ${JSON.stringify(args.path)};\n`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
    b.onLoad({ filter: /.*/, namespace: 'with-common' }, (args) => ({
      contents: `import 'alipay-card:common';\nimport ${JSON.stringify(MAIN)};\nexport * from ${JSON.stringify(args.path)};\n`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
    b.onResolve({ filter: /^alipay-card:common$/ }, () => ({ path: 'common', namespace: 'alipay-card' }));
    b.onLoad({ filter: /.*/, namespace: 'alipay-card' }, () => ({
      contents: COMMON.map((path) => `import ${JSON.stringify(path)};`).join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * commander requires node:child_process at load, for executable subcommands, which this CLI does
 * not have; loading it (and net, dgram, …) costs start-up. It is required when first used instead.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let cp; module.exports = { get spawn() { return (cp ??= require('node:child_process')).spawn; } };",
      loader: 'js',
    }));
  },
};

const options = {
  outdir: resolve(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  sourcemap: 'linked',
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
  // No keepNames: it wraps every function in a call, and V8 compiles a function in call parentheses
  // eagerly, so every function of a chunk (a catalogue section's whole text with them) was compiled
  // at load. Errors say their class's name themselves (src/errors.ts). Measured with valgrind's
  // instruction count, Node 20: English `--help` 209M → 196M, `sign` 264M → 246M.
  minify: true,
  // Chunks are written in ASCII (bundle() below), but for the translations.
  charset: 'utf8',
  logLevel: 'warning',
};

/**
 * esbuild splits code into chunks only as ES modules, and Node's ESM loader is what start-up
 * spends most on: on Node 20 an empty .mjs costs 6 ms more than an empty .cjs, each module more a
 * resolve, an asynchronous read and a link, and every built-in imported gets an ESM facade (node:fs's
 * pulls in all of streams on Node 24). So each chunk esbuild writes is turned into a CommonJS
 * module by esbuild's own transform (same chunks, same names, the source map carried through),
 * and `import()` of one of our chunks into a `require()` of it, so that what a command loads is
 * loaded by the CommonJS loader and is the same module instance a static import gets. Measured
 * (Node 20, clean environment, medians of 21 interleaved): `--help` 91 → 78 ms, `sign` 101 → 91 ms.
 * An `import()` of a package stays one (jose is ESM only). dist/ is marked CommonJS.
 */
async function bundle(buildOptions) {
  const result = await build({ ...buildOptions, write: false, sourcemap: 'inline' });
  const chunks = new Set(result.outputFiles.map((file) => file.path).filter((path) => path.endsWith('.js')));
  for (const file of result.outputFiles) {
    if (!chunks.has(file.path)) continue;
    const ours = (spec) => chunks.has(resolve(dirname(file.path), spec));
    // A built-in through import() gets an ESM facade that reads all its exports (node:http's
    // loads Node's own undici on Node 22 and 24): sources require built-ins they load lazily.
    const builtin = /\bimport\((["'])node:[^"']+\1\)/.exec(file.text);
    if (builtin) throw new Error(`${basename(file.path)}: ${builtin[0]}: require the built-in instead (createRequire(import.meta.url))`);
    const code = file.text.replace(/\bimport\((["'])(\.{1,2}\/[^"']+)\1\)/g, (call, quote, spec) =>
      ours(spec) ? `Promise.resolve().then(()=>require(${quote}${spec}${quote}))` : call);
    const cjs = await transform(code, {
      format: 'cjs',
      platform: 'node',
      target: buildOptions.target,
      minify: true,
      // One character above ASCII makes Node hold the whole source as UTF-16, slower to read and
      // compile (measured: main's chunk 1 ms).
      charset: 'ascii',
      loader: 'js',
      sourcefile: basename(file.path),
      sourcemap: 'external',
      // createRequire(import.meta.url) in the sources (for jest, which runs them as ES modules).
      define: { 'import.meta.url': '__importMetaUrl' },
      // Strict, as the ES modules were.
      banner: `"use strict";${code.includes('import.meta.url') ? 'const __importMetaUrl=require("node:url").pathToFileURL(__filename).href;' : ''}`,
    });
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, `${cjs.code}//# sourceMappingURL=${basename(file.path)}.map\n`);
    writeFileSync(`${file.path}.map`, cjs.map);
  }
}

await bundle({
  ...options,
  // Where each section of the Chinese catalogue is a file (below), for src/cli/language.ts.
  define: { ...options.define, __TRANSLATIONS__: JSON.stringify('../i18n') },
  entryPoints: { 'cli/main': resolve(root, 'src/cli/main.ts') },
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [commonChunk, lazyChildProcess],
});

/**
 * The Chinese catalogue in a file per area (dist/i18n/zh-CN/<area>.js: the sections whose names
 * begin with it, `program-help` in program.js), each required when a message of one of its sections
 * is first shown: loading all of it (120 KB) cost Chinese `--help` ≈10 ms, and a file per section
 * put eight files on its way. Words only: a section imports nothing at run time. UTF-8: nearly
 * every character is Chinese, and escaped it would be half again as large.
 */
for (const language of ['zh-CN']) {
  const dir = resolve(root, 'src/i18n', language);
  const areas = new Map();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.ts') && file !== 'index.ts').map((file) => file.slice(0, -3))) {
    const area = translationArea(name);
    areas.set(area, [...(areas.get(area) ?? []), name]);
  }
  await build({
    entryPoints: [...areas.keys()].map((area) => ({ in: `area:${area}`, out: area })),
    outdir: resolve(root, 'dist/i18n', language),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: options.target,
    minify: true,
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [{
      name: 'translation-areas',
      setup(b) {
        b.onResolve({ filter: /^area:/ }, (args) => ({ path: args.path.slice(5), namespace: 'area' }));
        // Each section under its name, the function that builds its words.
        b.onLoad({ filter: /.*/, namespace: 'area' }, (args) => ({
          contents: areas.get(args.path).map((name, i) => `import * as s${i} from ${JSON.stringify(join(dir, `${name}.ts`))};`).join('\n')
            + `\nexport default {${areas.get(args.path).map((name, i) => `${JSON.stringify(name)}: Object.values(s${i})[0]`).join(',')}};\n`,
          resolveDir: dir,
          loader: 'js',
        }));
      },
    }],
  });
}

/** The file a section's translation is in: its name's first word (src/cli/language.ts says the same). */
function translationArea(section) {
  return section.split('-')[0];
}

// Entry points for `npm run bench` to time the protocol and the client directly. A build of their
// own: as entry points of the CLI's build they would split its chunks further.
await bundle({
  ...options,
  entryPoints: {
    'protocol/index': resolve(root, 'src/protocol/index.ts'),
    'client/request': resolve(root, 'src/client/request.ts'),
    'bench/client': resolve(root, 'src/client/client.ts'),
    'bench/demo': resolve(root, 'src/cli/commands/demo.ts'),
  },
  chunkNames: 'bench/chunks/[name]-[hash]',
});
