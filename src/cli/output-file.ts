import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { nearestExisting, statOf } from '../config/nearest-existing.js';
import { replaceFile } from '../config/replace-file.js';
import { osReasonText } from '../config/secret-file.js';
import { UsageError } from '../errors.js';
import { outputFilesText as o } from '../i18n/en/output-files.js';

/**
 * A file a command writes its result to. `what` names it for the user: the flag and its value as
 * given (`--out x.json`), or the path when no flag named it.
 */
export interface OutputFile {
  path: string;
  what: string;
}

/**
 * What can be known before anything is sent: the path is not a directory, its directory exists
 * (and is one), and — unless `replace` (--force, or a file a command appends to) — nothing is
 * there yet. Exit 2 naming the file; a full disk can only be found by writing.
 */
export function checkOutputFile(file: OutputFile, replace: boolean | undefined): void {
  const existing = statOf(file.path);
  if (existing?.isDirectory()) throw new UsageError(o.isDirectory({ what: file.what }));
  if (existing !== undefined) {
    if (!replace) throw new UsageError(o.exists({ what: file.what }), { hint: o.existsHint() });
    return;
  }
  const dir = dirname(file.path);
  const nearest = nearestExisting(dir);
  if (nearest.stats?.isDirectory() === false) throw new UsageError(o.notFolder({ what: file.what, path: nearest.path }));
  if (nearest.path !== dir) throw new UsageError(o.noFolder({ what: file.what, dir }), { hint: o.noFolderHint({ dir }) });
}

/**
 * Writes the whole file, atomically (replaceFile: the old file stays whole until the new one is),
 * or exit 2 naming it and the cause. A device or a pipe already there (`--out /dev/stdout`) is
 * written into, as a shell redirection would: there is no file to replace.
 */
export async function writeOutputFile(file: OutputFile, data: string | Uint8Array, mode?: number): Promise<void> {
  try {
    const existing = statOf(file.path);
    if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) await writeFile(file.path, data);
    else await replaceFile(file.path, data, mode);
  } catch (err) {
    throw outputFileError(file, err);
  }
}

/** Why `file` could not be opened or written, as exit 2 naming it. */
export function outputFileError(file: OutputFile, err: unknown): UsageError {
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'EISDIR') return new UsageError(o.isDirectory({ what: file.what }), { cause: err });
  return new UsageError(o.cannotWrite({ what: file.what, reason: osReasonText(err) }), { hint: o.cannotWriteHint(), cause: err });
}
