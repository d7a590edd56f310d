import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { wrapChunk } from '../../../scripts/chunk-wrapper.mjs';
import { cacheDirectory, nodeFlags } from '../../../src/loader/cache-place.js';
import { beside, likelyChinese, runKind } from '../../../src/loader/chunks.js';

// The loader the built CLI runs its chunks with (src/loader/chunks.ts). Its chunks run in Node's
// main context, not jest's, so what it does is tried in a child process, with the built
// dist/loader.js (`npm test` builds first), on chunks written here.

const root = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname), '../../..');
const loaderFile = join(root, 'dist/loader.js');

/** Chunks in a directory of their own, as dist/ holds them: each module's code wrapped as the build wraps it. */
function chunks(files: Record<string, string>, wrap = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-chunks-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), wrap ? wrapChunk(text).code : text);
  }
  return dir;
}

/** Loads `entry` of `dir` with a ChunkLoader in a new process, runs `then` on its exports, and returns what it printed. */
function inChild(dir: string, entry: string, options: { cache?: string; kind?: string; buildId?: string; then?: string; nodeArgs?: string[] } = {}): { out: unknown; stderr: string; status: number | null } {
  const script = `
    const { ChunkLoader } = require(${JSON.stringify(loaderFile)});
    const flags = ${JSON.stringify(nodeFlags(options.nodeArgs ?? [], undefined))};
    const loader = new ChunkLoader(${JSON.stringify(dir)}, ${JSON.stringify(options.cache)}, ${JSON.stringify(options.kind ?? 'sign')}, ${JSON.stringify(options.buildId ?? 'b1')}, flags);
    process.once('exit', (code) => loader.save(code));
    (async () => {
      const exports = loader.load(${JSON.stringify(join(dir, entry))});
      const out = await (async (exports) => { ${options.then ?? 'return exports;'} })(exports);
      console.log(JSON.stringify({ out, loaded: loader.loaded().map((f) => f.slice(${dir.length + 1})), fromCache: loader.fromCache().map((f) => f.slice(${dir.length + 1})) }));
    })().catch((err) => { console.log(JSON.stringify({ error: String(err.stack) })); });`;
  const run = spawnSync(process.execPath, [...(options.nodeArgs ?? []), '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { out: run.stdout ? JSON.parse(run.stdout) : undefined, stderr: run.stderr, status: run.status };
}

describe('a chunk loaded by the loader', () => {
  const dir = chunks({
    'cli/main.js': `"use strict";
      const b = require('../chunks/b.js');
      exports.sum = b.n + 1;
      exports.same = require('../chunks/b.js') === b;
      exports.sep = require('node:path').sep;
      exports.file = __filename.slice(__dirname.length);
      exports.strict = (function () { return this === undefined; })();
      exports.later = () => Promise.resolve().then(() => require('../chunks/c.js'));
      exports.esm = () => __importPackage('node:url').then((m) => typeof m.pathToFileURL);`,
    'chunks/b.js': `"use strict"; globalThis.timesB = (globalThis.timesB ?? 0) + 1; exports.n = 41;`,
    'chunks/c.js': `"use strict";
      exports.b = require('./b.js').n;
      exports.times = globalThis.timesB;`,
    'chunks/broken.js': `"use strict";
      exports.ok = 1;
      throw new Error('broken on line 3');`,
  });

  it('gets require, module, exports, __filename and __dirname as from Node, strict, each chunk once', () => {
    const { out, stderr } = inChild(dir, 'cli/main.js', { then: 'return { sum: exports.sum, same: exports.same, sep: exports.sep, file: exports.file, strict: exports.strict, later: await exports.later(), esm: await exports.esm() };' });
    expect(stderr).toBe('');
    expect(out).toEqual({
      out: { sum: 42, same: true, sep: '/', file: '/main.js', strict: true, later: { b: 41, times: 1 }, esm: 'function' },
      loaded: ['cli/main.js', 'chunks/b.js', 'chunks/c.js'],
      fromCache: [],
    });
  });

  it("reports a chunk's error at its own line, and runs it again when asked again", () => {
    const { out } = inChild(dir, 'cli/main.js', {
      then: `const tries = [];
        for (let i = 0; i < 2; i++) {
          try { loader.load(${JSON.stringify(join(dir, 'chunks/broken.js'))}); } catch (err) { tries.push(err.stack.split('\\n').slice(0, 2).join(' ')); }
        }
        return tries;`,
    });
    const { out: tries, loaded } = out as { out: string[]; loaded: string[] };
    expect(tries).toHaveLength(2);
    // The file's own line: the code's third, after the wrapper's line.
    const line = readFileSync(join(dir, 'chunks/broken.js'), 'utf8').split('\n').findIndex((text) => text.includes('throw')) + 1;
    expect(line).toBe(4);
    for (const stack of tries) expect(stack).toContain(`${join(dir, 'chunks/broken.js')}:${line}:`);
    expect(loaded).not.toContain('chunks/broken.js');
  });

  it("is a CommonJS module too, which Node's own require runs with its require and import() (node --enable-source-maps)", () => {
    const script = `require(${JSON.stringify(join(dir, 'cli/main.js'))}).esm().then((esm) => {
      const main = require(${JSON.stringify(join(dir, 'cli/main.js'))});
      console.log(JSON.stringify({ sum: main.sum, same: main.same, strict: main.strict, esm, global: typeof globalThis.__importPackage }));
    });`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ sum: 42, same: true, strict: true, esm: 'function', global: 'undefined' });
  });

  it('refuses a file that is not a chunk of the build, saying so', () => {
    const plain = chunks({ 'cli/main.js': '"use strict"; exports.n = 1;' }, false);
    const { out } = inChild(plain, 'cli/main.js');
    expect((out as { error: string }).error).toContain(`${join(plain, 'cli/main.js')} is not a chunk of this build`);
  });
});

describe('the code cache', () => {
  const source = { 'cli/main.js': `"use strict"; exports.f = (x) => x * 2; exports.r = exports.f(21);` };

  function cacheFiles(cache: string): string[] {
    return readdirSync(cache).sort();
  }

  it('is written at exit for each chunk that had none, and used by the next run', () => {
    const dir = chunks(source);
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    const first = inChild(dir, 'cli/main.js', { cache, then: 'return exports.r;' });
    expect(first.out).toEqual({ out: 42, loaded: ['cli/main.js'], fromCache: [] });
    expect(cacheFiles(cache)).toEqual([`b1-${process.version}-${process.arch}-sign-cli_main.js`, `b1-${process.version}-${process.arch}.kinds`]);
    expect(readFileSync(join(cache, `b1-${process.version}-${process.arch}.kinds`), 'utf8')).toBe('sign\n');
    const written = statSync(join(cache, cacheFiles(cache)[0]!)).mtimeMs;

    const second = inChild(dir, 'cli/main.js', { cache, then: 'return exports.r;' });
    expect(second.out).toEqual({ out: 42, loaded: ['cli/main.js'], fromCache: ['cli/main.js'] });
    // Used, not written again: this kind of run is in it.
    expect(statSync(join(cache, cacheFiles(cache)[0]!)).mtimeMs).toBe(written);

    // Another build: caches of its own.
    inChild(dir, 'cli/main.js', { cache, buildId: 'b2' });
    expect(cacheFiles(cache)).toEqual([
      `b1-${process.version}-${process.arch}-sign-cli_main.js`,
      `b1-${process.version}-${process.arch}.kinds`,
      `b2-${process.version}-${process.arch}-sign-cli_main.js`,
      `b2-${process.version}-${process.arch}.kinds`,
    ]);
  });

  it('serves chunks of every size, each read into the buffer the next one reuses: one made a large string, one larger than the buffer, one in UTF-8', () => {
    // Filler a function holds, so that V8 cannot drop it: the sizes are what the loader reads.
    const sized = (name: string, bytes: number) => `"use strict"; exports.${name} = function ${name}() { return ${JSON.stringify('x'.repeat(bytes))}.length; };`;
    const dir = chunks({
      'cli/main.js': `"use strict";
        const parts = [require('../chunks/mid.js').mid(), require('../chunks/big.js').big(), require('../chunks/words.js').words];
        exports.parts = parts;
        exports.text = String(require('../chunks/mid.js').mid).slice(0, 40);`,
      'chunks/mid.js': sized('mid', 80 * 1024),
      'chunks/big.js': sized('big', 600 * 1024),
      'chunks/words.js': `"use strict"; exports.words = '会员卡 ✓ ' + ${JSON.stringify('é'.repeat(40 * 1024))}.length;`,
    });
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    const expected = { parts: [80 * 1024, 600 * 1024, `会员卡 ✓ ${40 * 1024}`], text: `function mid() { return "${'x'.repeat(40 - 'function mid() { return "'.length)}` };
    const first = inChild(dir, 'cli/main.js', { cache, then: 'return { parts: exports.parts, text: exports.text };' });
    expect(first.out).toEqual({ out: expected, loaded: ['cli/main.js', 'chunks/mid.js', 'chunks/big.js', 'chunks/words.js'], fromCache: [] });
    const second = inChild(dir, 'cli/main.js', { cache, then: 'return { parts: exports.parts, text: exports.text };' });
    expect(second.out).toEqual({ out: expected, loaded: ['cli/main.js', 'chunks/mid.js', 'chunks/big.js', 'chunks/words.js'], fromCache: ['cli/main.js', 'chunks/mid.js', 'chunks/big.js', 'chunks/words.js'] });
  });

  /** What the loader passes to new Script() for each chunk, [cachedData's byteOffset, cachedDataRejected] (null for none), seen from a vm.Script put in its place. */
  function cachedDataSeen(dir: string, cache: string): [number | null, boolean | null][] {
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `const vm = require('node:vm');
        const seen = [];
        const Script = vm.Script;
        vm.Script = class extends Script { constructor(source, options) { super(source, options); seen.push([options.cachedData?.byteOffset ?? null, this.cachedDataRejected ?? null]); } };
        const { ChunkLoader } = require(${JSON.stringify(loaderFile)});
        const loader = new ChunkLoader(${JSON.stringify(dir)}, ${JSON.stringify(cache)}, 'sign', 'b1');
        process.once('exit', (code) => loader.save(code));
        loader.load(${JSON.stringify(join(dir, 'cli/main.js'))});
        console.log(JSON.stringify(seen));`,
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    return JSON.parse(run.stdout) as [number | null, boolean | null][];
  }

  it('is handed to V8 at an 8-byte boundary, after the length it records: V8 copies a cache that is not before reading it', () => {
    const dir = chunks({ 'cli/main.js': `"use strict"; exports.n = require('../chunks/mid.js').n;`, 'chunks/mid.js': `"use strict"; exports.n = ${JSON.stringify('m'.repeat(60 * 1024))}.length;` });
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    inChild(dir, 'cli/main.js', { cache });
    const seen = cachedDataSeen(dir, cache);
    expect(seen).toHaveLength(2);
    for (const [offset, rejected] of seen) {
      expect(offset! % 8).toBe(0);
      expect(offset).toBeGreaterThan(0);
      expect(rejected).toBe(false);
    }
  });

  it("of the loader's earlier format (a 4-byte length, then V8's data) is not handed to V8, and is written again", () => {
    const dir = chunks(source);
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    inChild(dir, 'cli/main.js', { cache });
    const file = join(cache, `b1-${process.version}-${process.arch}-sign-cli_main.js`);
    const current = readFileSync(file);
    // The same chunk, the same length: only the format differs, as after an update of the loader alone.
    writeFileSync(file, Buffer.concat([current.subarray(0, 4), current.subarray(8)]));
    expect(cachedDataSeen(dir, cache)).toEqual([[null, null]]);
    expect(readFileSync(file).readUInt32LE(4)).toBe(1);
    expect(cachedDataSeen(dir, cache)).toEqual([[8, false]]);
  });

  it('is not used for a chunk changed in place (same build): V8 checks only the length, and a padded source is always 128 KB long', () => {
    const version = (v: number, filler: number) => `"use strict"; exports.v = ${v}; exports.n = ${JSON.stringify('f'.repeat(filler))}.length;`;
    const dir = chunks({ 'cli/main.js': version(1, 60 * 1024) });
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    inChild(dir, 'cli/main.js', { cache });
    expect(inChild(dir, 'cli/main.js', { cache, then: 'return exports.v;' }).out).toEqual({ out: 1, loaded: ['cli/main.js'], fromCache: ['cli/main.js'] });
    writeFileSync(join(dir, 'cli/main.js'), wrapChunk(version(2, 70 * 1024)).code);
    expect(inChild(dir, 'cli/main.js', { cache, then: 'return exports.v;' }).out).toEqual({ out: 2, loaded: ['cli/main.js'], fromCache: [] });
    // Its cache written again, for the chunk as it is now.
    expect(inChild(dir, 'cli/main.js', { cache, then: 'return exports.v;' }).out).toEqual({ out: 2, loaded: ['cli/main.js'], fromCache: ['cli/main.js'] });
  });

  it("keeps a source of more than 48 KB out of V8's young generation: a large string (start-up: one scavenge fewer)", () => {
    const dir = chunks({ 'cli/main.js': '"use strict";', 'chunks/small.js': `"use strict"; exports.n = ${JSON.stringify('s'.repeat(20 * 1024))}.length;`, 'chunks/mid.js': `"use strict"; exports.n = ${JSON.stringify('m'.repeat(60 * 1024))}.length;` });
    const grew = (chunk: string) => `const v8 = require('node:v8');
      const large = () => v8.getHeapSpaceStatistics().filter((s) => s.space_name.includes('large_object')).reduce((sum, s) => sum + s.space_used_size, 0);
      const before = large();
      loader.load(${JSON.stringify(join(dir, chunk))});
      return large() - before;`;
    expect((inChild(dir, 'cli/main.js', { then: grew('chunks/mid.js') }).out as { out: number }).out).toBeGreaterThanOrEqual(128 * 1024);
    expect((inChild(dir, 'cli/main.js', { then: grew('chunks/small.js') }).out as { out: number }).out).toBe(0);
  });

  it('is kept for each kind of run: one reads only what runs of its kind compiled', () => {
    const dir = chunks({
      'cli/main.js': `"use strict";
        exports.f = function f(x) { const parts = []; for (let i = 0; i < x; i++) parts.push(String(i * 3)); return parts.join('-'); };
        exports.g = function g(x) { const seen = new Map(); for (const c of String(x)) seen.set(c, (seen.get(c) ?? 0) + 1); return [...seen].map(([k, n]) => k + n).join(''); };`,
    });
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    const fileOf = (kind: string) => join(cache, `b1-${process.version}-${process.arch}-${kind}-cli_main.js`);
    const kinds = join(cache, `b1-${process.version}-${process.arch}.kinds`);
    inChild(dir, 'cli/main.js', { cache, kind: 'sign', then: 'return exports.f(3);' });
    const sign = [statSync(fileOf('sign')).size, statSync(fileOf('sign')).mtimeMs];
    const verify = inChild(dir, 'cli/main.js', { cache, kind: 'verify', then: 'return exports.g(112);' });
    expect(verify.out).toMatchObject({ out: '1221', fromCache: [] });
    expect(existsSync(fileOf('verify'))).toBe(true);
    expect([statSync(fileOf('sign')).size, statSync(fileOf('sign')).mtimeMs]).toEqual(sign);
    expect(readFileSync(kinds, 'utf8')).toBe('sign\nverify\n');
    expect(inChild(dir, 'cli/main.js', { cache, kind: 'verify', then: 'return exports.g(112);' }).out).toMatchObject({ fromCache: ['cli/main.js'] });
    // Help, which defines and renders every command, is a kind of its own too.
    expect(inChild(dir, 'cli/main.js', { cache, kind: 'card-open-help', then: 'return exports.g(7);' }).out).toMatchObject({ fromCache: [] });
    expect(existsSync(fileOf('card-open-help'))).toBe(true);
  });

  it("comes from a run of its kind that ended well: a failed first run (a mistyped command is a kind of its own) writes none", () => {
    const dir = chunks(source);
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    const file = join(cache, `b1-${process.version}-${process.arch}-sign-cli_main.js`);
    const kinds = join(cache, `b1-${process.version}-${process.arch}.kinds`);
    inChild(dir, 'cli/main.js', { cache, then: 'process.exitCode = 2; return exports.r;' });
    expect(cacheFiles(cache)).toEqual([]);
    inChild(dir, 'cli/main.js', { cache, then: 'return exports.r;' });
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(kinds, 'utf8')).toBe('sign\n');
    // Counted in: a later failed run uses it and writes nothing.
    const written = statSync(file).mtimeMs;
    expect(inChild(dir, 'cli/main.js', { cache, then: 'process.exitCode = 1; return exports.r;' }).out).toMatchObject({ fromCache: ['cli/main.js'] });
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it("is not replaced by a smaller one: a long run's V8 drops the bytecode of functions it has not used for a while", () => {
    const dir = chunks({
      'cli/main.js': `"use strict";
        exports.f = function f(x) { const parts = []; for (let i = 0; i < x; i++) parts.push(String(i * 3)); return parts.join('-'); };
        exports.g = function g(x) { const seen = new Map(); for (const c of String(x)) seen.set(c, (seen.get(c) ?? 0) + 1); return [...seen].map(([k, n]) => k + n).join(''); };`,
    });
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    const file = join(cache, `b1-${process.version}-${process.arch}-card-batch-cli_main.js`);
    const kinds = join(cache, `b1-${process.version}-${process.arch}.kinds`);
    // A run that wrote the caches, and a kinds file that does not count it in (as after a run that shrank).
    inChild(dir, 'cli/main.js', { cache, kind: 'card-batch', then: 'return exports.f(3) + exports.g(112);' });
    rmSync(kinds);
    const [size, written] = [statSync(file).size, statSync(file).mtimeMs];
    // The next, as a long run ends: V8 has flushed the bytecode it did not use lately.
    const long = inChild(dir, 'cli/main.js', {
      cache,
      kind: 'card-batch',
      then: `const v8 = require('node:v8'); v8.setFlagsFromString('--stress-flush-code'); v8.setFlagsFromString('--expose-gc');
        const gc = require('node:vm').runInNewContext('gc');
        for (let i = 0; i < 4; i++) gc();
        return exports.f(2);`,
    });
    expect(long.out).toMatchObject({ out: '0-3', fromCache: ['cli/main.js'] });
    expect([statSync(file).size, statSync(file).mtimeMs]).toEqual([size, written]);
    // Not counted in: its next run tries again.
    expect(existsSync(kinds)).toBe(false);
  });

  it('that V8 turns down is not used, and is written again', () => {
    const dir = chunks(source);
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    const file = join(cache, `b1-${process.version}-${process.arch}-sign-cli_main.js`);
    const kinds = join(cache, `b1-${process.version}-${process.arch}.kinds`);
    writeFileSync(file, 'not a code cache');
    // Even when runs of this kind have been here.
    writeFileSync(kinds, 'sign\nverify\n');
    const run = inChild(dir, 'cli/main.js', { cache, then: 'return exports.r;' });
    expect(run.out).toEqual({ out: 42, loaded: ['cli/main.js'], fromCache: [] });
    expect(readFileSync(file, 'utf8')).not.toBe('not a code cache');
    expect(readFileSync(kinds, 'utf8')).toBe('sign\nverify\n');
    expect(inChild(dir, 'cli/main.js', { cache }).out).toMatchObject({ fromCache: ['cli/main.js'] });
  });

  it('of a process started with options of its own (V8 flags) is kept apart: neither writes over the other', () => {
    const dir = chunks(source);
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    inChild(dir, 'cli/main.js', { cache });
    const plain = join(cache, `b1-${process.version}-${process.arch}-sign-cli_main.js`);
    const written = statSync(plain).mtimeMs;
    const flagged = inChild(dir, 'cli/main.js', { cache, nodeArgs: ['--max-old-space-size=200'], then: 'return exports.r;' });
    expect(flagged.out).toEqual({ out: 42, loaded: ['cli/main.js'], fromCache: [] });
    const suffix = nodeFlags(['--max-old-space-size=200'], undefined);
    expect(cacheFiles(cache)).toEqual([
      `b1-${process.version}-${process.arch}${suffix}-sign-cli_main.js`,
      `b1-${process.version}-${process.arch}${suffix}.kinds`,
      `b1-${process.version}-${process.arch}-sign-cli_main.js`,
      `b1-${process.version}-${process.arch}.kinds`,
    ].sort());
    // Each finds its own, as it left it.
    expect(inChild(dir, 'cli/main.js', { cache }).out).toMatchObject({ fromCache: ['cli/main.js'] });
    expect(inChild(dir, 'cli/main.js', { cache, nodeArgs: ['--max-old-space-size=200'] }).out).toMatchObject({ fromCache: ['cli/main.js'] });
    expect(statSync(plain).mtimeMs).toBe(written);
  });

  it("of other builds is removed once unwritten for two weeks, when a run writes one; this build's never, of any Node or options", () => {
    const dir = chunks(source);
    const cache = mkdtempSync(join(tmpdir(), 'alipay-card-cache-'));
    const ours = `b1${'0'.repeat(14)}-${process.version}-${process.arch}`;
    const old = new Date(Date.now() - 15 * 86_400_000);
    const names = {
      oldBuild: `0123456789abcdef-${process.version}-${process.arch}-sign-cli_main.js`,
      oldNode: `${ours.split('-')[0]}-v18.0.0-${process.arch}-sign-cli_main.js`,
      oldFlags: `${ours}-0x0000abcd-sign-cli_main.js`,
      oldTemporary: `${ours}-verify-cli_main.js.123.tmp`,
      recentBuild: `fedcba9876543210-${process.version}-${process.arch}-sign-cli_main.js`,
      oursOld: `${ours}-verify-cli_main.js`,
      notOurs: 'something-else.txt',
    };
    for (const name of Object.values(names)) {
      writeFileSync(join(cache, name), 'x');
      if (name !== names.recentBuild) utimesSync(join(cache, name), old, old);
    }
    inChild(dir, 'cli/main.js', { cache, buildId: ours.split('-')[0] });
    expect(cacheFiles(cache)).toEqual([names.oldNode, names.oldFlags, names.recentBuild, names.oursOld, `${ours}-sign-cli_main.js`, `${ours}.kinds`, names.notOurs].sort());
  });

  it('is not kept when there is no directory for it: the run is the same', () => {
    const dir = chunks(source);
    const run = inChild(dir, 'cli/main.js', { then: 'return exports.r;' });
    expect(run.out).toEqual({ out: 42, loaded: ['cli/main.js'], fromCache: [] });
  });
});

describe('where the caches live', () => {
  const uid = process.getuid!();

  it("is a directory of the user's alone under the temporary directory, made 0700", () => {
    const base = mkdtempSync(join(tmpdir(), 'alipay-card-tmp-'));
    const dir = cacheDirectory({}, base);
    expect(dir).toBe(join(base, `alipay-card-code-cache-${uid}`));
    expect(statSync(dir!).mode & 0o777).toBe(0o700);
    expect(cacheDirectory({}, base)).toBe(dir);
  });

  it('is none when others may write there, when it is a link, or when NODE_DISABLE_COMPILE_CACHE is set', () => {
    const open = mkdtempSync(join(tmpdir(), 'alipay-card-tmp-'));
    mkdirSync(join(open, `alipay-card-code-cache-${uid}`));
    chmodSync(join(open, `alipay-card-code-cache-${uid}`), 0o777);
    expect(cacheDirectory({}, open)).toBeUndefined();

    const linked = mkdtempSync(join(tmpdir(), 'alipay-card-tmp-'));
    mkdirSync(join(linked, 'elsewhere'), { mode: 0o700 });
    symlinkSync(join(linked, 'elsewhere'), join(linked, `alipay-card-code-cache-${uid}`));
    expect(cacheDirectory({}, linked)).toBeUndefined();

    const off = mkdtempSync(join(tmpdir(), 'alipay-card-tmp-'));
    expect(cacheDirectory({ NODE_DISABLE_COMPILE_CACHE: '1' }, off)).toBeUndefined();
    expect(existsSync(join(off, `alipay-card-code-cache-${uid}`))).toBe(false);
  });

  it('is none when the temporary directory is missing or is not a directory', () => {
    const base = mkdtempSync(join(tmpdir(), 'alipay-card-tmp-'));
    expect(cacheDirectory({}, join(base, 'missing', 'deeper'))).toBeUndefined();
    writeFileSync(join(base, 'a-file'), '');
    expect(cacheDirectory({}, join(base, 'a-file'))).toBeUndefined();
  });
});

describe('the options a process was started with, in the names of its caches', () => {
  it('are nothing for a plain start, and a short hash of the options and NODE_OPTIONS otherwise', () => {
    expect(nodeFlags([], undefined)).toBe('');
    expect(nodeFlags([], ' ')).toBe('');
    expect(nodeFlags(['--max-old-space-size=200'], undefined)).toMatch(/^-0x[0-9a-f]{8}$/);
    expect(nodeFlags(['--max-old-space-size=200'], undefined)).not.toBe(nodeFlags(['--max-old-space-size=300'], undefined));
    expect(nodeFlags([], '--max-old-space-size=200')).not.toBe(nodeFlags([], ''));
    expect(nodeFlags(['--stack-size=900'], undefined)).toBe(nodeFlags(['--stack-size=900'], undefined));
  });
});

describe('the kind of a run (its caches are its own)', () => {
  it.each([
    [['sign', '--method', 'x'], 'sign'],
    [['-c', 'rc.json', 'card', 'open', '--template-id', '1'], 'card-open'],
    [['--gateway', 'local', '--json', 'template', 'query', '2017'], 'template-query'],
    [['--help'], 'help'],
    [['help', 'card', 'open'], 'help'],
    [['card', 'open', '--help'], 'card-open-help'],
    [['card', 'open', '--dry-run', '--template-id', '1'], 'card-open-dry'],
    [['--dry-run', 'template', 'query', '1', '--help'], 'template-query-help'],
    [[], 'root'],
    [['--version'], 'root'],
    [['card', 'batch', 'members.csv'], 'card-batch'],
    [['NotACommand'], 'root'],
    [['__complete', '--', 'card', 'op'], 'complete'],
    // A group ending in h is help to commander (-y, then -h); -hy is an unknown option.
    [['-yh', 'sign'], 'sign-help'],
    [['-hy', 'sign'], 'sign'],
    [['card', 'open', '-vh'], 'card-open-help'],
  ])('%j is %s', (args, kind) => {
    expect(runKind(args)).toBe(kind);
  });
});

describe('a run likely in Chinese (its caches are its own too)', () => {
  it.each([
    [[], { LANG: 'zh_CN.UTF-8' }, true],
    [[], { LANG: 'en_US.UTF-8' }, false],
    [[], { LC_ALL: 'zh_TW', LANG: 'en_US' }, true],
    [['--lang', 'zh-CN'], { LANG: 'en_US.UTF-8' }, true],
    [['--lang=zh'], {}, true],
    [['--lang', 'en'], { LANG: 'zh_CN.UTF-8' }, false],
    [['--lang', 'fr'], { LANG: 'zh_CN.UTF-8' }, true],
    [[], {}, false],
  ])('%j with %j: %s', (args, env, chinese) => {
    expect(likelyChinese(args, env)).toBe(chinese);
  });
});

describe('the CLI with it', () => {
  it('leaves the chunks to Node when source maps are on, so that stack traces name the sources', () => {
    const run = spawnSync(process.execPath, ['--enable-source-maps', join(root, 'bin/alipay-card.js'), '--verbose', 'card', 'open', '--template-id', 'x', '--user-id', '1', '--json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir() },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${join(root, 'src/cli/commands/card-open')}`);
    // And a package imported (jose, an ES module) still loads: keys generate uses it.
    const out = mkdtempSync(join(tmpdir(), 'alipay-card-keys-'));
    const keys = spawnSync(process.execPath, ['--enable-source-maps', join(root, 'bin/alipay-card.js'), 'keys', 'generate', '--out', out, '--json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir() },
    });
    expect([keys.status, keys.stderr]).toEqual([0, '']);
  });

  const bin = join(root, 'bin/alipay-card.js');
  const run = (env: Record<string, string>) => spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env } });

  it('compiles the loader itself with a cache of its own (dist/boot.js), which the next run uses', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'alipay-card-tmp-'));
    const script = `const boot = require(${JSON.stringify(join(root, 'dist/boot.js'))});
      process.on('exit', () => require('node:fs').writeSync(2, JSON.stringify(boot.chunkLoader().fromCache())));
      boot.boot([process.execPath, 'alipay-card', '--version']);`;
    const once = () => spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), TMPDIR: tmp } });
    const first = once();
    expect([first.status, first.stdout.trim(), JSON.parse(first.stderr)]).toEqual([0, expect.stringMatching(/^\d+\.\d+\.\d+$/), []]);
    const dir = join(tmp, `alipay-card-code-cache-${process.getuid!()}`);
    expect(readdirSync(dir).filter((f) => /-loader-[0-9a-f]{16}\.js$/.test(f))).toHaveLength(1);
    const second = once();
    const fromCache = JSON.parse(second.stderr) as string[];
    expect(fromCache.slice(0, 2)).toEqual([join(root, 'dist/loader.js'), join(root, 'dist/cli/main.js')]);
  });

  it('keeps its caches under TMPDIR, and none with NODE_DISABLE_COMPILE_CACHE', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'alipay-card-tmp-'));
    const first = run({ TMPDIR: tmp });
    expect([first.status, first.stderr]).toEqual([0, '']);
    const dir = join(tmp, `alipay-card-code-cache-${process.getuid!()}`);
    expect(readdirSync(dir).some((f) => f.endsWith('-cli_main.js'))).toBe(true);
    expect(run({ TMPDIR: tmp }).stdout).toBe(first.stdout);

    const off = mkdtempSync(join(tmpdir(), 'alipay-card-tmp-'));
    const plain = run({ TMPDIR: off, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect([plain.status, plain.stdout, plain.stderr]).toEqual([0, first.stdout, '']);
    expect(readdirSync(off)).toEqual([]);
  });
});

describe('beside: the path of a chunk required from another', () => {
  it.each([
    ['/app/dist/chunks/chunk-A.js', './chunk-B.js'],
    ['/app/dist/cli/main.js', '../chunks/chunk-B.js'],
    ['/app/dist/chunks/chunk-A.js', './sub/chunk-B.js'],
    ['/app/dist/chunks/chunk-A.js', './'],
    ['/app/dist/chunks/chunk-A.js', './.'],
    ['/app/dist/chunks/chunk-A.js', './..'],
    ['/app/dist/chunks/chunk-A.js', './a\\b.js'],
    ['/chunk-A.js', './chunk-B.js'],
    ['/app/dist/cli/main.js', '../../x.js'],
    ['/app/main.js', '../../../x.js'],
    ['/app/dist/cli/main.js', '.././chunks/x.js'],
    ['/app/dist/cli/main.js', '../chunks//x.js'],
    ['/app/dist/cli/main.js', '../chunks/x.js/'],
    ['/app/dist/cli/main.js', './../x.js'],
  ])('from %s, %s is where path.resolve puts it', (file, id) => {
    expect(beside(file, id)).toBe(resolve(dirname(file), id));
  });
});
