import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

export interface RunLock {
  release(): void;
}

export interface LockOptions {
  pid?: number;
  /** Where the lock of the input file goes (tests pass their own). */
  lockDir?: string;
}

/**
 * One run of a batch at a time, held by two lock files. Beside the journal: a second process
 * appending to the same journal would make its story unreadable. And one per input file, in the
 * temp directory: two runs of one file with different --results would each send every row, under
 * the same serials, racing each other. Each lock holds its owner's pid; a lock whose process is gone
 * (a kill -9 leaves one behind) is taken over, so a crash never blocks --resume.
 */
export function lockRun(journalPath: string, inputPath: string, options: LockOptions = {}): RunLock {
  const pid = options.pid ?? process.pid;
  const inputLock = inputLockPath(inputPath, options.lockDir ?? tmpdir());
  const input = takeLock(inputLock, `${pid}\n${journalPath}\n`, pid, (owner, journal) =>
    new UsageError(`another card batch (pid ${owner}) is running ${inputPath}${journal ? ` (journal ${journal})` : ''}`, {
      hint: 'one run of a file at a time, whatever its --results: wait for it to end, or stop it (Ctrl-C) and resume that run',
    }));
  try {
    const journal = takeLock(`${journalPath}.lock`, String(pid), pid, (owner) =>
      new UsageError(`another card batch (pid ${owner}) is running this batch (${journalPath}.lock)`, {
        hint: 'wait for it to end, or stop it (Ctrl-C) and run again with --resume',
      }));
    return { release: () => (journal.release(), input.release()) };
  } catch (err) {
    input.release();
    throw err;
  }
}

/** The input's lock: named by its real path, so a symlink or another relative path finds the same one. */
export function inputLockPath(inputPath: string, lockDir: string): string {
  let real = resolve(inputPath);
  try {
    real = realpathSync(real);
  } catch {
    // A missing file is reported when it is read; the lock needs only a name.
  }
  return join(lockDir, `alipay-card-batch-${createHash('sha256').update(real).digest('hex').slice(0, 16)}.lock`);
}

function takeLock(path: string, content: string, pid: number, busy: (owner: number, detail: string | undefined) => UsageError): RunLock {
  for (let tries = 0; tries < 2; tries++) {
    try {
      // Readable by others: another user's run of the same file must see whose lock it is.
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, content);
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new UsageError(`cannot write in ${dirname(path)}: no such directory`, { hint: 'create it, or pass --results / --journal in a directory that exists' });
      if (code !== 'EEXIST') throw err;
      const [owner, detail] = readOwner(path);
      if (Number.isInteger(owner) && owner > 0 && owner !== pid && isAlive(owner)) throw busy(owner, detail);
      try {
        rmSync(path, { force: true });
      } catch {
        break;
      }
    }
  }
  throw new UsageError(`cannot take the lock ${path}`, { hint: 'remove it if no card batch is running' });
}

function readOwner(path: string): [pid: number, detail: string | undefined] {
  try {
    const [pid, detail] = readFileSync(path, 'utf8').split('\n');
    return [Number(pid!.trim()), detail?.trim() || undefined];
  } catch {
    return [Number.NaN, undefined];
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
