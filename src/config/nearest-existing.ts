import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** What is at `path` (links followed), or undefined when nothing is. */
export function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The nearest of `path` and the folders above it that exists, and what it is: where a file to be
 * written would have its missing folders made from, and what says why it cannot be (a file where a
 * folder must go, a folder that cannot be written in).
 */
export function nearestExisting(path: string): { path: string; stats: Stats | undefined } {
  let nearest = path;
  let stats = statOf(nearest);
  while (stats === undefined && dirname(nearest) !== nearest) {
    nearest = dirname(nearest);
    stats = statOf(nearest);
  }
  return { path: nearest, stats };
}
