import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes `data` as a new file beside `path` and renames it over `path`: a reader, a crash or a full
 * disk never finds `path` cut short — it is the old file whole or the new one whole. The temporary
 * file is created exclusively (O_EXCL: a file planted under its name is refused, not written
 * through) with `mode` from its first byte (cut by the umask, as any new file), synced before the
 * rename; on any failure it is removed and the error (its `code` intact) thrown. A symbolic link at
 * `path` is replaced, never followed. Callers name the file and the cause for the user.
 */
export async function replaceFile(path: string, data: string | Uint8Array, mode = 0o666): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(temporary, 'wx', mode);
  try {
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}
