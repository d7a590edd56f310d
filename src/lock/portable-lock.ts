import { closeSync, fstatSync, lstatSync, unlinkSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { lockErrorsText } from '../i18n/en/lock-errors.js';
import type { Text } from '../i18n/text.js';
import { osReasonText } from '../config/secret-file.js';
import { createWhole, openLock } from './lock-files.js';
import { holderLives, lockContent, readLockRecord, type LockRecord } from './lock-record.js';

/** Lock files held by this process: one naming us is held only if it is among them (else a process that had our pid left it). */
const heldHere = new Set<string>();
/** A takeover guard is held for microseconds: one this old was left by a process that died holding it, whatever its pid says now. */
const GUARD_STALE_MS = 10_000;

/**
 * One attempt at the lock where the kernel lock cannot load (native-locks.ts): the lock file is
 * created exclusively (link, as the kernel lock's is) and held while the process it names lives
 * (lock-record.ts: pid, not a zombie, same start time and boot). A stale one is removed under a
 * guard, `<lock>.takeover`, made the same way, so that one process at a time does: without it, one
 * that judged the lock stale could remove the fresh lock another made a moment later. Under the
 * guard the lock is judged again before it goes. A guard left by a process that died in the
 * microseconds it holds one is cleared unguarded: two processes doing that at once, right after a
 * third died holding it, could both go on — two rare events at once, left as they are.
 * The lock, or who holds it (or the guard).
 */
export function tryTakePortable(lockPath: string, detail: string | undefined, hint: Text | string): { release(): void } | LockRecord {
  const content = lockContent('pid', detail);
  for (;;) {
    const created = take(lockPath, content, hint);
    if (created !== undefined) return created;
    const fd = openLock(lockPath, hint);
    if (fd === undefined) continue;
    let record: LockRecord;
    try {
      record = readLockRecord(fd);
    } finally {
      closeSync(fd);
    }
    if (holderLives(record, () => heldHere.has(lockPath))) return record;
    const guardHolder = removeStale(lockPath, hint);
    if (guardHolder !== undefined) return guardHolder;
  }
}

function take(lockPath: string, content: string, hint: Text | string): { release(): void } | undefined {
  const fd = createWhole(lockPath, content, lockPath, hint);
  if (fd === undefined) return undefined;
  const { ino, dev } = fstatSync(fd);
  closeSync(fd);
  heldHere.add(lockPath);
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      heldHere.delete(lockPath);
      // Only our own file: after a takeover (we were judged dead) it is someone else's.
      if (sameFile(lockPath, ino, dev)) unlinkSync(lockPath);
    },
  };
}

/** Removes the lock if, judged again under the guard, it is stale; undefined once done, else who holds the guard. */
function removeStale(lockPath: string, hint: Text | string): LockRecord | undefined {
  const guard = `${lockPath}.takeover`;
  let guardFd: number | undefined;
  for (;;) {
    guardFd = createWhole(guard, lockContent('pid', undefined), lockPath, hint);
    if (guardFd !== undefined) break;
    const fd = openLock(guard, hint);
    if (fd === undefined) continue;
    try {
      const record = readLockRecord(fd);
      if (holderLives(record, () => false) && Date.now() - fstatSync(fd).mtimeMs <= GUARD_STALE_MS) return record;
    } finally {
      closeSync(fd);
    }
    removeOrExplain(guard, lockPath, hint);
  }
  const { ino, dev } = fstatSync(guardFd);
  closeSync(guardFd);
  try {
    const fd = openLock(lockPath, hint);
    if (fd === undefined) return undefined;
    let stale: boolean;
    try {
      stale = !holderLives(readLockRecord(fd), () => heldHere.has(lockPath)) && sameFile(lockPath, fstatSync(fd).ino, fstatSync(fd).dev);
    } finally {
      closeSync(fd);
    }
    if (stale) removeOrExplain(lockPath, lockPath, hint);
  } finally {
    if (sameFile(guard, ino, dev)) removeOrExplain(guard, lockPath, hint);
  }
  return undefined;
}

function sameFile(path: string, ino: number, dev: number): boolean {
  try {
    const there = lstatSync(path);
    return there.ino === ino && there.dev === dev;
  } catch {
    return false;
  }
}

/** A stale lock or guard we may not remove (another user's, in a sticky directory) is the user's to fix, not to wait on. */
function removeOrExplain(path: string, lockPath: string, hint: Text | string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(lockErrorsText.cannotRemoveStale({ path, reason: osReasonText(err) }), { hint: lockErrorsText.cannotRemoveStaleHint({ lockPath, hint }), cause: err });
  }
}
