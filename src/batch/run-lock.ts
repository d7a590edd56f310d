import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { takePidLock, type PidLock } from '../lock/pid-lock.js';

export type RunLock = PidLock;

export interface LockOptions {
  pid?: number;
  /** Where the lock of the input file goes (tests pass their own). */
  lockDir?: string;
}

/**
 * One run of a batch at a time, held by two lock files. Beside the journal: a second process
 * appending to the same journal would make its story unreadable. And one per input file, in the
 * temp directory: two runs of one file with different --results would each send every row, under
 * the same serials, racing each other. A lock whose process is gone (a kill -9 leaves one behind)
 * is taken over, so a crash never blocks --resume.
 */
export async function lockRun(journalPath: string, inputPath: string, options: LockOptions = {}): Promise<RunLock> {
  const input = await takePidLock(inputLockPath(inputPath, options.lockDir ?? tmpdir()), {
    pid: options.pid,
    detail: journalPath,
    busy: ({ pid, detail }) => new UsageError(`another card batch (pid ${pid}) is running ${inputPath}${detail ? ` (journal ${detail})` : ''}`, {
      hint: 'one run of a file at a time, whatever its --results: wait for it to end, or stop it (Ctrl-C) and resume that run',
    }),
    hint: 'the lock of the input file goes in the temp directory (TMPDIR): make it one you can write in',
  });
  try {
    const journal = await takePidLock(`${journalPath}.lock`, {
      pid: options.pid,
      busy: ({ pid }) => new UsageError(`another card batch (pid ${pid}) is running this batch (${journalPath}.lock)`, {
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
  return join(lockDir, `alipay-card-batch-${createHash('sha256').update(real).digest('hex').slice(0, 16)}.lock`);
}
