// Synchronous: config files are small, and node:fs/promises is one more module to load at start-up.
import { statSync } from 'node:fs';
import { packageRequire } from '../loader/packages.js';
import { extname, parse, resolve } from 'node:path';
import type { Loader, PublicExplorer } from 'cosmiconfig';
import { ConfigError } from '../errors.js';
import { configLoadText } from '../i18n/en/config-load.js';
import { loadFile, loadJson, searchDir } from './json-config.js';
import { errorText, TextError } from './problems.js';
import { CONFIG_EXTENSIONS, MODULE_NAME, resolveUserPath, searchDirs, SEARCH_PLACES, userConfigPath } from './search-places.js';

export { resolveUserPath, searchDirs, userConfigPath };
import { osReasonText } from './secret-file.js';

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
    refuseUnknownExtension(path);
    const result = await run(path, () => loadFile(path, explorer));
    if (result === null || result.isEmpty) {
      throw new ConfigError(
        parse(path).base === 'package.json' ? configLoadText.noModuleKey({ path, key: MODULE_NAME }) : configLoadText.emptyFile({ path }),
        { hint: configLoadText.shapeHint() },
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

/** The cosmiconfig explorer, created on first use only. */
function lazyExplorer(): () => Promise<PublicExplorer> {
  let explorer: Promise<PublicExplorer> | undefined;
  return () => (explorer ??= createExplorer());
}

// cosmiconfig is loaded when a config file needs it, not when this module is: `--help`, the
// commands that need no profile and JSON configs stay off its dependency tree (start-up bar,
// DESIGN section 9). It is CommonJS: require() skips the ESM wrapper and export scan.
export async function createExplorer(): Promise<PublicExplorer> {
  const { cosmiconfig, defaultLoaders } = packageRequire(import.meta.url)('cosmiconfig') as typeof import('cosmiconfig');
  const yaml = defaultLoaders['.yaml']!;
  return cosmiconfig(MODULE_NAME, {
    searchPlaces: [...SEARCH_PLACES],
    searchStrategy: 'none',
    cache: false,
    loaders: { '.json': loadJson, '.yaml': safeYaml(yaml), '.yml': safeYaml(yaml), noExt: safeYaml(yaml) },
  });
}

/** js-yaml's message carries a snippet of the file; keep its reason and position only. */
function safeYaml(load: Loader): Loader {
  return async (filepath, content) => {
    try {
      return await load(filepath, content);
    } catch (error) {
      const { reason, mark } = error as { reason?: string; mark?: { line: number; column: number } };
      // js-yaml's reason stays as js-yaml says it.
      if (reason !== undefined && mark !== undefined) throw new TextError(configLoadText.invalidYamlAt({ reason, line: mark.line + 1, column: mark.column + 1 }));
      throw new TextError(configLoadText.invalidYaml());
    }
  };
}

async function run<T>(where: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const file = (error as { filepath?: string }).filepath ?? where;
    throw new ConfigError(configLoadText.cannotLoad({ file, reason: errorText(error) }), {
      hint: configLoadText.cannotLoadHint(),
      cause: error,
    });
  }
}

/**
 * A file named as no config is (`-c key.pem`) is refused naming the endings a config may have,
 * rather than with cosmiconfig's `No loader specified for extension ".pem"`.
 */
export function refuseUnknownExtension(path: string): void {
  const ext = extname(path);
  if (ext === '' || CONFIG_EXTENSIONS.includes(ext)) return;
  throw new ConfigError(configLoadText.notAConfigName({ path, ext, extensions: [...CONFIG_EXTENSIONS] }), { hint: configLoadText.notAConfigNameHint() });
}

async function requireFile(path: string): Promise<void> {
  try {
    const info = statSync(path);
    if (info.isDirectory()) throw new ConfigError(configLoadText.configIsDirectory({ path }));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(configLoadText.configFlagUnreadable({ path, reason: osReasonText(error) }), {
      hint: configLoadText.configFlagHint(),
    });
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
