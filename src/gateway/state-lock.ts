import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { takeFileLock, type FileLock } from '../lock/file-lock.js';

export interface LockWait {
  /** How long to wait for another process to let go of the state file; 0 refuses at once. */
  timeoutMs: number;
  /** Told once, when the wait has lasted a second, who is being waited for. */
  onWait?: (holderPid: number) => void;
}

/**
 * One process owns a state file at a time: each keeps the state in memory and writes it whole, so
 * two on one file would each overwrite the other's cards. The lock is `<state>.lock`, held open
 * for the gateway's lifetime (src/lock/file-lock.ts); a second gateway in this process waits for
 * the first as another process would (tests and library users can start two).
 */
export async function lockStateFile(statePath: string, wait: LockWait = { timeoutMs: 0 }): Promise<FileLock> {
  const lockPath = `${statePath}.lock`;
  // A directory that cannot be made (a file in the path) is reported by the lock, naming the path and why.
  await mkdir(dirname(lockPath), { recursive: true }).catch(() => undefined);
  return takeFileLock(lockPath, {
    timeoutMs: wait.timeoutMs,
    onWait: wait.onWait,
    busy: ({ pid }, waitedMs) => busy(statePath, pid, waitedMs),
    hint: 'use a state file in a directory you can write in',
  });
}

function busy(statePath: string, holder: number | undefined, waitedMs: number): UsageError {
  const waited = waitedMs >= 1000 ? ` (waited ${Math.round(waitedMs / 1000)} s)` : '';
  return new UsageError(`the gateway state file ${statePath} is in use by another process${holder === undefined ? '' : ` (pid ${holder})`}${waited}`, {
    hint: 'one gateway per state file: stop that process or wait for it to end, or use another state file',
  });
}
