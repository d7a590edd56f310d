import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchDir, loadFile } from '../../../src/config/json-config.js';
import { createExplorer } from '../../../src/config/search.js';

// Two things start-up relies on that a dependency or Node upgrade could break silently; each
// test here fails then, naming what to do. Their gains are measured in bench/run.mjs and the README.

const require = createRequire(import.meta.url);

describe("undici's own files instead of its index (src/client/undici-parts.d.ts)", () => {
  it('are the very classes and functions undici exports: an upgrade that moves them fails here', () => {
    const undici = require('undici') as Record<string, unknown>;
    expect(require('undici/lib/dispatcher/agent.js')).toBe(undici.Agent);
    expect(require('undici/lib/dispatcher/proxy-agent.js')).toBe(undici.ProxyAgent);
    expect(require('undici/lib/dispatcher/dispatcher.js')).toBe(undici.Dispatcher);
    const api = require('undici/lib/api/index.js') as Record<string, unknown>;
    // The index assigns these to every dispatcher; transport.ts does the same with them.
    for (const name of ['request', 'stream', 'pipeline', 'connect', 'upgrade']) expect([name, api[name]]).toEqual([name, (undici.Dispatcher as { prototype: Record<string, unknown> }).prototype[name]]);
    expect(undici.request).toBeInstanceOf(Function);
  });
});

describe("JSON configs read without loading cosmiconfig (src/config/json-config.ts)", () => {
  const layouts: Record<string, Record<string, string>> = {
    rc: { '.alipay-cardrc.json': '{"profiles":{"p":{"appId":"1"}}}' },
    'empty rc': { '.alipay-cardrc.json': '  \n' },
    'package.json with the key': { 'package.json': '{"name":"x","alipay-card":{"profiles":{"p":{"appId":"2"}}}}' },
    'package.json without it, then a config': { 'package.json': '{"name":"x"}', 'alipay-card.config.json': '{"profiles":{"p":{"appId":"3"}}}' },
    'a .config dir': { '.config/alipay-cardrc.json': '{"defaultProfile":"p"}' },
    nothing: {},
  };

  it.each(Object.keys(layouts))('finds and reads what cosmiconfig finds and reads: %s', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-guard-'));
    for (const [file, text] of Object.entries(layouts[name]!)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const explorer = await createExplorer();
    const theirs = await explorer.search(dir);
    const ours = await searchDir(dir, async () => explorer);
    expect(ours).toEqual(theirs);
    if (theirs) expect(await loadFile(theirs.filepath, async () => explorer)).toEqual(await explorer.load(theirs.filepath));
  });
});

describe('import.meta.url in the sources (scripts/build.mjs defines it as the chunk\'s __filename)', () => {
  it('is used only as packageRequire(import.meta.url), whose createRequire takes a path as well as a URL', () => {
    const src = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../../src');
    const uses: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          for (const [i, line] of readFileSync(path, 'utf8').split('\n').entries()) {
            if (line.trimStart().startsWith('//')) continue;
            const rest = line.replaceAll('packageRequire(import.meta.url)', '');
            if (rest.includes('import.meta')) uses.push(`${path.slice(src.length + 1)}:${i + 1}: ${line.trim()}`);
          }
        }
      }
    };
    walk(src);
    // Another use (new URL(…, import.meta.url), fileURLToPath) would get a path where it expects a
    // URL in the built CLI: give it a define of its own in scripts/build.mjs first.
    expect(uses).toEqual([]);
  });
});

describe("commander's classes from its own files (scripts/commander-classes.mjs)", () => {
  const classes = async (): Promise<Record<string, string>> =>
    // @ts-expect-error: a build script, plain JavaScript.
    ((await import('../../../scripts/commander-classes.mjs')) as { COMMANDER_CLASSES: Record<string, string> }).COMMANDER_CLASSES;

  it('are the very classes commander exports: an upgrade that moves one fails here', async () => {
    const COMMANDER_CLASSES = await classes();
    const commander = require('commander') as Record<string, unknown>;
    // Its files by path: commander's package exports name its index only.
    const dir = join(require.resolve('commander'), '..');
    for (const [name, file] of Object.entries(COMMANDER_CLASSES)) {
      const own = (require(join(dir, file)) as Record<string, unknown>)[name];
      expect([name, typeof own, own === commander[name]]).toEqual([name, 'function', true]);
    }
  });

  it('are all the sources import from commander, but types', async () => {
    const COMMANDER_CLASSES = await classes();
    const src = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../../src');
    const names = new Set<string>();
    for (const file of readdirSync(src, { recursive: true }).map(String).filter((path) => path.endsWith('.ts'))) {
      for (const [, list] of readFileSync(join(src, file), 'utf8').matchAll(/^import \{([^}]*)\} from 'commander';/gm)) {
        for (const item of list!.split(',').map((part) => part.trim()).filter((part) => part !== '' && !part.startsWith('type '))) names.add(item);
      }
    }
    expect(names.size).toBeGreaterThan(0);
    // Imported and not re-exported, a name would be undefined in the built CLI.
    expect([...names].filter((name) => !(name in COMMANDER_CLASSES))).toEqual([]);
  });
});

describe("Node's compile cache, turned on with the first package loaded from node_modules (src/loader/packages.ts)", () => {
  const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../..');
  // Node ≥ 22.8 (22.1 to 22.7 had NODE_COMPILE_CACHE only).
  const nodeHasIt = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function';

  /** Runs the built CLI in `home` with `tmp` as its temporary directory (and Node's `nodeArgs`): it succeeds, silently. */
  function runBuilt(args: string[], home: string, tmp: string, nodeArgs: string[] = []): void {
    const run = spawnSync(process.execPath, [...nodeArgs, join(root, 'bin/alipay-card.js'), ...args], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, TMPDIR: tmp, NO_COLOR: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect([run.status, run.stderr]).toEqual([0, '']);
  }

  /** Runs the built CLI with a temporary directory of its own; the files of Node's cache there after. */
  function compileCacheAfter(args: string[], home: string): string[] {
    const tmp = mkdtempSync(join(tmpdir(), 'alipay-card-compile-cache-'));
    runBuilt(args, home, tmp);
    const cache = join(tmp, 'node-compile-cache');
    return existsSync(cache) ? readdirSync(cache, { recursive: true }).map(String) : [];
  }

  it('is not turned on by a run that loads no package (--version): node:module and node:os stay unloaded', () => {
    expect(compileCacheAfter(['--version'], mkdtempSync(join(tmpdir(), 'alipay-card-home-')))).toEqual([]);
  });

  it(`${nodeHasIt ? 'keeps' : 'does not exist on Node 20 to keep'} the packages a run loads (cosmiconfig, for a YAML config)`, () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
    writeFileSync(join(home, '.alipay-cardrc.yaml'), 'profiles:\n  shop:\n    appId: "2021000000000001"\n');
    const files = compileCacheAfter(['config', 'show', '--json'], home);
    if (nodeHasIt) expect(files.length).toBeGreaterThan(0);
    else expect(files).toEqual([]);
  });

  /**
   * What a run asked of node:module, in order, on any Node: a preload puts a recorder in place of
   * enableCompileCache (Node 20 has none) and notes each package required through node:module.
   */
  function asked(args: string[], home: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-asked-'));
    const log = join(dir, 'asked.log');
    const preload = join(dir, 'record.cjs');
    writeFileSync(preload, `const fs = require('node:fs'); const Module = require('node:module');
Module.enableCompileCache = () => { fs.appendFileSync(${JSON.stringify(log)}, 'enableCompileCache\\n'); return { status: 0 }; };
const load = Module.prototype.require;
Module.prototype.require = function (id) { if (!id.startsWith('node:') && !id.startsWith('.') && !id.startsWith('/')) fs.appendFileSync(${JSON.stringify(log)}, 'package ' + id + '\\n'); return load.call(this, id); };
`);
    runBuilt(args, home, dir, ['-r', preload]);
    return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  }

  it('is asked for before the first package loads, and not by --version (any Node: enableCompileCache recorded)', () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
    expect(asked(['--version'], home)).toEqual([]);
    writeFileSync(join(home, '.alipay-cardrc.yaml'), 'profiles:\n  shop:\n    appId: "2021000000000001"\n');
    const calls = asked(['config', 'show', '--json'], home);
    expect(calls[0]).toBe('enableCompileCache');
    expect(calls.filter((call) => call === 'enableCompileCache')).toHaveLength(1);
    expect(calls).toContain('package cosmiconfig');
  });
});
