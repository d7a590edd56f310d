// Synchronous: config files are small, and node:fs/promises is one more module to load at start-up.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, isAbsolute, join, parse, resolve } from 'node:path';
import type { Loader, PublicExplorer } from 'cosmiconfig';
import { ConfigError } from '../errors.js';
import { osReason } from './secret-file.js';

export const MODULE_NAME = 'alipay-card';

/** DESIGN section 2, in cosmiconfig's order of preference within one directory. */
export const SEARCH_PLACES = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.mjs`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.json`,
] as const;

export interface FoundConfig {
  /** Absolute path of the file the config came from. */
  path: string;
  /** The parsed content, not yet validated (for package.json, its "alipay-card" property). */
  content: unknown;
}

export interface SearchOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** `-c, --config <file>`: load that file only, relative to cwd. */
  configFile?: string | undefined;
}

/** `$XDG_CONFIG_HOME/alipay-card/config.json`, or `<home>/.config/alipay-card/config.json`. */
export function userConfigPath(env: Record<string, string | undefined>, homeDir: string): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homeDir, '.config');
  return join(base, MODULE_NAME, 'config.json');
}

/** Expands a leading `~/` with the injected home directory, then resolves against `base`. */
export function resolveUserPath(base: string, path: string, homeDir: string): string {
  if (path === '~') return homeDir;
  if (path.startsWith('~/')) return join(homeDir, path.slice(2));
  return resolve(base, path);
}

/**
 * Finds the config file: `--config` alone if given; else the search places from cwd up to the home
 * directory (or the filesystem root when cwd is outside home); else the per-user file.
 *
 * The upward walk is ours, one cosmiconfig 'none' search per directory, rather than cosmiconfig's
 * 'global' strategy: that one ends in a per-user directory computed from the real process
 * environment and home (env-paths), which would bypass the injected env and homeDir.
 */
export async function findConfig(options: SearchOptions): Promise<FoundConfig | undefined> {
  const explorer = lazyExplorer();
  if (options.configFile !== undefined) {
    const path = resolveUserPath(options.cwd, options.configFile, options.homeDir);
    await requireFile(path);
    const result = await run(path, () => loadFile(path, explorer));
    if (result === null || result.isEmpty) {
      throw new ConfigError(
        parse(path).base === 'package.json' ? `${path} has no "${MODULE_NAME}" key` : `${path} is empty`,
        { hint: 'see config.example.json for the shape of a config file' },
      );
    }
    return { path: result.filepath, content: result.config };
  }
  for (const dir of searchDirs(resolve(options.cwd), resolve(options.homeDir))) {
    const result = await run(dir, () => searchDir(dir, explorer));
    if (result !== null && !result.isEmpty) return { path: result.filepath, content: result.config };
  }
  const userFile = userConfigPath(options.env, options.homeDir);
  if (!(await isFile(userFile))) return undefined;
  const result = await run(userFile, () => loadFile(userFile, explorer));
  return result === null || result.isEmpty ? undefined : { path: result.filepath, content: result.config };
}

/** What cosmiconfig's load() and search() return. */
interface LoadedFile {
  filepath: string;
  config: unknown;
  isEmpty?: boolean;
}

// Loading cosmiconfig costs ≈10 ms of start-up (a performance bar, DESIGN section 9), and a JSON
// config needs none of it: JSON places are read here, exactly as cosmiconfig reads them with our
// loader. YAML, JS and `$import` (cosmiconfig merges imported files) still go to cosmiconfig.
const JSON_PLACES: ReadonlySet<string> = new Set(SEARCH_PLACES.filter((place) => place.endsWith('.json')));
const NEEDS_COSMICONFIG = Symbol('needs cosmiconfig');

/** cosmiconfig's `load(path)`. */
async function loadFile(path: string, explorer: () => Promise<PublicExplorer>): Promise<LoadedFile | null> {
  if (extname(path) === '.json') {
    const loaded = readJsonFile(path, readFileSync(path, 'utf-8'));
    if (loaded !== NEEDS_COSMICONFIG) return loaded;
  }
  return (await explorer()).load(path);
}

/** cosmiconfig's `search(dir)` with searchStrategy 'none': the first place in `dir` that holds a config. */
async function searchDir(dir: string, explorer: () => Promise<PublicExplorer>): Promise<LoadedFile | null> {
  for (const place of SEARCH_PLACES) {
    const path = join(dir, place);
    if (!JSON_PLACES.has(place)) {
      // Another format is here: cosmiconfig reads this directory, from its first place, as before.
      if (exists(path)) return (await explorer()).search(dir);
      continue;
    }
    let contents: string;
    try {
      contents = readFileSync(path, 'utf-8');
    } catch (error) {
      // What cosmiconfig's search skips.
      if (['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) continue;
      throw error;
    }
    const loaded = readJsonFile(path, contents);
    if (loaded === NEEDS_COSMICONFIG) return (await explorer()).search(dir);
    // An empty file, or a package.json without our key, is skipped (ignoreEmptySearchPlaces).
    if (loaded !== null && !loaded.isEmpty) return loaded;
  }
  return null;
}

/** A JSON file as cosmiconfig reads it with `loadJson`: empty is empty; package.json gives its "alipay-card" key or nothing. */
function readJsonFile(path: string, contents: string): LoadedFile | null | typeof NEEDS_COSMICONFIG {
  if (contents.trim() === '') return { filepath: path, config: undefined, isEmpty: true };
  let config: unknown;
  try {
    config = loadJson(path, contents);
  } catch (error) {
    throw Object.assign(error as Error, { filepath: path });
  }
  if (basename(path) === 'package.json') config = isObject(config) && Object.hasOwn(config, MODULE_NAME) ? config[MODULE_NAME] ?? null : null;
  if (isObject(config) && Object.hasOwn(config, '$import')) return NEEDS_COSMICONFIG;
  if (config === null) return null;
  return config === undefined ? { filepath: path, config: undefined, isEmpty: true } : { filepath: path, config };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** cwd, its parent, … up to and including home, or up to the root when cwd is not under home. */
export function* searchDirs(cwd: string, homeDir: string): Generator<string> {
  let dir = cwd;
  while (true) {
    yield dir;
    const parent = dirname(dir);
    if (dir === homeDir || parent === dir) return;
    dir = parent;
  }
}

/** The cosmiconfig explorer, created on first use only. */
function lazyExplorer(): () => Promise<PublicExplorer> {
  let explorer: Promise<PublicExplorer> | undefined;
  return () => (explorer ??= createExplorer());
}

// cosmiconfig is loaded when a config file needs it, not when this module is: `--help`, the
// commands that need no profile and JSON configs stay off its dependency tree (start-up bar,
// DESIGN section 9). It is CommonJS: require() skips the ESM wrapper and export scan.
async function createExplorer(): Promise<PublicExplorer> {
  const { cosmiconfig, defaultLoaders } = createRequire(import.meta.url)('cosmiconfig') as typeof import('cosmiconfig');
  const yaml = defaultLoaders['.yaml']!;
  return cosmiconfig(MODULE_NAME, {
    searchPlaces: [...SEARCH_PLACES],
    searchStrategy: 'none',
    cache: false,
    loaders: { '.json': loadJson, '.yaml': safeYaml(yaml), '.yml': safeYaml(yaml), noExt: safeYaml(yaml) },
  });
}

/**
 * JSON.parse with a message that never quotes the file: a config may hold an inline private key, and
 * both parse-json's code frame and V8's message ("Unexpected token …, "<text>" is not valid JSON")
 * would print part of it.
 */
const loadJson: Loader = (_filepath, content) => {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const at = /^(.*) in JSON at position (\d+)/.exec(message);
    if (at) {
      const { line, column } = lineColumn(content, Number(at[2]));
      const reason = at[1]!.includes('"') ? 'invalid JSON' : at[1]!;
      throw new Error(`${reason} (line ${line}, column ${column})`);
    }
    if (/end of JSON input/.test(message)) throw new Error('invalid JSON: the file ends early (a missing } or ])');
    const token = /^Unexpected token '(.)'/.exec(message);
    throw new Error(token ? `invalid JSON: unexpected character '${token[1]}'` : 'invalid JSON');
  }
};

/** js-yaml's message carries a snippet of the file; keep its reason and position only. */
function safeYaml(load: Loader): Loader {
  return async (filepath, content) => {
    try {
      return await load(filepath, content);
    } catch (error) {
      const { reason, mark } = error as { reason?: string; mark?: { line: number; column: number } };
      if (reason !== undefined && mark !== undefined) throw new Error(`invalid YAML: ${reason} (line ${mark.line + 1}, column ${mark.column + 1})`);
      throw new Error('invalid YAML');
    }
  };
}

async function run<T>(where: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const file = (error as { filepath?: string }).filepath ?? where;
    throw new ConfigError(`${file}: cannot load it: ${(error as Error).message}`, {
      hint: 'fix the file, or point --config at another one',
      cause: error,
    });
  }
}

async function requireFile(path: string): Promise<void> {
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw new ConfigError(`--config ${path}: it is a directory, not a file`);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`--config ${path}: ${osReason(error)}`, {
      hint: 'check the path (relative paths are resolved from the working directory), or run `alipay-card config init --file <path>`',
    });
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
