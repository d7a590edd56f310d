import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { osReason } from '../config/secret-file.js';
import { UsageError } from '../errors.js';

/** The process that holds a lock: its pid, and what it wrote after it (the batch's journal). */
export interface LockOwner {
  pid: number;
  detail: string | undefined;
}

export interface PidLock {
  /** Removes the lock if it is still this holder's; a second call does nothing. */
  release(): void;
}

export interface PidLockOptions {
  /** The pid written in the lock (tests pass another to stand for a second process). */
  pid?: number;
  /** A line after the pid, for the message another process gives when it is refused. */
  detail?: string;
  /** How long to wait for the holder to let go; 0 refuses at once. */
  timeoutMs?: number;
  /** Told once, when the wait has lasted a second, who is being waited for. */
  onWait?: (ownerPid: number) => void;
  /** The refusal: a live process holds the lock. */
  busy: (owner: LockOwner, waitedMs: number) => Error;
  /** What to do when the lock cannot be created at all (a missing directory, a file in the path). */
  hint: string;
}

// Locks held in this process: our own pid in a lock is live only if one of them is that lock (else
// an earlier process with this pid left it); and a second holder here waits as another process would.
const heldHere = new Set<string>();
const NOTIFY_AFTER_MS = 1000;
/**
 * A lock with no pid in it: an older alipay-card creates the file, then writes its pid, and a reader
 * in between must not take it for a dead owner's. Older than this, nobody is still writing it.
 */
const UNWRITTEN_STALE_MS = 5000;
/** A takeover guard is held for microseconds: one this old is left over, whatever its pid says. */
const GUARD_STALE_MS = 10_000;

/**
 * One process at a time holds `lockPath`, a file holding the holder's pid. It is created whole with
 * link() from a temp file, so a reader never sees it empty; a lock whose process is gone (kill -9)
 * is taken over, so a crash never blocks the next run.
 */
export async function takePidLock(lockPath: string, options: PidLockOptions): Promise<PidLock> {
  const pid = options.pid ?? process.pid;
  const content = `${pid}\n${options.detail === undefined ? '' : `${options.detail}\n`}`;
  const started = Date.now();
  let told = false;
  for (;;) {
    const holder = tryLock(lockPath, pid, content, options.hint);
    if (holder === undefined) return held(lockPath, pid);
    const waited = Date.now() - started;
    // A lock still being written is waited for whatever the timeout: its pid is what we refuse with.
    if (holder !== 'unwritten') {
      if (waited >= (options.timeoutMs ?? 0)) throw options.busy(holder, waited);
      if (!told && waited >= NOTIFY_AFTER_MS) {
        told = true;
        options.onWait?.(holder.pid);
      }
    }
    await delay(20 + Math.floor(Math.random() * 30));
  }
}

/** Takes the lock (undefined), or says who holds it (or is taking it over). */
function tryLock(lockPath: string, pid: number, content: string, hint: string): LockOwner | 'unwritten' | undefined {
  for (;;) {
    if (createWhole(lockPath, pid, content, lockPath, hint)) {
      heldHere.add(lockPath);
      return undefined;
    }
    const holder = holderOf(lockPath, pid);
    if (holder === 'gone') continue;
    if (holder !== undefined) return holder;
    const takingOver = removeStale(lockPath, pid, hint);
    if (takingOver !== undefined) return takingOver;
  }
}

/**
 * Creates `path` holding `content`, whole: written to a temp file, then linked (link fails if the
 * path exists, so two processes never both create it). False if it exists.
 */
function createWhole(path: string, pid: number, content: string, lockPath: string, hint: string): boolean {
  const temp = `${path}.${pid}.${randomBytes(4).toString('hex')}`;
  try {
    // Readable by others: another user's process must see whose lock it is.
    writeFileSync(temp, content, { mode: 0o644, flag: 'wx' });
  } catch (err) {
    throw cannotLock(lockPath, err, hint);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotLock(lockPath, err, hint);
    return false;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Removes a stale lock under a guard, `<lock>.takeover`, a second pid lock made the same way, so
 * that one process at a time does: without it, one that found the lock stale could remove the
 * fresh lock another made a moment later. Under the guard nobody else removes the lock (its owner
 * is gone), so the lock checked stale is the lock removed. A guard is cleared when its process is
 * gone (it died in the microseconds it holds one), or once it is GUARD_STALE_MS old whoever has its
 * pid now (a pid reused by an unrelated process would otherwise block the lock for good).
 * Clearing a stale guard is itself unguarded: two processes doing it at once, right after a third
 * died holding it, could both go on — two rare events at once, left as they are.
 * Undefined once done; else who holds the guard, to wait for as for the lock.
 */
function removeStale(lockPath: string, pid: number, hint: string): LockOwner | 'unwritten' | undefined {
  const guard = `${lockPath}.takeover`;
  for (;;) {
    if (createWhole(guard, pid, `${pid}\n`, lockPath, hint)) break;
    const holder = holderOf(guard, pid);
    if (holder === 'gone') continue;
    // A guard that has gone meanwhile is not old: what is there next may be someone's new one.
    if (holder !== undefined && (ageOf(guard) ?? 0) <= GUARD_STALE_MS) return holder;
    removeOrExplain(guard, lockPath, hint);
  }
  try {
    // Stale, not gone: a lock that is gone may be back by now (making one takes no guard), fresh.
    if (holderOf(lockPath, pid) === undefined) removeOrExplain(lockPath, lockPath, hint);
  } finally {
    rmSync(guard, { force: true });
  }
  return undefined;
}

/** Removes a stale lock or guard; one we may not remove (another user's, in a sticky directory) is the user's to fix, not to wait on. */
function removeOrExplain(path: string, lockPath: string, hint: string): void {
  try {
    rmSync(path, { force: true });
  } catch (err) {
    throw new UsageError(`cannot remove the stale lock ${path}: ${osReason(err)}`, { hint: `remove it by hand if no process ${lockPath === path ? 'holds it' : `holds ${lockPath}`}; ${hint}`, cause: err });
  }
}

/** Who holds the lock: undefined if nobody alive does (it is stale), 'gone' if there is no lock. */
function holderOf(lockPath: string, self: number): LockOwner | 'unwritten' | 'gone' | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    text = '';
  }
  const [first = '', detail] = text.split('\n');
  const pid = Number(first.trim());
  // A lock that has gone meanwhile counts as stale here: the caller looks again.
  if (first.trim() === '' || !Number.isInteger(pid) || pid <= 0) return (ageOf(lockPath) ?? Infinity) < UNWRITTEN_STALE_MS ? 'unwritten' : undefined;
  return isLive(pid, lockPath, self) ? { pid, detail: detail?.trim() || undefined } : undefined;
}

/** Milliseconds since `path` was written; undefined if it cannot be told (it has just gone). */
function ageOf(path: string): number | undefined {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function isLive(pid: number, lockPath: string, self: number): boolean {
  if (pid === self) return heldHere.has(lockPath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists and is another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function held(lockPath: string, pid: number): PidLock {
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      heldHere.delete(lockPath);
      // Only our own lock: after a takeover (we were thought dead) the file is someone else's.
      if (ownerPid(lockPath) === pid) rmSync(lockPath, { force: true });
    },
  };
}

function ownerPid(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8').split('\n')[0]!.trim());
  } catch {
    return undefined;
  }
}

/** An OS error on the lock's path is the user's to fix (a missing directory, a file where one is meant). */
function cannotLock(lockPath: string, err: unknown, hint: string): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  // Creating a file exclusively: ENOENT can only mean its directory.
  if (code === 'ENOENT') return new UsageError(`cannot write in ${dirname(lockPath)}: no such directory`, { hint, cause: err });
  return new UsageError(`cannot create the lock ${lockPath}: ${osReason(err)}`, { hint, cause: err });
}
