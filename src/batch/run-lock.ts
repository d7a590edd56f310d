import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { osReasonText } from '../config/secret-file.js';
import { UsageError } from '../errors.js';
import { batchFilesText } from '../i18n/en/batch-files.js';
import { english, type Text } from '../i18n/text.js';
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
  const inputHint = batchFilesText.inputLockHint({ dir: lockDir });
  const input = await takeFileLock(inputLockPath(inputPath, ensureLockDir(lockDir)), {
    detail: journalPath,
    warn,
    busy: ({ pid, detail }) => new UsageError(batchFilesText.inputBusy({ pid: pid === undefined ? '' : String(pid), input: inputPath, journal: detail || '' }), {
      hint: batchFilesText.inputBusyHint(),
    }),
    hint: english(inputHint),
  }).catch((err: unknown) => {
    throw withHint(err, inputHint);
  });
  const journalHint = batchFilesText.journalLockHint();
  try {
    const journal = await takeFileLock(`${journalPath}.lock`, {
      busy: ({ pid }) => new UsageError(batchFilesText.journalBusy({ pid: pid === undefined ? '' : String(pid), lock: `${journalPath}.lock` }), {
        hint: batchFilesText.journalBusyHint(),
      }),
      hint: english(journalHint),
    });
    return { release: () => (journal.release(), input.release()) };
  } catch (err) {
    input.release();
    throw withHint(err, journalHint);
  }
}

/** The lock's error with our hint as data (takeFileLock takes it as a string), for a person's language. */
function withHint(err: unknown, hint: Text): unknown {
  return err instanceof UsageError && err.hint === english(hint) ? err.withChange({ hint }) : err;
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
    throw new UsageError(batchFilesText.cannotCreateLockDir({ dir: lockDir, reason: osReasonText(err) }), { hint: batchFilesText.cannotCreateLockDirHint(), cause: err });
  }
  const stat = lstatSync(lockDir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) {
    const why = !stat.isDirectory() ? batchFilesText.notADirectory() : stat.uid !== uid ? batchFilesText.belongsToUid({ uid: stat.uid }) : batchFilesText.othersCanWrite();
    throw new UsageError(batchFilesText.lockDirNotPrivate({ dir: lockDir, why }), { hint: batchFilesText.lockDirNotPrivateHint({ dir: lockDir }) });
  }
  return lockDir;
}
