import { realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { nearestExisting } from './nearest-existing.js';

/** Linux's folders of devices, processes and kernel objects: nothing in them is a file to keep data in. */
const SYSTEM_FOLDERS = ['/dev', '/proc', '/sys'];

/**
 * The system folder that `path`, as written, lies in (`/dev/stdin`, `/proc/self/fd/3`), or undefined.
 * As written, not resolved: /dev/stdin redirected from a file resolves to that file for now.
 */
export function systemFolderNamed(path: string): string | undefined {
  return SYSTEM_FOLDERS.find((root) => path === root || path.startsWith(root + '/'));
}

/**
 * The system folder that `path` lies in once the links of its nearest existing folder are followed
 * (a link into /proc is as bad as /proc), or undefined: for a path to be made.
 */
export function systemFolderOf(path: string): string | undefined {
  const existing = nearestExisting(path).path;
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // No permission: judged by the path as given.
  }
  return systemFolderNamed(join(real, relative(existing, path)));
}
