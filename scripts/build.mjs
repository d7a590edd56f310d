// Bundles the CLI into dist/ with esbuild. Type-checking is tsc's job (`npm run typecheck`), not
// this script's. Start-up is a performance bar (issue 14: `--help`, `sign`, … within 1.5x of a bare
// `node -e ''` in a clean environment), and what it costs is mostly which module loader Node uses
// (CommonJS: see bundle below), how many files it resolves, reads and compiles on the way, and how
// many bytes, so the chunks are laid out for it:
//   dist/cli/main.js   a two-line entry; `--help` and `--version` load it, one chunk holding
//                      main's whole static graph (the program definition and commander) and
//                      esbuild's runtime chunk — no node:crypto, no stream (guarded by
//                      test/unit/guards/start-up-files.test.ts);
//   a core chunk       what every command needs to start (CORE below: config, protocol, request
//                      building, input); loaded with the first command, never by `--help`;
//   a gateway chunk    what the commands that call a gateway add to it (GATEWAY: card open and
//                      the gateway client); `sign` and `verify` do not load it;
//   a chunk per lazily imported module (a command, a renderer, undici, …), loaded when used;
//   dist/loader.js     what runs them: V8 code caches written after a command ran
//                      (src/loader/chunks.ts), itself compiled with one by dist/boot.js, which
//                      bin/alipay-card.js runs (src/loader/boot.ts).
// Minified: Node compiles what it loads, and the bytes are what it costs (≈10 ms of `--help` on
// Node 20 without a cache); the linked source maps keep stack traces readable.
// Not a V8 startup snapshot (`node --build-snapshot`), measured 2026-12-05 (valgrind instructions,
// Node 20): a snapshot of the whole CLI, warmed up by running --version, --help and sign as it was
// built, ran `sign` in 146.4M and the dry run in 160.5M, as these chunks with their code caches do
// (148.6M, 158.8M), but --version in 127.6M against 103.4M: its 6 MB are deserialized whole by
// every run (an empty user snapshot costs 81.0M, bare node 78.3M). It would also need a shell
// script for bin (node reads --snapshot-blob only from its command line) and a blob per Node binary.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wrapChunk } from './chunk-wrapper.mjs';
import { exportsAtEnd, liveExports, staticCycle } from './chunk-exports.mjs';
import { commanderClasses } from './commander-classes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
rmSync(resolve(root, 'dist'), { recursive: true, force: true });
// Every chunk is CommonJS (see bundle below); the package around dist/ says "module".
mkdirSync(resolve(root, 'dist'), { recursive: true });
writeFileSync(resolve(root, 'dist/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

// Left out of the common chunks on purpose: anything heavy (undici, prompts, jose, csv, renderers)
// stays behind the dynamic import of the command or function that uses it.
/** What every command needs to start: config, protocol, request building, input. */
const CORE = [
  'src/errors.ts',
  'src/cli/context.ts',
  'src/cli/input.ts',
  'src/cli/session.ts',
  'src/config/index.ts',
  'src/protocol/index.ts',
  'src/client/request.ts',
  'src/client/redact.ts',
  // 1.6 KB that config set shares with the gateway client: apart, a file more for every call.
  'src/client/proxy.ts',
  // signingIdentity and readAuthToken serve every command that calls a gateway.
  'src/cli/commands/sign.ts',
  // Small (4 KB), and shared by card open with commands that call no gateway (keys, config): in a
  // group, they were three more files for card open to load.
  'src/cli/prompts.ts',
  'src/render/sections.ts',
  'src/render/style.ts',
].map((path) => resolve(root, path));

/**
 * What every command that calls a gateway starts with, beside CORE: card open, the command people
 * run most, and the gateway client. Without them in one chunk card open loaded 23 files (17 small
 * chunks of modules that different sets of commands share), with them 9: `card open --dry-run`
 * 109 → 100 ms (Node 20). A chunk of their own, so that `sign` and `verify` (GATEWAY_FREE) do not
 * load them: in CORE they cost `sign` ≈2 ms.
 */
const GATEWAY = [
  'src/cli/commands/card-open.ts',
  'src/cli/gateway-client.ts',
  'src/cli/gateway-banner.ts',
  // program.ts defines card open's flags from it, so --help loads it anyway.
  'src/cards/card-open-fields.ts',
  // What every call sends through, but its transport (node:http or undici, loaded when a call is
  // made): apart, each was a chunk of its own, five files for a call to load (8 KB in all; proxy.ts
  // is in CORE, as config set uses it too).
  'src/client/client.ts',
  'src/client/retry.ts',
  'src/client/transport.ts',
].map((path) => resolve(root, path));

/** Commands that never call a gateway: their dynamic import brings CORE only. */
const GATEWAY_FREE = new Set([
  'src/cli/commands/sign.ts',
  'src/cli/commands/verify.ts',
  'src/cli/commands/config.ts',
  'src/cli/commands/config-set.ts',
  'src/cli/commands/keys.ts',
  'src/cli/commands/version.ts',
  'src/cli/commands/completion.ts',
  'src/cli/completion/profiles.ts',
].map((path) => resolve(root, path)));

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
      if (target.path === src + 'config/search.ts') return { path: target.path, namespace: 'with-main' };
      return { path: target.path, namespace: GATEWAY_FREE.has(target.path) ? 'with-core' : 'with-common' };
    });
    b.onLoad({ filter: /.*/, namespace: 'with-main' }, (args) => ({
      contents: `import ${JSON.stringify(MAIN)};\nexport * from ${JSON.stringify(args.path)};\n`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
    for (const [namespace, groups] of [['with-core', ['core']], ['with-common', ['core', 'gateway']]]) {
      b.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: `${groups.map((group) => `import 'alipay-card:${group}';\n`).join('')}import ${JSON.stringify(MAIN)};\nexport * from ${JSON.stringify(args.path)};\n`,
        resolveDir: dirname(args.path),
        loader: 'js',
      }));
    }
    b.onResolve({ filter: /^alipay-card:(core|gateway)$/ }, (args) => ({ path: args.path.slice('alipay-card:'.length), namespace: 'alipay-card' }));
    b.onLoad({ filter: /.*/, namespace: 'alipay-card' }, (args) => ({
      contents: (args.path === 'core' ? CORE : GATEWAY).map((path) => `import ${JSON.stringify(path)};`).join('\n'),
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
 * An `import()` of a package stays one (jose is ESM only), unless `packageImport` names the function
 * that does it instead: the CLI's chunks are run by the loader (src/loader/chunks.ts), and a script
 * V8 compiles through node:vm can make no import() of its own without an experimental flag.
 * dist/ is marked CommonJS.
 */
async function bundle(buildOptions, { packageImport } = {}) {
  const result = await build({ ...buildOptions, write: false, sourcemap: 'inline' });
  const chunks = new Set(result.outputFiles.map((file) => file.path).filter((path) => path.endsWith('.js')));
  const transformed = new Map();
  for (const file of result.outputFiles) {
    if (!chunks.has(file.path)) continue;
    const ours = (spec) => chunks.has(resolve(dirname(file.path), spec));
    // A built-in through import() gets an ESM facade that reads all its exports (node:http's
    // loads Node's own undici on Node 22 and 24): sources require built-ins they load lazily.
    const builtin = /\bimport\((["'])node:[^"']+\1\)/.exec(file.text);
    if (builtin) throw new Error(`${basename(file.path)}: ${builtin[0]}: require the built-in instead (process.getBuiltinModule)`);
    let code = file.text.replace(/\bimport\((["'])(\.{1,2}\/[^"']+)\1\)/g, (call, quote, spec) =>
      ours(spec) ? `Promise.resolve().then(()=>require(${quote}${spec}${quote}))` : call);
    if (packageImport) {
      code = code.replace(/\bimport\((["'])([^."'][^"']*)\1\)/g, (_call, quote, spec) => `${packageImport}(${quote}${spec}${quote})`);
      const left = /\bimport\([^)]{0,60}/.exec(code);
      if (left) throw new Error(`${basename(file.path)}: ${left[0]}: the loader can run no import() but of a package named in the call`);
    }
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
      // The sources use import.meta.url only as packageRequire(import.meta.url) (for jest, which runs
      // them as ES modules; test/unit/guards/start-up-mechanisms.test.ts holds them to it), and
      // node:module's createRequire, which it calls, takes a path as well as a URL: the chunk's own, not node:url's pathToFileURL
      // run as each chunk loads.
      define: { 'import.meta.url': '__filename' },
      // Strict, as the ES modules were.
      banner: '"use strict";',
    });
    transformed.set(file.path, cjs);
  }
  // Each chunk's exports as values (scripts/chunk-exports.mjs), unless chunks require each other as
  // they load: then esbuild's getters are what keeps them right.
  const codes = new Map([...transformed].map(([path, { code }]) => [path, code]));
  const near = (from, spec) => resolve(dirname(from), spec);
  const cycle = staticCycle(codes, near);
  if (cycle) console.warn(`build: chunks require each other as they load (${cycle.map((path) => basename(path)).join(' → ')}): their exports stay esbuild's getters`);
  const live = cycle ? undefined : liveExports(codes, near);
  for (const [path, { code, map }] of transformed) {
    const name = basename(path);
    writeChunk(path, live ? exportsAtEnd(code, name, live.get(path)) : exportsAsDefined(code, name), map);
  }
}

/** Writes `code` as a chunk (wrapChunk) at `path`, its source map beside it; returns the chunk's text. */
function writeChunk(path, code, map) {
  const chunk = wrapChunk(code, map);
  const text = `${chunk.code}//# sourceMappingURL=${basename(path)}.map\n`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  writeFileSync(`${path}.map`, chunk.map);
  return text;
}

/**
 * The exports of every chunk when some require each other as they load (bundle(), scripts/chunk-exports.mjs).
 * esbuild's CommonJS form of a chunk defines a getter per export on an object (`var e={};x(e,{a:()=>b,…})`),
 * then exports a copy of it (`module.exports=y(e)`, __toCommonJS): a second getter per export,
 * made by reading each descriptor of the first, and two getter calls for every use of an import.
 * Only our chunks and loader require a chunk, never through __toESM (the copy adds __esModule for
 * that), so the object itself is exported: the same live bindings, defined before the chunk's code
 * runs. Valgrind, Node 20: `sign` 1.5M instructions fewer, `--help` 0.7M.
 */
function exportsAsDefined(code, name) {
  const copies = [...code.matchAll(/module\.exports=([\w$]+)\(([\w$]+)\);/g)];
  if (copies.length === 0) return code;
  const [copy, , defined] = copies[0];
  if (copies.length > 1 || !code.includes(`var ${defined}={};`)) throw new Error(`${name}: esbuild's CommonJS exports are not as exportsAsDefined expects (scripts/build.mjs)`);
  return code.replace(copy, `module.exports=${defined};`);
}

await bundle({
  ...options,
  // Where each section of the Chinese catalogue is a file (below), for src/cli/language.ts.
  define: { ...options.define, __TRANSLATIONS__: JSON.stringify('../i18n') },
  entryPoints: { 'cli/main': resolve(root, 'src/cli/main.ts') },
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [commonChunk, lazyChildProcess, commanderClasses(root)],
}, { packageImport: '__importPackage' });

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
  const translations = await build({
    entryPoints: [...areas.keys()].map((area) => ({ in: `area:${area}`, out: area })),
    outdir: resolve(root, 'dist/i18n', language),
    // Chunks as the CLI's are, for the loader (scripts/chunk-wrapper.mjs).
    write: false,
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
  mkdirSync(resolve(root, 'dist/i18n', language), { recursive: true });
  for (const file of translations.outputFiles) writeFileSync(file.path, wrapChunk(file.text).code);
}

/**
 * The loader (src/loader/chunks.ts): it loads dist/cli/main.js and the chunks with a V8 code cache
 * written after the run. Its caches are keyed by a hash of every file of the builds above (the CLI
 * and the translations), so none outlives the code it was made from (V8 itself checks only a
 * source's length). Written as a chunk is (scripts/chunk-wrapper.mjs): dist/boot.js, what
 * bin/alipay-card.js runs, compiles it with a cache of its own too (src/loader/boot.ts), keyed by
 * a hash of the loader's own text.
 */
{
  const hash = createHash('sha256');
  for (const dir of ['cli', 'chunks', 'i18n/zh-CN']) {
    for (const name of readdirSync(resolve(root, 'dist', dir)).filter((file) => file.endsWith('.js')).sort()) {
      hash.update(`${dir}/${name}\0`).update(readFileSync(resolve(root, 'dist', dir, name))).update('\0');
    }
  }
  const common = { bundle: true, format: 'cjs', platform: 'node', target: options.target, minify: true, charset: 'ascii', logLevel: 'warning' };
  const buildId = JSON.stringify(hash.digest('hex').slice(0, 16));
  const loader = await build({
    ...common,
    entryPoints: { loader: resolve(root, 'src/loader/chunks.ts') },
    outdir: resolve(root, 'dist'),
    write: false,
    sourcemap: 'external',
    define: { __BUILD_ID__: buildId },
  });
  const code = loader.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = loader.outputFiles.find((file) => file.path.endsWith('.js.map'));
  const text = writeChunk(code.path, code.text, map.text);
  await build({
    ...common,
    entryPoints: { boot: resolve(root, 'src/loader/boot.ts') },
    outdir: resolve(root, 'dist'),
    sourcemap: 'linked',
    define: { __BUILD_ID__: buildId, __LOADER_ID__: JSON.stringify(createHash('sha256').update(text).digest('hex').slice(0, 16)) },
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
