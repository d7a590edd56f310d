// What bin/alipay-card.js runs. The loader (dist/loader.js, src/loader/chunks.ts) keeps a V8 code
// cache of every chunk it runs; this compiles the loader itself the same way, with a cache of its
// own, written with the chunks' at exit (ChunkLoader.adopt). Compiled by Node's require, the
// loader's functions were compiled again on every run (Node 22 and 24's compile cache keeps only
// what is compiled as a file loads): 26 of them for `sign`, 3.6M instructions on Node 20 (valgrind).
// Small on purpose: this file is what Node compiles without a cache.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDirectory, nodeFlags } from './cache-place.js';
import { beforePackageImport } from './packages.js';
import type { chunkLoader as ChunkLoaderOf, runCli as RunCli, takenBytes as TakenBytes } from './chunks.js';

/** Set by the build: a hash of dist/loader.js, so that its cache never outlives it. */
declare const __LOADER_ID__: string;
/** Set by the build: the chunks' build (src/loader/chunks.ts), which the names of every cache of it begin with. */
declare const __BUILD_ID__: string;

interface Loader {
  runCli: typeof RunCli;
  chunkLoader: typeof ChunkLoaderOf;
  takenBytes: typeof TakenBytes;
}

let loader: Loader | undefined;

/** The loader of this run, for the start-up guard test (test/unit/guards/start-up-files.test.ts). */
export function chunkLoader(): ReturnType<Loader['chunkLoader']> {
  return loader?.chunkLoader();
}

export function boot(argv: string[]): void {
  const file = join(__dirname, 'loader.js');
  if (process.sourceMapsEnabled) {
    // Debugging (src/loader/chunks.ts, runCli): Node loads it all, so that stack traces map.
    loader = require(file) as Loader;
    loader.runCli(argv, { cache: undefined, flags: '', importPackage });
    return;
  }
  // The one place that decides where caches are, and whether there may be any (cache-place.ts).
  const cache = cacheDirectory();
  const flags = nodeFlags(process.execArgv, process.env.NODE_OPTIONS);
  const cacheFile = cache === undefined ? undefined : join(cache, `${__BUILD_ID__}-${process.version}-${process.arch}${flags}-loader-${__LOADER_ID__}.js`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile !== undefined) cachedData = readFileSync(cacheFile);
  } catch {
    // None yet: this run writes it.
  }
  // The file is a function (scripts/chunk-wrapper.mjs), run as Node would run it as a module.
  const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
  const module = { exports: {} as Loader };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, file, __dirname, importPackage);
  loader = module.exports;
  loader.runCli(argv, {
    cache,
    flags,
    importPackage,
    self: { script, file, cacheFile, cachedBytes: loader.takenBytes(script, cachedData) },
  });
}

/** import() of a package for the chunks, from a file Node loaded: node:vm runs none of a script's own. */
function importPackage(specifier: string): Promise<unknown> {
  beforePackageImport();
  return import(specifier);
}
