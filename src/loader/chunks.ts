// How the built CLI loads its own chunks (dist/cli/main.js and dist/chunks/*.js), with a V8 code
// cache written after the command ran. Node's compile cache (`module.enableCompileCache()`, Node ≥
// 22.8) keeps the code V8 compiled when a file was loaded: the top level only. Every function the
// command then calls (commander's parse, the program, config, signing, ...) is parsed and compiled
// again on every run, and in a minified bundle that is nearly all of them. `script.createCachedData()`
// after the run keeps those too; on Node 20, which has no compile cache, it keeps everything.
// Measured with `npm run bench -- --startup`: see the README's start-up section.
//
// Built as its own entry (dist/loader.js, scripts/build.mjs); of ours it imports only two modules
// that import nothing (which word is the command, which language a run is in). Not used from the
// sources: jest runs those as ES modules.
import { appendFileSync, closeSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Script } from 'node:vm';
import { CHUNK_HEAD } from '../../scripts/chunk-wrapper.mjs';
import { commandWordAt, helpAsked } from '../cli/command-word.js';
import { flagOrLocaleLanguage, languageArgument } from '../i18n/locale.js';
import { beforePackageImport, packageRequire } from './packages.js';

/** Set by the build: a hash of every chunk it wrote, so a cache never outlives the code it was made from. */
declare const __BUILD_ID__: string;

interface ChunkModule {
  exports: unknown;
}

export interface Ran {
  script: Script;
  file: string;
  /** The bytes of the cache V8 took, 0 when it ran from none or turned it down (takenBytes()). */
  cachedBytes: number;
  /** Where its cache is, when not where a chunk's is (this file's own: src/loader/boot.ts). */
  cacheFile?: string | undefined;
  /**
   * A chunk's length in bytes, which its cache file records ahead of V8's data (Reads.cached). V8
   * checks a cache against its source's length only, and a padded source's is always 128 KB
   * (Reads.text): a chunk changed in place, its build id the same, would have run the old code.
   */
  sourceBytes?: number | undefined;
}

/** What src/loader/boot.ts, which compiled this file, hands the run. */
export interface Boot {
  /** Where caches are kept (cacheDirectory(), src/loader/cache-place.ts), or none. */
  cache: string | undefined;
  /** nodeFlags() of this process. */
  flags: string;
  /** import() of a package, from a file Node loaded: node:vm runs no import() of this file's own. */
  importPackage: (specifier: string) => Promise<unknown>;
  /** This file as boot compiled it: its cache is written with the chunks'. */
  self?: Ran;
}

/**
 * What a run is, for its caches: the command's words (`card open`, `sign`), `help` when it only
 * asks for help (`card-open-help` for a command's), `-dry` for a dry run, `complete` for shell
 * completion's `__complete`. Each kind has caches of
 * its own (ChunkLoader): a run of one reads only what runs of it compiled. Help defines and
 * renders every command: in the commands' cache it made `sign` read a cache of the main chunk
 * twice the size it needs.
 */
export function runKind(args: readonly string[]): string {
  const end = args.indexOf('--');
  const options = end < 0 ? args : args.slice(0, end);
  const help = helpAsked(options);
  let i = commandWordAt(options);
  if (options[i] === 'help') return 'help';
  // A completion (a TAB key) defines every command: of its own kind, it neither reads `--version`'s
  // caches nor grows them.
  if (options[i] === '__complete') return 'complete';
  const words: string[] = [];
  for (; i < options.length && words.length < 2 && /^[a-z][a-z-]{0,19}$/.test(options[i]!); i++) words.push(options[i]!);
  if (words.length === 0) return help ? 'help' : 'root';
  // A dry run signs and prints where a call sends, checks and renders: other functions.
  return words.join('-') + (help ? '-help' : options.includes('--dry-run') ? '-dry' : '');
}

/** The names of this loader's files (and boot's): `<16 hex>-v<node version>…`. */
const CACHE_NAME = /^[0-9a-f]{16}-v\d/;
/** Another build's caches unwritten this long are removed (ChunkLoader.prune). */
const STALE_DAYS = 14;
/** A temporary file this old was left by a run that was killed while writing. */
const TEMPORARY_DAYS = 1;

/** A cache this much smaller than the one read lost functions (bytecode V8 dropped in a long run). */
const SHRUNK = 0.9;
/** A cache this much larger than the one read holds functions it did not: written in its place. */
const GREW = 1.01;

export class ChunkLoader {
  readonly #modules = new Map<string, ChunkModule>();
  readonly #ran: Ran[] = [];
  readonly #reads = new Reads();
  /** `<build>-<node version>-<arch>`: what the names of this run's caches begin with. */
  readonly #prefix: string;

  /**
   * `root`: the directory the chunks are under (dist/). `cache`: where caches are kept, or none.
   * `kind`: runKind() of this run. `buildId`: what the chunks were built as. `flags`: nodeFlags()
   * of this process.
   */
  constructor(
    private readonly root: string,
    private readonly cache: string | undefined,
    private readonly kind: string,
    private readonly buildId: string,
    flags = '',
    private readonly importPackage: (specifier: string) => Promise<unknown> = importFromHere,
  ) {
    this.#prefix = `${buildId}-${process.version}-${process.arch}${flags}`;
  }

  /** The chunks loaded, in order (the start-up guard test reads it). */
  loaded(): string[] {
    return [...this.#modules.keys()];
  }

  /** The chunks run from a cache V8 took. */
  fromCache(): string[] {
    return this.#ran.filter((ran) => ran.cachedBytes > 0).map((ran) => ran.file);
  }

  /** A script run before the loader was made (the loader itself), whose cache is at `ran.cacheFile`: saved as the chunks' are. */
  adopt(ran: Ran): void {
    this.#ran.push(ran);
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

  /**
   * Writes, for a kind of run not yet counted in, the caches of every chunk it ran (those it found
   * none for, and those it compiled more of), then counts it in; for a kind counted in, the caches
   * of chunks that had none (or one V8 turned down). A kind not counted in writes nothing after a
   * run that failed (`code` not 0): it took a path of its own, or was a mistyped command. Never a
   * smaller cache in place of one it read: a long run (`card batch`, `gateway serve`) has V8 drop
   * the bytecode of functions unused for a while (in the bench, after `card batch`, `sign` found a
   * cache of the main chunk of 90 KB where it needs 148 KB); such a run counts nothing in, and the
   * next run of its kind tries again.
   */
  save(code = 0): void {
    if (this.cache === undefined) return;
    const known = this.#knowsKind();
    // A kind's caches come from a run that ended well: a mistyped command or word (`alipay-card
    // sgin`, `completion bsh`) is a kind of its own, and would leave a set of caches per typo.
    if (!known && code !== 0) return;
    let shrunk = false;
    let wrote = false;
    for (const { script, file, cachedBytes, cacheFile, sourceBytes } of this.#ran.filter((ran) => !known || ran.cachedBytes === 0)) {
      const data = script.createCachedData();
      // The same functions serialize to a few bytes more or fewer from one run to the next (a tiny
      // chunk's cache: 2976 or 2992): only a real difference counts, or no kind was ever counted in
      // and every run wrote its caches again at exit.
      if (cachedBytes > 0 && data.length < cachedBytes * SHRUNK) shrunk = true;
      const path = cacheFile ?? this.#cacheFile(file);
      if (path !== undefined && (cachedBytes === 0 || data.length > cachedBytes * GREW)) {
        this.#write(path, sourceBytes === undefined ? data : Buffer.concat([cacheRecord(sourceBytes), data]));
        wrote = true;
      }
    }
    if (wrote) this.#prune();
    if (known || shrunk || code !== 0) return;
    try {
      appendFileSync(this.#kindsFile(), `${this.kind}\n`, { mode: 0o600 });
    } catch {
      // Written again by the next run of this kind.
    }
  }

  /**
   * Removes the caches of other builds not written for STALE_DAYS (an upgrade leaves the old
   * build's behind; another installed version that is still used writes its own again), and
   * temporary files a killed run left. Only when this run wrote a cache: the first run of a kind,
   * of a build.
   */
  #prune(): void {
    let names: string[];
    try {
      names = readdirSync(this.cache!);
    } catch {
      return;
    }
    const now = Date.now();
    for (const name of names) {
      // Another build's (an upgrade leaves the old one's behind; reading a cache does not touch it,
      // so this build's, of any Node version or options, are kept whatever their age), or a
      // temporary file a killed run left.
      const stale = name.endsWith('.tmp') ? TEMPORARY_DAYS : CACHE_NAME.test(name) && !name.startsWith(`${this.buildId}-`) ? STALE_DAYS : undefined;
      if (stale === undefined) continue;
      try {
        const path = join(this.cache!, name);
        if (statSync(path).mtimeMs < now - stale * 86_400_000) rmSync(path, { force: true });
      } catch {
        // Gone meanwhile (another run's prune, a rename): the next one.
      }
    }
  }

  #write(path: string, data: Buffer): void {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, data, { mode: 0o600 });
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

  /** Whether the caches hold what runs of this kind compile: its name is in the kinds file. */
  #knowsKind(): boolean {
    try {
      return readFileSync(this.#kindsFile(), 'utf8').split('\n').includes(this.kind);
    } catch {
      return false;
    }
  }

  #kindsFile(): string {
    return join(this.cache!, `${this.#prefix}.kinds`);
  }

  /**
   * A chunk's cache for this kind of run: each kind has its own, holding what its runs compiled.
   * Shared, the main chunk's cache held every command's functions, which every run reads whole:
   * after the commands the bench runs and a few others, `sign` read 190 KB of it where it needs
   * 150 KB, and the common chunk's 150 KB for 113 KB (valgrind, Node 20: 2.8M instructions).
   */
  #cacheFile(file: string): string | undefined {
    if (this.cache === undefined) return undefined;
    // The file's path below the chunks' root (every chunk's is), as a name: path.relative costs each
    // chunk a resolve() of both paths.
    const below = file.startsWith(this.root) && (file[this.root.length] === sep) ? file.slice(this.root.length + 1) : relative(this.root, file);
    return under(this.cache, `${this.#prefix}-${this.kind}-${below.replace(/[\\/]/g, '_')}`);
  }

  #run(file: string, module: ChunkModule): void {
    const { text: source, bytes: sourceBytes } = this.#reads.text(file);
    // Not compiled otherwise: a plain script's top level would run in the global scope first.
    if (!source.startsWith(CHUNK_HEAD)) throw new Error(`${file} is not a chunk of this build (scripts/chunk-wrapper.mjs): run \`npm run build\``);
    const cacheFile = this.#cacheFile(file);
    let cachedData: Buffer | undefined;
    if (cacheFile !== undefined) {
      try {
        // Read only while V8 compiles: the next file's read reuses the bytes.
        cachedData = this.#reads.cached(cacheFile, sourceBytes);
      } catch {
        cachedData = undefined;
      }
    }
    // The file is its code already wrapped in a function (scripts/chunk-wrapper.mjs), compiled as
    // it is: a wrapper added here made V8 keep a second, flattened copy of it. A chunk's import() of
    // a package (jose is an ES module only) is a call of __importPackage (scripts/build.mjs): node:vm
    // runs no import() of a script's own without an experimental flag or warning.
    const script = new Script(source, { filename: file, cachedData });
    this.#ran.push({ script, file, cachedBytes: takenBytes(script, cachedData), sourceBytes });
    // Built-ins through this file's own require; a require of the chunk's own only for a package
    // (resolved from the chunk's directory), made when one is first asked for: most chunks ask for
    // none, and each createRequire builds a module and its node_modules paths.
    let packages: NodeJS.Require | undefined;
    const require = (id: string): unknown => {
      if (id.startsWith('./') || id.startsWith('../')) return this.load(beside(file, id));
      if (id.startsWith('node:')) return builtin(id);
      return (packages ??= packageRequire(file))(id);
    };
    // A function, as the head checked above makes it.
    const wrapper = script.runInThisContext() as (exports: unknown, require: unknown, module: ChunkModule, filename: string, dirname: string, importPackage: (specifier: string) => Promise<unknown>) => void;
    wrapper.call(module.exports, module.exports, require, module, file, dirname(file), this.importPackage);
  }
}

/**
 * V8 allocates a string of 128 KB or more (kMaxRegularHeapObjectSize) in its large-object space,
 * outside the young generation (1 MB to start with) whose filling up stops the run for a scavenge
 * (3 ms or more each on this project's machines) that copies every object still alive.
 */
const LARGE_STRING = 128 * 1024;
/** A chunk's source longer than this is made a large string (Reads.text). */
const PAD_FROM = 48 * 1024;
/**
 * A chunk's cache file begins with 8 bytes of ours: its source's length in bytes (Ran.sourceBytes)
 * and this format's number, each a 32-bit integer. Eight, so that V8's data after them starts
 * 8-byte aligned: V8 copies a cache that does not before reading it (AlignedCachedData; with a
 * record of 4, `sign` copied 150 KB into 36 pages it touched for nothing). The number turns down a
 * file of another format before V8 sees it: the build id that names the files hashes the chunks,
 * not the loader, so a change to the loader alone reads the files the previous one wrote.
 */
const RECORD = 8;
/** 1: the length, then this number (before it, a 4-byte length alone, where V8's data then began). */
const FORMAT = 1;

function cacheRecord(sourceBytes: number): Buffer {
  const record = Buffer.alloc(RECORD);
  record.writeUInt32LE(sourceBytes, 0);
  record.writeUInt32LE(FORMAT, 4);
  return record;
}

/**
 * Reads the chunks and their caches into one buffer, reused from file to file. readFileSync gave
 * each a buffer of its own, in memory the process had not touched yet: on this project's machines
 * a page of memory touched for the first time costs about 11 µs (a minor page fault). Valgrind
 * and /usr/bin/time, Node 20: the same instructions, 40 page faults fewer for `sign`.
 */
class Reads {
  #buffer: Buffer | undefined;

  /** The bytes of `file`, valid until the next read. */
  bytes(file: string): Buffer {
    const fd = openSync(file, 'r');
    try {
      let length = 0;
      for (;;) {
        const buffer = this.#room(length, length + 1);
        const room = buffer.length - length;
        const read = readSync(fd, buffer, length, room, null);
        length += read;
        // A regular file reads short only at its end: no read more to be told so.
        if (read < room) return buffer.subarray(0, length);
      }
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The V8 cache in `file` for a source of `sourceBytes` bytes: none when the file records another
   * length (Ran.sourceBytes) or is of another format (FORMAT). Valid until the next read.
   */
  cached(file: string, sourceBytes: number): Buffer | undefined {
    const bytes = this.bytes(file);
    return bytes.length > RECORD && bytes.readUInt32LE(0) === sourceBytes && bytes.readUInt32LE(4) === FORMAT ? bytes.subarray(RECORD) : undefined;
  }

  /**
   * `file` as text (UTF-8: the chunks are ASCII but for the translations), and its length in
   * bytes. A source longer than PAD_FROM is padded with spaces to LARGE_STRING: a chunk's source
   * lives as long as the process, and the common chunk's 83 KB in the young generation made
   * `card open --dry-run` scavenge twice (once with it large: --trace-gc, Node 20 and 22; Node 24,
   * whose own start allocates more, still twice; 160 page faults fewer). Trailing spaces change
   * nothing of what the chunk runs, nor its lines and columns (source maps); its cache is made from
   * the same padded text. Counted in bytes: text beyond ASCII may decode to fewer characters than
   * V8's limit, and is then a young string as before (no chunk of that size has any).
   */
  text(file: string): { text: string; bytes: number } {
    const bytes = this.bytes(file);
    const length = bytes.length;
    if (length <= PAD_FROM || length >= LARGE_STRING) return { text: bytes.toString('utf8'), bytes: length };
    const buffer = this.#room(length, LARGE_STRING);
    buffer.fill(0x20, length, LARGE_STRING);
    return { text: buffer.toString('utf8', 0, LARGE_STRING), bytes: length };
  }

  /** The buffer, with room for `needed` bytes and the first `kept` of it kept. */
  #room(kept: number, needed: number): Buffer {
    const buffer = this.#buffer;
    if (buffer !== undefined && buffer.length >= needed) return buffer;
    const larger = Buffer.allocUnsafeSlow(Math.max(256 * 1024, needed, (buffer?.length ?? 0) * 2));
    buffer?.copy(larger, 0, 0, kept);
    return (this.#buffer = larger);
  }
}

/**
 * The path of `id` (`./chunk-X.js`, `../chunks/x.js`) from the chunk `file`: a file in the same
 * directory by joining the two, as path.resolve would make it (which, cold, costs each require more
 * than reading the chunk's cache does); anything else through path.resolve.
 */
export function beside(file: string, id: string): string {
  const name = id.slice(2);
  if (id.startsWith('./') && !name.includes('/') && !name.includes('\\') && name !== '.' && name !== '..' && name !== '') return under(dirname(file), name);
  return resolve(dirname(file), id);
}

/** `name` in the directory `dir` (a whole path: no `..`, no doubled separator), as path.join would make it. */
function under(dir: string, name: string): string {
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

/** The bytes of `cachedData` V8 took for `script`: 0 for none, or one it turned down. */
export function takenBytes(script: Script, cachedData: Buffer | undefined): number {
  return cachedData !== undefined && script.cachedDataRejected !== true ? cachedData.length : 0;
}

/**
 * A built-in module (`node:fs`): the same from any file. node:process is the process object, which
 * commander asks for: its module costs ≈0.15 ms to load.
 */
function builtin(id: string): unknown {
  return id === 'node:process' ? process : require(id);
}

/**
 * import() of a package, from this file: dist/, where a chunk's own lookup of node_modules would
 * start too. Only when Node's require loaded this file (tests, --enable-source-maps): compiled by
 * boot, through node:vm, the run uses boot's.
 */
function importFromHere(specifier: string): Promise<unknown> {
  beforePackageImport();
  return import(specifier);
}

let current: ChunkLoader | undefined;

/** The loader of this run (the start-up guard test reads what it loaded). */
export function chunkLoader(): ChunkLoader | undefined {
  return current;
}

/**
 * Whether the run is likely in Chinese, by the flag and the locale (the config's `lang` is not read
 * here; this is only a cache's name): Chinese runs compile functions English ones do not, and the
 * other way round.
 */
export function likelyChinese(args: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return flagOrLocaleLanguage(languageArgument(args), env) === 'zh-CN';
}

/**
 * Runs the CLI: dist/cli/main.js and what it requires, through a ChunkLoader whose caches are
 * written when the process exits (main() ends with process.exit). src/loader/boot.ts calls it.
 */
export function runCli(argv: string[], boot: Boot): void {
  const root = resolve(__dirname);
  if (process.sourceMapsEnabled) {
    // --enable-source-maps: Node maps stack traces through the source maps of what its own loader
    // loaded, not of what node:vm compiled. Debugging, start-up does not count: Node loads all (a
    // chunk is a CommonJS module too: scripts/chunk-wrapper.mjs), with Node's require and import()
    // for packages too: Node's compile cache is turned on for them here.
    beforePackageImport();
    void (require(join(root, 'cli/main.js')) as { main(argv: string[]): Promise<void> }).main(argv);
    return;
  }
  const args = argv.slice(2);
  const kind = runKind(args) + (likelyChinese(args, process.env) ? '-zh' : '');
  const loader = new ChunkLoader(root, boot.cache, kind, __BUILD_ID__, boot.flags, boot.importPackage);
  if (boot.self) loader.adopt(boot.self);
  current = loader;
  // `on`, not `once`: a process emits 'exit' once, and once() wraps the listener in Node's own
  // JavaScript, compiled for it (valgrind, Node 20: `sign` ≈0.3M instructions).
  process.on('exit', (code) => loader.save(code));
  const main = loader.load(join(root, 'cli/main.js')) as { main(argv: string[]): Promise<void> };
  void main.main(argv);
}
