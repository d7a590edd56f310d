// Where the loader's code caches live and what their names carry: used by src/loader/boot.ts, the
// only place that decides, which hands the directory to the loader (src/loader/chunks.ts).
import { lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryDirectory } from './user-dirs.js';

/**
 * Where the caches live: a directory of this user's under the system's temporary directory, as
 * Node's own compile cache, and only if it is theirs alone (mode 0700, not a link): a cache is code
 * this process runs. NODE_DISABLE_COMPILE_CACHE, Node's own switch, turns it off.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env, base = temporaryDirectory(env)): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE || typeof process.getuid !== 'function') return undefined;
  const uid = process.getuid();
  const dir = join(base, `alipay-card-code-cache-${uid}`);
  try {
    // Looked at first: it is there on every run but the first, and a failed mkdir costs an Error.
    let stat = lstatSync(dir, { throwIfNoEntry: false });
    if (stat === undefined) {
      mkdirSync(dir, { mode: 0o700 });
      stat = lstatSync(dir);
    }
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o077) === 0 ? dir : undefined;
  } catch {
    // No temporary directory, or not one this user may use.
    return undefined;
  }
}

/**
 * What the names of caches add for a process started with options of its own (`node --…`,
 * NODE_OPTIONS): V8 takes a cache only from a process with the same V8 flags, and a run that found
 * none would write its own over those of every other run. Empty for a plain start. A short hash
 * (FNV-1a), not node:crypto, which --help and --version do not load otherwise.
 */
export function nodeFlags(execArgv: readonly string[], nodeOptions: string | undefined): string {
  const text = [...execArgv, nodeOptions ?? ''].join('\n').trim();
  if (text === '') return '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  // A digit first: a run's kind, which follows it in a cache's name, is letters (ChunkLoader.prune).
  return `-0x${(hash >>> 0).toString(16).padStart(8, '0')}`;
}
