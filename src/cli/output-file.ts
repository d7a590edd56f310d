import { lstatSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { nearestExisting, statOf } from '../config/nearest-existing.js';
import { replaceFile } from '../config/replace-file.js';
import { osReasonText } from '../config/secret-file.js';
import { UsageError } from '../errors.js';
import { realFilePath } from '../lock/real-path.js';
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
  // A link to nothing is there too: --force writes the file it names (writeOutputFile).
  if (existing !== undefined || isLink(file.path)) {
    if (!replace) throw new UsageError(o.exists({ what: file.what }), { hint: o.existsHint() });
    if (existing !== undefined) return;
  }
  const dir = dirname(realFilePath(file.path));
  const nearest = nearestExisting(dir);
  if (nearest.stats?.isDirectory() === false) throw new UsageError(o.notFolder({ what: file.what, path: nearest.path }));
  if (nearest.path !== dir) throw new UsageError(o.noFolder({ what: file.what, dir }), { hint: o.noFolderHint({ dir }) });
}

/**
 * Writes the whole file, atomically (replaceFile: the old file stays whole until the new one is),
 * or exit 2 naming it and the cause. A device or a pipe already there (`--out /dev/stdout`) is
 * written into, as a shell redirection would: there is no file to replace. A symbolic link is
 * written through, as editors and `cp` do: the file it names is replaced (made, for a link to
 * nothing yet), the link stays.
 */
export async function writeOutputFile(file: OutputFile, data: string | Uint8Array, mode?: number): Promise<void> {
  try {
    const existing = statOf(file.path);
    if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) await writeFile(file.path, data);
    else await replaceFile(realFilePath(file.path), data, mode);
  } catch (err) {
    throw outputFileError(file, err);
  }
}

/** Why `file` could not be opened or written, as exit 2 naming it. */
export function outputFileError(file: OutputFile, err: unknown): UsageError {
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'EISDIR') return new UsageError(o.isDirectory({ what: file.what }), { cause: err });
  return new UsageError(o.cannotWrite({ what: file.what, reason: osReasonText(err) }), { hint: o.cannotWriteHint(), cause: err });
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
