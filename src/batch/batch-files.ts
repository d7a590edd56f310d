import { constants, lstatSync, openSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { osReasonText } from '../config/secret-file.js';
import { UsageError } from '../errors.js';
import { batchFilesText } from '../i18n/en/batch-files.js';
import type { Text } from '../i18n/text.js';

/** The two files a run writes; each is a path the user gave (--results, --journal) or one made from the input's name. */
export type BatchFileRole = 'results file' | 'journal';

/**
 * Writes `text` at the descriptor's position until every byte is out (as writeFileSync does with a
 * descriptor). Injected by tests to make a disk fill up at a chosen byte; `path` says which file.
 */
export type WriteText = (fd: number, text: string, path: string) => void;

export const writeText: WriteText = (fd, text) => writeFileSync(fd, text);

/**
 * The results or journal file could not be opened or written. Exit 2 as for any file the user
 * named that cannot be used (as `keys generate --out` and the lock beside the journal do): a full
 * disk or a file-size limit is the user's to fix, not a bug. The command adds what to run next.
 */
export class BatchFileError extends UsageError {
  override readonly name: string = 'BatchFileError';
  constructor(readonly path: string, readonly failedWrite: boolean, message: Text | string, options: { hint?: Text | string; cause?: unknown } = {}) {
    super(message, options);
  }
}

// Neither follows a symbolic link: one planted at the path (in a shared directory, say) would have
// the run truncate or append to whatever it points at.
const FLAGS = {
  create: constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
  createNew: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
  append: constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW,
  update: constants.O_RDWR | constants.O_NOFOLLOW,
  read: constants.O_RDONLY | constants.O_NOFOLLOW,
} as const;

export type OpenMode = keyof typeof FLAGS;

/** Opens a batch file, refusing a symbolic link; an OS error is a BatchFileError naming the file. */
export function openBatchFile(role: BatchFileRole, path: string, mode: OpenMode): number {
  try {
    return openSync(path, FLAGS[mode], 0o600);
  } catch (err) {
    throw cannotOpen(role, path, err);
  }
}

/**
 * Whether a batch file is there, refusing up front — before the run takes anything further — a path
 * that could never be one: a symbolic link (dangling or not), a directory, a device or a pipe.
 */
export function batchFileExists(role: BatchFileRole, path: string): boolean {
  let stats;
  try {
    stats = lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw cannotOpen(role, path, err);
  }
  if (stats.isSymbolicLink()) throw symbolicLink(role, path);
  if (stats.isDirectory()) throw new BatchFileError(path, false, batchFilesText.isDirectory({ role, path }), { hint: hintFor(role) });
  if (!stats.isFile()) throw new BatchFileError(path, false, batchFilesText.notRegularFile({ role, path }), { hint: hintFor(role) });
  return true;
}

/**
 * The input, the results file and the journal are three files. Checked before anything is locked,
 * read or written: a --results naming the input (or a hard link to it) would be emptied as the run
 * opens it, losing the rows it was about to send; a --journal naming it would be read as a damaged
 * journal, whose hint says to delete it.
 */
export function refuseSharedFiles(paths: { input: string; results: string; journal: string }): void {
  const input = identity(paths.input);
  for (const role of ['results file', 'journal'] as const) {
    const path = role === 'journal' ? paths.journal : paths.results;
    if (path === paths.input || sameFile(input, identity(path))) {
      throw new BatchFileError(path, false, batchFilesText.isTheInput({ role, path, input: paths.input }), { hint: hintFor(role) });
    }
  }
  if (paths.results === paths.journal || sameFile(identity(paths.results), identity(paths.journal))) {
    throw new BatchFileError(paths.journal, false, batchFilesText.isTheResults({ path: paths.journal }), { hint: batchFilesText.journalPathHint() });
  }
}

/** The file at `path`, links followed; undefined when there is none (or it cannot be seen). */
function identity(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

export function cannotOpen(role: BatchFileRole, path: string, err: unknown): Error {
  if (err instanceof BatchFileError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  // O_NOFOLLOW fails with ELOOP on a symbolic link: that, not a loop of links, is what it means here.
  if (code === 'ELOOP') return symbolicLink(role, path, err);
  if (code === 'EISDIR') return new BatchFileError(path, false, batchFilesText.isDirectory({ role, path }), { hint: hintFor(role), cause: err });
  return new BatchFileError(path, false, batchFilesText.cannotOpen({ role, path, reason: writeReason(err) }), { hint: hintFor(role), cause: err });
}

/** A write (or sync) of a batch file failed mid-run: the disk is full, a size limit reached, the disk failing. */
export function cannotWrite(role: BatchFileRole, path: string, err: unknown): Error {
  if (err instanceof BatchFileError) return err;
  return new BatchFileError(path, true, batchFilesText.cannotWrite({ role, path, reason: writeReason(err) }), { cause: err });
}

const WRITE_REASONS: Readonly<Record<string, () => Text>> = {
  ENOSPC: batchFilesText.noSpace,
  EFBIG: batchFilesText.fileTooLarge,
  EDQUOT: batchFilesText.quotaUsed,
  EIO: batchFilesText.ioError,
  EROFS: batchFilesText.readOnly,
};

function writeReason(err: unknown): Text | string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === undefined ? undefined : WRITE_REASONS[code];
  if (code !== undefined && reason !== undefined) return batchFilesText.writeReason({ reason: reason(), code });
  return osReasonText(err);
}

function symbolicLink(role: BatchFileRole, path: string, cause?: unknown): BatchFileError {
  return new BatchFileError(path, false, batchFilesText.symbolicLink({ role, path }), {
    hint: batchFilesText.removeLinkHint({ hint: hintFor(role) }),
    cause,
  });
}

function hintFor(role: BatchFileRole): Text {
  return role === 'journal' ? batchFilesText.journalPathHint() : batchFilesText.resultsPathHint();
}
