import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ImageBlobs } from './store.js';

/**
 * Uploaded images as files named by their SHA-256, in the state directory's `images/`: the same
 * bytes are one file whoever uploads them, and a file is whole (written to a temporary name,
 * synced, renamed) before the record that names it is logged.
 */
export class ImageFiles implements ImageBlobs {
  constructor(
    readonly dir: string,
    /**
     * Writes every byte or throws. writeFileSync with a descriptor writes until every byte is out:
     * one writeSync on a nearly full disk writes what fits and says so only in its count (ENOSPC
     * comes at the next write), and a temp file cut short was renamed into place as the image.
     */
    private readonly writeAll: (fd: number, bytes: Buffer) => void = writeFileSync,
  ) {}

  /** The image whole, or nothing: a write that fails (ENOSPC) leaves no file, temporary or cut short, and throws. */
  write(sha256: string, bytes: Buffer): void {
    const path = join(this.dir, sha256);
    if (sizeOf(path) === bytes.length) return;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      try {
        this.writeAll(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
  }

  fileUrl(sha256: string): string {
    return pathToFileURL(join(this.dir, sha256)).href;
  }

  read(sha256: string): Buffer | undefined {
    try {
      return readFileSync(join(this.dir, sha256));
    } catch {
      return undefined;
    }
  }
}

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}
