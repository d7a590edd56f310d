/**
 * JSON config files read as cosmiconfig's `load(path)` and 'none' `search(dir)` read them with our
 * loader, without loading cosmiconfig; anything else goes to the explorer search.ts passes in.
 */
// Synchronous: config files are small, and node:fs/promises is one more module to load at start-up.
import { statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Loader, PublicExplorer } from 'cosmiconfig';
import { ConfigError } from '../errors.js';
import { configLoadText } from '../i18n/en/config-load.js';
import { compactJson } from '../protocol/compact-json.js';
import { formatPath, problem, problemLine, TextError } from './problems.js';
import { CONFIG_FILE_MAX_BYTES, readUpTo, tooLargeText } from './read-capped.js';
import { MODULE_NAME, SEARCH_PLACES } from './search-places.js';

/** What cosmiconfig's load() and search() return. */
interface LoadedFile {
  filepath: string;
  config: unknown;
  isEmpty?: boolean;
}

// Loading cosmiconfig costs start-up (measured 2026-12-04, require, median of 21, clean env: 13 ms
// on Node 20, 11 on 22, 25 on 24), and a JSON config needs none of it: JSON places are read here,
// exactly as cosmiconfig reads them with our loader — held to cosmiconfig's own result by
// test/unit/guards/start-up-mechanisms.test.ts. YAML, JS and `$import` still go to cosmiconfig.
const JSON_PLACES: ReadonlySet<string> = new Set(SEARCH_PLACES.filter((place) => place.endsWith('.json')));
const NEEDS_COSMICONFIG = Symbol('needs cosmiconfig');

/** cosmiconfig's `load(path)`; the file is read here first, so one past the cap never reaches cosmiconfig. */
export async function loadFile(path: string, explorer: () => Promise<PublicExplorer>): Promise<LoadedFile | null> {
  const contents = readConfigText(path);
  if (extname(path) === '.json') {
    const loaded = readJsonFile(path, contents);
    if (loaded !== NEEDS_COSMICONFIG) return loaded;
  }
  return (await explorer()).load(path);
}

/** A config file's text; one larger than CONFIG_FILE_MAX_BYTES (`--config /dev/zero`) is refused, naming it. */
export function readConfigText(path: string): string {
  const bytes = readUpTo(path, CONFIG_FILE_MAX_BYTES + 1);
  if (bytes.length > CONFIG_FILE_MAX_BYTES) {
    throw new ConfigError(configLoadText.cannotLoad({ file: path, reason: tooLargeText(CONFIG_FILE_MAX_BYTES, configLoadText.aConfigFile()) }));
  }
  return bytes.toString('utf-8');
}

/** cosmiconfig's `search(dir)` with searchStrategy 'none': the first place in `dir` that holds a config. */
export async function searchDir(dir: string, explorer: () => Promise<PublicExplorer>): Promise<LoadedFile | null> {
  for (const place of SEARCH_PLACES) {
    const path = join(dir, place);
    if (!JSON_PLACES.has(place)) {
      // Another format is here: cosmiconfig reads this directory, from its first place, as before.
      if (exists(path)) return (await explorer()).search(dir);
      continue;
    }
    let contents: string;
    try {
      contents = readConfigText(path);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
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

/**
 * A JSON config's text parsed, a byte order mark (Notepad's UTF-8) allowed, with a message that
 * never quotes the file: a config may hold an inline private key, and both parse-json's code frame
 * and V8's message ("Unexpected token …, "<text>" is not valid JSON") would print part of it.
 * Read for loading (loadJson) and for an update (config-file-edit.ts) alike.
 */
export function parseConfigJson(path: string, content: string): unknown {
  const text = content.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const at = /^(.*) in JSON at position (\d+)/.exec(message);
    if (at) {
      const { line, column } = lineColumn(text, Number(at[2]));
      // V8's reason ("Unexpected token", "Bad control character in string literal") stays as V8 says it.
      const reason = at[1]!.includes('"') ? configLoadText.invalidJson() : at[1]!;
      throw new TextError(configLoadText.jsonAt({ reason, line, column }));
    }
    if (/end of JSON input/.test(message)) throw new TextError(configLoadText.jsonEndsEarly());
    const token = /^Unexpected token '(.)'/.exec(message);
    throw new TextError(token ? configLoadText.jsonUnexpected({ char: token[1]! }) : configLoadText.invalidJson());
  }
  refuseKeysGivenTwice(path, text);
  return value;
}

export const loadJson: Loader = (filepath, content) => parseConfigJson(filepath, content);

/**
 * JSON.parse keeps the last of a key given twice without a word ({"gateway":"sandbox",
 * "gateway":"production"} was production, and `config set` then dropped the other): every one is
 * a problem, with its path, found as `--biz` finds them (compactJson). In a package.json only
 * ours count.
 */
function refuseKeysGivenTwice(path: string, text: string): void {
  let twice = compactJson(text).duplicateKeys ?? [];
  if (basename(path) === 'package.json') twice = twice.filter(({ key, at }) => (at.length === 0 ? key === MODULE_NAME : at[0] === MODULE_NAME));
  if (twice.length === 0) return;
  const lines = twice.map(({ key, at }) => problemLine(problem(formatPath([...at, key]), configLoadText.keyGivenTwice())));
  throw new ConfigError(configLoadText.problemGroup({ where: path, count: lines.length, lines }), { hint: configLoadText.keyGivenTwiceHint() });
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
