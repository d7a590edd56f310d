import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, linkSync, lstatSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { osReasonText } from '../config/secret-file.js';
import { UsageError } from '../errors.js';
import { lockErrorsText } from '../i18n/en/lock-errors.js';
import type { Text } from '../i18n/text.js';

/** The existing lock file, open; undefined if there is none. Refuses a symlink or another user's file. */
export function openLock(lockPath: string, hint: Text | string): number | undefined {
  let fd: number;
  try {
    fd = openSync(lockPath, constants.O_RDWR | constants.O_NOFOLLOW);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotLock(lockPath, err, hint);
  }
  try {
    checkOurs(fd, lockPath);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return fd;
}

/**
 * Creates `path` whole: written (and `prepare`d: locked, for a kernel lock) as a temp file, then
 * linked into place — link fails if the path exists, so two processes never both create it, and a
 * reader never sees a lock file without its holder's pid. The new file, open; undefined if a file
 * is there already.
 */
export function createWhole(path: string, content: string, lockPath: string, hint: Text | string, prepare: (fd: number) => void = () => undefined): number | undefined {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  let fd: number | undefined;
  try {
    // Readable by others: another user's process must see whose lock it is.
    fd = openSync(temp, constants.O_CREAT | constants.O_EXCL | constants.O_RDWR | constants.O_NOFOLLOW, 0o644);
    writeSync(fd, content);
    prepare(fd);
    linkSync(temp, path);
    const created = fd;
    fd = undefined;
    return created;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && fd !== undefined) return undefined;
    throw err instanceof UsageError ? err : cannotLock(lockPath, err, hint);
  } finally {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
  }
}

/**
 * A lock file must be a regular file of ours: in a directory others can write in, another user's
 * file (or a symlink, refused by O_NOFOLLOW) could be planted to block us or to make us write
 * where they choose.
 */
function checkOurs(fd: number, lockPath: string): void {
  const stat = fstatSync(fd);
  const uid = process.getuid?.();
  if (stat.isFile() && (uid === undefined || stat.uid === uid)) return;
  throw new UsageError(stat.isFile() ? lockErrorsText.notYoursOtherUid({ path: lockPath, uid: stat.uid }) : lockErrorsText.notYoursNotFile({ path: lockPath }), {
    hint: lockErrorsText.notYoursHint({ path: lockPath }),
  });
}

/** Whether `fd` is the file at `path` (not removed, nor replaced, since it was opened). */
export function isAt(fd: number, path: string): boolean {
  try {
    const [open, there] = [fstatSync(fd), lstatSync(path)];
    return open.ino === there.ino && open.dev === there.dev;
  } catch {
    return false;
  }
}

/** An OS error on the lock's path is the user's to fix (a missing directory, a file where one is meant). */
export function cannotLock(lockPath: string, err: unknown, hint: Text | string): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') {
    return new UsageError(lockErrorsText.symlink({ path: lockPath }), { hint: lockErrorsText.symlinkHint({ path: lockPath }), cause: err });
  }
  // Creating a file exclusively: ENOENT can only mean its directory.
  if (code === 'ENOENT') return new UsageError(lockErrorsText.noDirectory({ dir: dirname(lockPath) }), { hint, cause: err });
  return new UsageError(lockErrorsText.cannotCreate({ path: lockPath, reason: osReasonText(err) }), { hint, cause: err });
}
