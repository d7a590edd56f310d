import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, parse, resolve } from 'node:path';
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
  const explorer = await createExplorer();
  if (options.configFile !== undefined) {
    const path = resolveUserPath(options.cwd, options.configFile, options.homeDir);
    await requireFile(path);
    const result = await run(path, () => explorer.load(path));
    if (result === null || result.isEmpty) {
      throw new ConfigError(
        parse(path).base === 'package.json' ? `${path} has no "${MODULE_NAME}" key` : `${path} is empty`,
        { hint: 'see config.example.json for the shape of a config file' },
      );
    }
    return { path: result.filepath, content: result.config };
  }
  for (const dir of searchDirs(resolve(options.cwd), resolve(options.homeDir))) {
    const result = await run(dir, () => explorer.search(dir));
    if (result !== null && !result.isEmpty) return { path: result.filepath, content: result.config };
  }
  const userFile = userConfigPath(options.env, options.homeDir);
  if (!(await isFile(userFile))) return undefined;
  const result = await run(userFile, () => explorer.load(userFile));
  return result === null || result.isEmpty ? undefined : { path: result.filepath, content: result.config };
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

// cosmiconfig is loaded when a config is needed, not when this module is: `--help` and the
// commands that need no profile stay off its dependency tree (start-up bar, DESIGN section 9).
// It is CommonJS: require() skips the ESM wrapper and export scan, about 10 ms of start-up.
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
    const info = await stat(path);
    if (info.isDirectory()) throw new ConfigError(`--config ${path}: it is a directory, not a file`);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`--config ${path}: ${osReason(error)}`, {
      hint: 'check the path (relative paths are resolved from the working directory), or run `alipay-card config init --file <path>`',
    });
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
