import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { UsageError } from '../errors.js';

/** The right to read and write one state file, until `release`. */
export interface StateLock {
  release(): Promise<void>;
}

export interface LockWait {
  /** How long to wait for another process to let go of the state file; 0 refuses at once. */
  timeoutMs: number;
  /** Told once, when the wait has lasted a second, who is being waited for. */
  onWait?: (ownerPid: number) => void;
}

// Locks held by gateways of this process: a second gateway here on the same file waits for the
// first as another process would (tests and library users can start two).
const heldHere = new Set<string>();
const NOTIFY_AFTER_MS = 1000;

/**
 * One process owns a state file at a time: each keeps the state in memory and writes it whole, so
 * two on one file would each overwrite the other's cards. The lock is `<state>.lock` holding the
 * owner's pid, created whole with link() (a reader never sees it empty); a lock whose process is
 * gone (kill -9) is taken over, so a crash never blocks the next start.
 */
export async function lockStateFile(statePath: string, wait: LockWait = { timeoutMs: 0 }): Promise<StateLock> {
  const lockPath = `${statePath}.lock`;
  await mkdir(dirname(lockPath), { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    const owner = await tryLock(lockPath);
    if (owner === undefined) {
      heldHere.add(lockPath);
      return { release: () => release(lockPath) };
    }
    const waited = Date.now() - started;
    if (waited >= wait.timeoutMs) throw busy(statePath, lockPath, owner, waited);
    if (!told && waited >= NOTIFY_AFTER_MS) {
      told = true;
      wait.onWait?.(owner);
    }
    await delay(20 + Math.floor(Math.random() * 30));
  }
}

/** Takes the lock and resolves undefined, or resolves the pid of the live process that holds it. */
async function tryLock(lockPath: string): Promise<number | undefined> {
  const temp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temp, `${process.pid}\n`, { mode: 0o644 });
  try {
    await link(temp, lockPath);
    return undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await rm(temp, { force: true });
  }
  const owner = await readOwner(lockPath);
  if (owner !== undefined && isLive(owner, lockPath)) return owner;
  await takeOverStale(lockPath, owner);
  return tryLock(lockPath);
}

/**
 * Moves the stale lock aside first and checks it is the one read: two processes taking over the
 * same stale lock at once must not remove the fresh lock the quicker one has just made. If the
 * lock moved aside turns out to be fresh, it is linked back.
 */
async function takeOverStale(lockPath: string, stalePid: number | undefined): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = await readOwner(aside);
  if (moved !== stalePid && moved !== undefined && isLive(moved, lockPath)) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}

async function release(lockPath: string): Promise<void> {
  heldHere.delete(lockPath);
  // Only our own lock: after a takeover (we were thought dead) the file is someone else's.
  if ((await readOwner(lockPath)) === process.pid) await rm(lockPath, { force: true });
}

async function readOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isLive(pid: number, lockPath: string): boolean {
  // Our own pid in a lock no gateway here holds: left by an earlier process that had this pid.
  if (pid === process.pid) return heldHere.has(lockPath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists and is another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(statePath: string, lockPath: string, owner: number, waitedMs: number): UsageError {
  const waited = waitedMs >= 1000 ? ` (waited ${Math.round(waitedMs / 1000)} s)` : '';
  return new UsageError(`the gateway state file ${statePath} is in use by another process (pid ${owner})${waited}`, {
    hint: `one gateway per state file: stop that process or wait for it to end, or use another state file; remove ${lockPath} only if pid ${owner} is not alive`,
  });
}
