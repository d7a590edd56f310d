/**
 * The write side of the configuration: which file `config init`, `config set` and `config use`
 * change, reading it for an update, and writing it back whole. Only JSON is ever rewritten: a JS
 * config is code and a YAML one has comments and a layout that a rewrite would lose.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { ConfigError } from '../errors.js';
import { configLoadText } from '../i18n/en/config-load.js';
import type { Text } from '../i18n/text.js';
import { parseConfigJson, readConfigText } from './json-config.js';
import { errorText } from './problems.js';
import { nearestExisting, statOf } from './nearest-existing.js';
import { replaceFile } from './replace-file.js';
import { osReasonText } from './secret-file.js';
import { findConfig, refuseUnknownExtension, resolveUserPath, userConfigPath } from './search.js';

export interface EditTarget {
  /** Absolute path of the file to change (it may not exist yet). */
  path: string;
  /** Why this file: `--config`, found by the search, or the per-user default. */
  reason: 'flag' | 'found' | 'user';
}

export interface ConfigForUpdate {
  raw: Record<string, unknown> & { defaultProfile?: string; lang?: unknown };
  profiles: Record<string, Record<string, unknown>>;
}

/** The file a command would read: `-c`, else the one the search finds, else the per-user file. */
export async function configFileToEdit(options: { cwd: string; env: Record<string, string | undefined>; homeDir: string; configFile?: string | undefined }): Promise<EditTarget> {
  if (options.configFile !== undefined) return { path: resolveUserPath(options.cwd, options.configFile, options.homeDir), reason: 'flag' };
  const found = await findConfig({ cwd: options.cwd, env: options.env, homeDir: options.homeDir });
  if (found) return { path: found.path, reason: 'found' };
  return { path: userConfigPath(options.env, options.homeDir), reason: 'user' };
}

/** The JSON object in `path` (an empty one when there is no file yet); any other format is refused, there or not. */
export function readConfigForUpdate(path: string): ConfigForUpdate {
  const refuse = (what: Text | string) => new ConfigError(configLoadText.cannotRewrite({ path, what }), {
    hint: configLoadText.cannotRewriteHint({ file: `${dirname(path)}/.alipay-cardrc.json` }),
  });
  const ext = extname(path);
  if (['.js', '.mjs', '.cjs', '.ts'].includes(ext)) throw refuse(configLoadText.rewriteJavaScript());
  if (['.yaml', '.yml'].includes(ext)) throw refuse(configLoadText.rewriteYaml());
  if (basename(path) === 'package.json') throw refuse('package.json');
  refuseUnknownExtension(path);
  if (!existsSync(path)) return { raw: {}, profiles: {} };
  // Capped as any config read is (CONFIG_FILE_MAX_BYTES): refused, naming it, before the parse.
  let text: string;
  try {
    text = readConfigText(path);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(configLoadText.cannotReadIt({ path, reason: osReasonText(err) }), { hint: configLoadText.fixOrMoveHint(), cause: err });
  }
  let raw: unknown;
  try {
    // As loading parses it: a byte order mark is read past (and not written back), and the
    // reason never quotes the file.
    raw = parseConfigJson(path, text);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    // `.alipay-cardrc` is read as YAML or JSON: only JSON can be rewritten as it was.
    if (ext === '') throw refuse(configLoadText.rewriteNotJson());
    throw new ConfigError(configLoadText.cannotUpdateInvalidJson({ path, reason: errorText(err) }), { hint: configLoadText.fixOrMoveHint() });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(configLoadText.expectedJsonObject({ path }), { hint: configLoadText.shapeHint() });
  const obj = raw as ConfigForUpdate['raw'];
  const profiles = obj.profiles !== null && typeof obj.profiles === 'object' && !Array.isArray(obj.profiles) ? (obj.profiles as ConfigForUpdate['profiles']) : {};
  return { raw: obj, profiles };
}

/**
 * What stands in the way of writing `path`, known before anything is asked (`config init` asked
 * eight questions, then said `EEXIST: file already exists, mkdir '/tmp/afile'`): a directory at the
 * path, a file where a folder must go, a folder that cannot be made or written in. A full disk is
 * only found by writing.
 */
export function configWriteProblem(path: string, access: (dir: string) => void = (dir) => accessSync(dir, constants.W_OK | constants.X_OK)): Text | string | undefined {
  if (statOf(path)?.isDirectory()) return configLoadText.targetIsDirectory();
  const folder = dirname(path);
  const { path: nearest, stats } = nearestExisting(folder);
  if (stats?.isDirectory() === false) return configLoadText.targetUnderFile({ file: nearest });
  try {
    access(nearest);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return configLoadText.targetReadOnly({ dir: nearest });
    if (code !== 'EACCES' && code !== 'EPERM') return osReasonText(err);
    return nearest === folder ? configLoadText.targetDenied({ dir: folder }) : configLoadText.targetCannotCreate({ dir: folder, parent: nearest });
  }
  return undefined;
}

/** configWriteProblem as the error it is: exit 3 naming the file and why. */
export function requireWritableConfig(path: string): void {
  const problem = configWriteProblem(path);
  if (problem !== undefined) throw new ConfigError(configLoadText.cannotWrite({ path, reason: problem }), { hint: configLoadText.cannotWriteHint() });
}

/** Writes the whole file: to a temporary file in the same folder, mode 0600, then renamed over it. */
export async function writeConfigFile(path: string, content: unknown): Promise<void> {
  requireWritableConfig(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    // A new file each time (never an old temporary file, whose mode a write would keep): 0600 from its first byte.
    await replaceFile(path, JSON.stringify(content, null, 2) + '\n', 0o600);
  } catch (err) {
    // Node's reason, as Node says it (the English message has always carried it whole).
    throw new ConfigError(configLoadText.cannotWrite({ path, reason: (err as Error).message }), { hint: configLoadText.cannotWriteHint() });
  }
}

/** A path as the config stores it: relative to the config file's folder when it lies below it. */
export function relativeToConfig(configPath: string, path: string): string {
  const base = dirname(configPath);
  return path.startsWith(base + '/') ? path.slice(base.length + 1) : path;
}
