import { basename, dirname, extname, join, resolve } from 'node:path';

export interface BatchPaths {
  input: string;
  results: string;
  journal: string;
}

/**
 * Where a batch keeps its files: results default to `<file>.results.csv` beside the input, and the
 * journal sits beside the results (`members.csv.results.journal`), so `--resume` with the same
 * arguments finds it again. Paths are absolute: the journal records them.
 */
export function batchPaths(cwd: string, file: string, options: { results?: string | undefined; journal?: string | undefined }): BatchPaths {
  const input = resolve(cwd, file);
  const results = resolve(cwd, options.results ?? `${file}.results.csv`);
  const journal = options.journal !== undefined
    ? resolve(cwd, options.journal)
    : join(dirname(results), `${basename(results, extname(results))}.journal`);
  return { input, results, journal };
}

/**
 * Where the input files' locks go: the user's own state directory (`$XDG_STATE_HOME/alipay-card`),
 * not the shared temp directory, where anyone could make the lock of a file before us, under its
 * predictable name, to block its runs.
 */
export function batchLockDir(stateDir: string): string {
  return join(stateDir, 'batch-locks');
}
