import { readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

// As the kernel's own limit on links followed in one path (Linux: 40).
const MAX_LINKS = 40;

/**
 * The file a path names, symbolic links followed, for a file written whole by replacing it (a
 * temporary file renamed over it, which would put a regular file in place of a link and leave the
 * file it points to unchanged) and locked beside it (`<file>.lock`, then one lock whichever link a
 * process came through): the gateway's state file, member serve's journal, a command's --out. A link to a file not
 * made yet is followed to where it points; a path that does not exist yet keeps its name, in its
 * directory's real path.
 */
export function realFilePath(path: string, linksLeft = MAX_LINKS): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    // Not there (yet), or a link to nothing: followed below.
  }
  if (linksLeft > 0) {
    try {
      return realFilePath(resolve(dirname(absolute), readlinkSync(absolute)), linksLeft - 1);
    } catch {
      // Not a link.
    }
  }
  try {
    return join(realpathSync(dirname(absolute)), basename(absolute));
  } catch {
    // No directory yet: made when the file is first written; its errors name this path.
    return absolute;
  }
}
