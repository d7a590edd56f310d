import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, linkSync, lstatSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { osReason } from '../config/secret-file.js';
import { UsageError } from '../errors.js';

/** Who holds a lock, as its file says: for messages only, never to judge whether it is held. */
export interface LockHolder {
  /** Undefined when the file holds no pid (not an alipay-card lock: we write ours whole). */
  pid: number | undefined;
  /** What it wrote after its pid (the batch's journal). */
  detail: string | undefined;
}

export interface FileLock {
  /** Removes the lock file and lets go of the lock; a second call does nothing. */
  release(): void;
}

export interface FileLockOptions {
  /** A line after the pid, for the message another process gives when it is refused. */
  detail?: string;
  /** How long to wait for the holder to let go; 0 refuses at once. */
  timeoutMs?: number;
  /** Told once, when the wait has lasted a second, who is being waited for (if the lock says). */
  onWait?: (holderPid: number) => void;
  /** The refusal: someone holds the lock. */
  busy: (holder: LockHolder, waitedMs: number) => Error;
  /** What to do when the lock cannot be created at all (a missing directory, a file in the path). */
  hint: string;
}

/** fs-native-extensions: an OFD lock (fcntl F_OFD_SETLK) on Linux, flock on macOS, LockFileEx on Windows. */
interface NativeLocks {
  /** Takes an exclusive lock on the whole file; false if another open file description holds one. */
  tryLock(fd: number): boolean;
}
let nativeLocks: NativeLocks | undefined;
const NOTIFY_AFTER_MS = 1000;

/**
 * One holder at a time of `lockPath`: the holder keeps the file open with an exclusive lock on it,
 * which the kernel drops when the holder's process ends however it ends (kill -9 included). So a
 * lock is held exactly while its holder lives: no pid to test for liveness (a zombie, or a pid
 * reused by another process, would look alive), no stale lock to take over. The lock belongs to
 * the open file description, not the process: a second lock taken in this process waits for the
 * first as another process's would. The holder's pid is written in the file, for messages.
 */
export async function takeFileLock(lockPath: string, options: FileLockOptions): Promise<FileLock> {
  const content = `${process.pid}\n${options.detail === undefined ? '' : `${options.detail}\n`}`;
  const started = Date.now();
  let told = false;
  for (;;) {
    const taken = tryTake(lockPath, content, options.hint);
    if (typeof taken === 'number') return held(lockPath, taken);
    const waited = Date.now() - started;
    if (waited >= (options.timeoutMs ?? 0)) throw options.busy(taken, waited);
    if (!told && waited >= NOTIFY_AFTER_MS && taken.pid !== undefined) {
      told = true;
      options.onWait?.(taken.pid);
    }
    await delay(20 + Math.floor(Math.random() * 30));
  }
}

/** The descriptor holding the lock, or who holds it. */
function tryTake(lockPath: string, content: string, hint: string): number | LockHolder {
  for (;;) {
    const fd = openLock(lockPath, hint);
    if (fd === undefined) {
      const created = createLocked(lockPath, content, hint);
      if (created !== undefined) return created;
      continue;
    }
    try {
      if (!lock(fd)) {
        // A file removed since we opened it was being let go of: look again.
        if (isAt(fd, lockPath)) return holderIn(fd);
        continue;
      }
      // Ours, but the file is a dead holder's (or one just let go of): not to be rewritten in place,
      // where a reader could see it half done. Removed (nobody else can hold it now), ours made whole.
      if (isAt(fd, lockPath)) unlinkSync(lockPath);
    } catch (err) {
      throw err instanceof UsageError ? err : cannotLock(lockPath, err, hint);
    } finally {
      closeSync(fd);
    }
  }
}

/** The existing lock file, open; undefined if there is none. Refuses a symlink or another user's file. */
function openLock(lockPath: string, hint: string): number | undefined {
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
 * Creates the lock file whole and locked: written and locked as a temp file, then linked into
 * place (link fails if the path exists, so two processes never both create it). A reader never
 * sees a lock file without its holder's pid. Undefined if a lock file is there already.
 */
function createLocked(lockPath: string, content: string, hint: string): number | undefined {
  const temp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  let fd: number | undefined;
  try {
    // Readable by others: another user's process must see whose lock it is.
    fd = openSync(temp, constants.O_CREAT | constants.O_EXCL | constants.O_RDWR | constants.O_NOFOLLOW, 0o644);
    writeSync(fd, content);
    if (!lock(fd)) throw new Error(`a new file ${temp} is locked by another process`);
    linkSync(temp, lockPath);
    const created = fd;
    fd = undefined;
    return created;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && fd !== undefined) return undefined;
    throw cannotLock(lockPath, err, hint);
  } finally {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
  }
}

function lock(fd: number): boolean {
  nativeLocks ??= createRequire(import.meta.url)('fs-native-extensions') as NativeLocks;
  return nativeLocks.tryLock(fd);
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
  throw new UsageError(`the lock ${lockPath} is not a file of yours (${stat.isFile() ? `it belongs to uid ${stat.uid}` : 'not a regular file'}): refusing to use it`, {
    hint: `remove ${lockPath} if no alipay-card command of yours is running`,
  });
}

/** Whether `fd` is the file at `path` (not removed, nor replaced, since it was opened). */
function isAt(fd: number, path: string): boolean {
  try {
    const [open, there] = [fstatSync(fd), lstatSync(path)];
    return open.ino === there.ino && open.dev === there.dev;
  } catch {
    return false;
  }
}

function holderIn(fd: number): LockHolder {
  const [first = '', detail] = readFileSync(fd, 'utf8').split('\n');
  return { pid: /^[1-9]\d*$/.test(first.trim()) ? Number(first.trim()) : undefined, detail: detail?.trim() || undefined };
}

function held(lockPath: string, fd: number): FileLock {
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      // Removed while still locked: whoever is waiting on this file finds it gone once it gets the
      // lock, and looks again. Only our own file: one put there by hand meanwhile is left alone.
      try {
        if (isAt(fd, lockPath)) unlinkSync(lockPath);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** An OS error on the lock's path is the user's to fix (a missing directory, a file where one is meant). */
function cannotLock(lockPath: string, err: unknown, hint: string): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') {
    return new UsageError(`the lock ${lockPath} is a symbolic link: refusing to follow it`, { hint: `remove ${lockPath}; a lock file is never a link`, cause: err });
  }
  // Creating a file exclusively: ENOENT can only mean its directory.
  if (code === 'ENOENT') return new UsageError(`cannot write in ${dirname(lockPath)}: no such directory`, { hint, cause: err });
  return new UsageError(`cannot create the lock ${lockPath}: ${osReason(err)}`, { hint, cause: err });
}
