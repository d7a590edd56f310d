import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { osReason } from '../config/secret-file.js';
import { UsageError } from '../errors.js';
import { takeFileLock, type FileLock } from '../lock/file-lock.js';

export type RunLock = FileLock;

/**
 * One run of a batch at a time, held by two locks (src/lock/file-lock.ts: the kernel lets go of
 * them when the process ends, so a crash never blocks --resume). Beside the journal: a second
 * process appending to the same journal would make its story unreadable. And one per input file,
 * in `lockDir` (the user's state directory, see batchLockDir): two runs of one file with different
 * --results would each send every row, under the same serials, racing each other.
 */
export async function lockRun(journalPath: string, inputPath: string, lockDir: string, warn?: (message: string) => void): Promise<RunLock> {
  const input = await takeFileLock(inputLockPath(inputPath, ensureLockDir(lockDir)), {
    detail: journalPath,
    warn,
    busy: ({ pid, detail }) => new UsageError(`another card batch${pid === undefined ? '' : ` (pid ${pid})`} is running ${inputPath}${detail ? ` (journal ${detail})` : ''}`, {
      hint: 'one run of a file at a time, whatever its --results: wait for it to end, or stop it (Ctrl-C) and resume that run',
    }),
    hint: `the lock of the input file goes in ${lockDir}: make it a directory you can write in`,
  });
  try {
    const journal = await takeFileLock(`${journalPath}.lock`, {
      busy: ({ pid }) => new UsageError(`another card batch${pid === undefined ? '' : ` (pid ${pid})`} is running this batch (${journalPath}.lock)`, {
        hint: 'wait for it to end, or stop it (Ctrl-C) and run again with --resume',
      }),
      hint: 'the journal and its lock go beside --results (or at --journal): pass paths in a directory that exists and you can write in',
    });
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
  return join(lockDir, `${createHash('sha256').update(real).digest('hex').slice(0, 16)}.lock`);
}

/**
 * Makes the lock directory (0700) if it is not there, and checks one that is: a directory of ours
 * that nobody else can write in. Anyone who can write in it could remove a lock file while it is
 * held (then two runs each hold "the" lock) or plant one to block a run.
 */
function ensureLockDir(lockDir: string): string {
  try {
    mkdirSync(lockDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new UsageError(`cannot create the batch lock directory ${lockDir}: ${osReason(err)}`, { hint: 'set XDG_STATE_HOME to a directory you can write in', cause: err });
  }
  const stat = lstatSync(lockDir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) {
    throw new UsageError(`the batch lock directory ${lockDir} is not a private directory of yours (${!stat.isDirectory() ? 'not a directory' : stat.uid !== uid ? `it belongs to uid ${stat.uid}` : 'others can write in it'}): refusing to use it`, {
      hint: `remove ${lockDir} (alipay-card makes it again, mode 0700), or set XDG_STATE_HOME to a directory of yours`,
    });
  }
  return lockDir;
}
