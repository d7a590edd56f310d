import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
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
 * --results would each send every row, under the same serials, racing each other. The input's lock
 * is two: one by its path (an editor's save makes a new file there) and one by the file itself (a
 * hard link is the same file under another path).
 */
export async function lockRun(journalPath: string, inputPath: string, lockDir: string, warn?: (message: string) => void): Promise<RunLock> {
  const inputHint = batchFilesText.inputLockHint({ dir: lockDir });
  const held: FileLock[] = [];
  const release = (): void => {
    for (const lock of held.splice(0).reverse()) lock.release();
  };
  try {
    for (const lockPath of inputLockPaths(inputPath, ensureLockDir(lockDir))) {
      held.push(await takeFileLock(lockPath, {
        detail: journalPath,
        warn,
        busy: ({ pid, detail }) => new UsageError(batchFilesText.inputBusy({ pid: pid === undefined ? '' : String(pid), input: inputPath, journal: detail || '' }), {
          hint: batchFilesText.inputBusyHint(),
        }),
        hint: english(inputHint),
      }).catch((err: unknown) => {
        throw withHint(err, inputHint);
      }));
    }
  } catch (err) {
    release();
    throw err;
  }
  const journalHint = batchFilesText.journalLockHint();
  try {
    held.push(await takeFileLock(`${journalPath}.lock`, {
      busy: ({ pid }) => new UsageError(batchFilesText.journalBusy({ pid: pid === undefined ? '' : String(pid), lock: `${journalPath}.lock` }), {
        hint: batchFilesText.journalBusyHint(),
      }),
      hint: english(journalHint),
    }));
    return { release };
  } catch (err) {
    release();
    throw withHint(err, journalHint);
  }
}

/** The lock's error with our hint as data (takeFileLock takes it as a string), for a person's language. */
function withHint(err: unknown, hint: Text): unknown {
  return err instanceof UsageError && err.hint === english(hint) ? err.withChange({ hint }) : err;
}

/** The input's lock: named by its real path, so a symlink or another relative path finds the same one. */
export function inputLockPath(inputPath: string, lockDir: string): string {
  return join(lockDir, `${shortHash(realInputPath(inputPath))}.lock`);
}

/**
 * The input's lock by the file itself (its device, inode and birth time: an inode is numbered again
 * once its file is deleted), which its hard links share; none for a file that cannot be read
 * (reported when it is read).
 */
export function inputFileLockPath(inputPath: string, lockDir: string): string | undefined {
  const identity = fileIdentity(inputPath);
  return identity === undefined ? undefined : join(lockDir, `file-${shortHash(identity)}.lock`);
}

function inputLockPaths(inputPath: string, lockDir: string): string[] {
  const byFile = inputFileLockPath(inputPath, lockDir);
  return byFile === undefined ? [inputLockPath(inputPath, lockDir)] : [inputLockPath(inputPath, lockDir), byFile];
}

/** The input's absolute path, symlinks resolved where it exists. */
export function realInputPath(inputPath: string): string {
  const path = resolve(inputPath);
  try {
    return realpathSync(path);
  } catch {
    // A missing file is reported when it is read; the lock needs only a name.
    return path;
  }
}

/** `<device>:<inode>:<birth time>` of the file a path names (through symlinks), or undefined if there is none. */
function fileIdentity(path: string): string | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    return `${stats.dev}:${stats.ino}:${stats.birthtimeNs}`;
  } catch {
    return undefined;
  }
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
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
