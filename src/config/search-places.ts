// Its own module so search.ts and json-config.ts can both import it without importing each other,
// and so the language can be looked for in the config (src/cli/language.ts) without loading them.
import { dirname, isAbsolute, join, resolve } from 'node:path';

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

/**
 * The endings a config file's name may have, each with a loader in cosmiconfig (ours for JSON and
 * YAML); a name with none (`.alipay-cardrc`) is read as YAML, which JSON is too.
 */
export const CONFIG_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml', '.js', '.mjs', '.cjs', '.ts'];

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

/**
 * Every path the config could be read from, in search order (`--config` alone if given): a run
 * where none exists has no config, and need not load the search to know it.
 */
export function configCandidates(options: { cwd: string; env: Record<string, string | undefined>; homeDir: string; configFile?: string | undefined }): string[] {
  if (options.configFile !== undefined) return [resolveUserPath(options.cwd, options.configFile, options.homeDir)];
  const paths: string[] = [];
  for (const dir of searchDirs(resolve(options.cwd), resolve(options.homeDir))) for (const place of SEARCH_PLACES) paths.push(join(dir, place));
  paths.push(userConfigPath(options.env, options.homeDir));
  return paths;
}
