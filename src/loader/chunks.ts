// How the built CLI loads its own chunks (dist/cli/main.js and dist/chunks/*.js), with a V8 code
// cache written after the command ran. Node's compile cache (`module.enableCompileCache()`, Node ≥
// 22.1) keeps the code V8 compiled when a file was loaded: the top level only. Every function the
// command then calls (commander's parse, the program, config, signing, ...) is parsed and compiled
// again on every run, and in a minified bundle that is nearly all of them. `script.createCachedData()`
// after the run keeps those too; on Node 20, which has no compile cache, it keeps everything.
// Measured with `npm run bench -- --startup`: see the README's start-up section.
//
// Built as its own entry (dist/loader.js, scripts/build.mjs) and imports nothing of ours. Not used
// from the sources: jest runs those as ES modules.
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Script } from 'node:vm';

/** Set by the build: a hash of every chunk it wrote, so a cache never outlives the code it was made from. */
declare const __BUILD_ID__: string;

interface ChunkModule {
  exports: unknown;
}

type Pending = { script: Script; file: string };

/**
 * Where the caches live: a directory of this user's under the system's temporary directory, as
 * Node's own compile cache, and only if it is theirs alone (mode 0700, not a link): a cache is code
 * this process runs. NODE_DISABLE_COMPILE_CACHE, Node's own switch, turns it off.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env, base = tmpdir()): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE || typeof process.getuid !== 'function') return undefined;
  const uid = process.getuid();
  const dir = join(base, `alipay-card-code-cache-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const stat = lstatSync(dir);
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a run is, for its cache: the command's words (`card open`, `sign`), `help` when it only asks
 * for help. Each gets caches of its own, holding the functions that command compiles: one cache
 * shared by all would keep those of the first command only.
 */
export function runKind(args: readonly string[]): string {
  const valued = new Set(['-c', '--config', '-p', '--profile', '--gateway', '-o', '--output', '--timeout', '--lang']);
  const end = args.indexOf('--');
  const options = end < 0 ? args : args.slice(0, end);
  const help = options.some((arg) => arg === '-h' || arg === '--help');
  let i = 0;
  while (i < options.length && options[i]!.startsWith('-')) i += valued.has(options[i]!) ? 2 : 1;
  if (options[i] === 'help') return 'help';
  const words: string[] = [];
  for (; i < options.length && words.length < 2 && /^[a-z][a-z-]{0,19}$/.test(options[i]!); i++) words.push(options[i]!);
  if (words.length === 0) return help ? 'help' : 'root';
  return words.join('-') + (help ? '-help' : '');
}

export class ChunkLoader {
  readonly #modules = new Map<string, ChunkModule>();
  readonly #pending: Pending[] = [];
  readonly #fromCache: string[] = [];

  /**
   * `root`: the directory the chunks are under (dist/). `cache`: where caches are kept, or none.
   * `kind`: runKind() of this run. `buildId`: what the chunks were built as.
   */
  constructor(
    private readonly root: string,
    private readonly cache: string | undefined,
    private readonly kind: string,
    private readonly buildId: string,
  ) {}

  /** The chunks loaded, in order (the start-up guard test reads it). */
  loaded(): string[] {
    return [...this.#modules.keys()];
  }

  /** The chunks run from a cache V8 took. */
  fromCache(): string[] {
    return [...this.#fromCache];
  }

  /** A chunk's exports, loading it the first time, as require() would: one instance per file. */
  load(file: string): unknown {
    const known = this.#modules.get(file);
    if (known) return known.exports;
    const module: ChunkModule = { exports: {} };
    this.#modules.set(file, module);
    try {
      this.#run(file, module);
    } catch (err) {
      this.#modules.delete(file);
      throw err;
    }
    return module.exports;
  }

  /** Writes the caches this run made (those it had none of, or whose cache V8 turned down). */
  save(): void {
    for (const { script, file } of this.#pending.splice(0)) {
      const path = this.#cacheFile(file)!;
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, path);
      } catch {
        // A cache is only ever a saving: a full disk or a removed directory costs the next run time, nothing else.
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Nothing more to do.
        }
      }
    }
  }

  #cacheFile(file: string): string | undefined {
    if (this.cache === undefined) return undefined;
    const name = relative(this.root, file).replace(/[\\/]/g, '_');
    return join(this.cache, `${this.buildId}-${process.version}-${process.arch}-${this.kind}-${name}`);
  }

  #run(file: string, module: ChunkModule): void {
    const source = readFileSync(file, 'utf8');
    const cacheFile = this.#cacheFile(file);
    let cachedData: Buffer | undefined;
    if (cacheFile !== undefined) {
      try {
        cachedData = readFileSync(cacheFile);
      } catch {
        cachedData = undefined;
      }
    }
    // The wrapper on a line of its own, and lineOffset taking it back: lines and columns in stack
    // traces (and the source maps) are the file's. A chunk's import() of a package (jose is an ES
    // module only) is a call of __importPackage (scripts/build.mjs): node:vm runs no import() of a
    // script's own without an experimental flag or warning.
    const script = new Script(`(function (exports, require, module, __filename, __dirname, __importPackage) {\n${source}\n})`, {
      filename: file,
      lineOffset: -1,
      cachedData,
    });
    if (cachedData !== undefined && script.cachedDataRejected !== true) this.#fromCache.push(file);
    else if (cacheFile !== undefined) this.#pending.push({ script, file });
    const packages = createRequire(file);
    const require = (id: string): unknown => (id.startsWith('./') || id.startsWith('../') ? this.load(resolve(dirname(file), id)) : packages(id));
    const wrapper = script.runInThisContext() as (exports: unknown, require: unknown, module: ChunkModule, filename: string, dirname: string, importPackage: (specifier: string) => Promise<unknown>) => void;
    wrapper.call(module.exports, module.exports, require, module, file, dirname(file), importPackage);
  }
}

/** import() of a package, from this file: dist/, where a chunk's own lookup of node_modules would start too. */
function importPackage(specifier: string): Promise<unknown> {
  return import(specifier);
}

let current: ChunkLoader | undefined;

/** The loader of this run (the start-up guard test reads what it loaded). */
export function chunkLoader(): ChunkLoader | undefined {
  return current;
}

/**
 * Whether the run is likely in Chinese (src/i18n/language.ts decides; this is only a cache's name):
 * Chinese runs compile functions English ones do not, and the other way round.
 */
export function likelyChinese(args: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const flag = args.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = flag < 0 ? env.LC_ALL || env.LC_MESSAGES || env.LANG : args[flag]!.startsWith('--lang=') ? args[flag]!.slice(7) : args[flag + 1];
  return value?.toLowerCase().startsWith('zh') === true;
}

/**
 * Runs the CLI: dist/cli/main.js and what it requires, through a ChunkLoader whose caches are
 * written when the process exits (main() ends with process.exit).
 */
export function runCli(argv: string[]): void {
  const root = resolve(__dirname);
  const args = argv.slice(2);
  const kind = runKind(args) + (likelyChinese(args, process.env) ? '-zh' : '');
  const loader = new ChunkLoader(root, cacheDirectory(), kind, __BUILD_ID__);
  current = loader;
  process.once('exit', () => loader.save());
  const main = loader.load(join(root, 'cli/main.js')) as { main(argv: string[]): Promise<void> };
  void main.main(argv);
}
