import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { UsageError } from '../errors.js';

export interface RunLock {
  release(): void;
}

/**
 * One run of a batch at a time: a second process appending to the same journal would make its
 * story unreadable. The lock file holds the owner's pid; a lock whose process is gone (a kill -9
 * leaves one behind) is taken over, so a crash never blocks --resume.
 */
export function lockRun(journalPath: string, pid = process.pid): RunLock {
  const path = `${journalPath}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new UsageError(`cannot write beside ${journalPath}: no such directory`, { hint: 'create it, or pass --results / --journal in a directory that exists' });
      if (code !== 'EEXIST') throw err;
      const owner = Number(readOwner(path));
      if (Number.isInteger(owner) && owner > 0 && owner !== pid && isAlive(owner)) {
        throw new UsageError(`another card batch (pid ${owner}) is running this batch (${path})`, {
          hint: 'wait for it to end, or stop it (Ctrl-C) and run again with --resume',
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new UsageError(`cannot take the lock ${path}`, { hint: 'remove it if no card batch is running' });
}

function readOwner(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
