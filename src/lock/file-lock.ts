import { closeSync, unlinkSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { UsageError } from '../errors.js';
import { lockErrorsText } from '../i18n/en/lock-errors.js';
import type { Text } from '../i18n/text.js';
import { cannotLock, createWhole, isAt, openLock } from './lock-files.js';
import { holderLives, lockContent, readLockRecord, type LockRecord } from './lock-record.js';
import { loadNativeLocks, platformName, type NativeLocks } from './native-locks.js';
import { tryTakePortable } from './portable-lock.js';

/** Who holds a lock, as its file says. */
export interface LockHolder {
  /** Undefined when the file holds no pid (not an alipay-card lock: we write ours whole). */
  pid: number | undefined;
  /** What it wrote after its pid (the batch's journal). */
  detail: string | undefined;
  /** The lock of an alipay-card from before the kernel lock: held while its pid lives. */
  legacy: boolean;
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
  hint: Text | string;
  /**
   * Told once per process, in a line, that the kernel lock cannot load here and why (the portable
   * lock is used): a Text, for `local()`. A method, so a caller's `(message: string) => void` still
   * fits (its `${message}` is the English).
   */
  warn?(message: Text | string): void;
}

const NOTIFY_AFTER_MS = 1000;
let warned = false;

/**
 * One holder at a time of `lockPath`. Where fs-native-extensions loads (native-locks.ts), the
 * holder keeps the file open with an exclusive kernel lock on it, which the kernel drops when the
 * holder's process ends however it ends (kill -9 included): a lock is held exactly while its
 * holder lives, with no pid to judge. The lock belongs to the open file description, not the
 * process: a second lock taken in this process waits for the first as another process's would.
 * Elsewhere, a portable lock file judged by its holder's pid (portable-lock.ts), said once through
 * `warn`. Either way the file names its holder (lock-record.ts), and a file an older alipay-card
 * left (its pid lock) is held while the process it names lives: two gateways on one state would
 * each overwrite the other's cards.
 */
export async function takeFileLock(lockPath: string, options: FileLockOptions): Promise<FileLock> {
  const native = loadNativeLocks();
  if (!native.ok && !warned && options.warn) {
    warned = true;
    options.warn(lockErrorsText.noKernelLock({ platform: platformName(), reason: native.reason }));
  }
  const started = Date.now();
  let told = false;
  for (;;) {
    const taken = native.ok ? tryTakeKernel(native.locks, lockPath, options.detail, options.hint) : tryTakePortable(lockPath, options.detail, options.hint);
    if ('release' in taken) return taken;
    const waited = Date.now() - started;
    const holder: LockHolder = { pid: taken.pid, detail: taken.detail, legacy: taken.kind === 'legacy' };
    if (waited >= (options.timeoutMs ?? 0)) throw options.busy(holder, waited);
    if (!told && waited >= NOTIFY_AFTER_MS && holder.pid !== undefined) {
      told = true;
      options.onWait?.(holder.pid);
    }
    await delay(20 + Math.floor(Math.random() * 30));
  }
}

/** The lock, or who holds it. */
function tryTakeKernel(locks: NativeLocks, lockPath: string, detail: string | undefined, hint: Text | string): FileLock | LockRecord {
  for (;;) {
    const fd = openLock(lockPath, hint);
    if (fd === undefined) {
      const created = createWhole(lockPath, lockContent('kernel', detail), lockPath, hint, (temp) => {
        if (!locks.tryLock(temp)) throw new Error('a new temp file is locked by another process');
      });
      if (created !== undefined) return held(lockPath, created);
      continue;
    }
    try {
      if (!locks.tryLock(fd)) {
        // A file removed since we opened it was being let go of: look again.
        if (isAt(fd, lockPath)) return readLockRecord(fd);
        continue;
      }
      // Ours to judge. A kernel lock's file we could lock is a dead holder's (or one just let go
      // of). Any other (a portable lock, an older version's pid lock) holds while its process lives.
      const record = readLockRecord(fd);
      if (record.kind !== 'kernel' && holderLives(record, () => false) && isAt(fd, lockPath)) return record;
      // Not to be rewritten in place, where a reader could see it half done: removed, ours made whole.
      if (isAt(fd, lockPath)) unlinkSync(lockPath);
    } catch (err) {
      throw err instanceof UsageError ? err : cannotLock(lockPath, err, hint);
    } finally {
      closeSync(fd);
    }
  }
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
