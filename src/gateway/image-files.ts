import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import { english, type Text } from '../i18n/text.js';
import type { ImageBlobs } from './store.js';

/**
 * An image that could not be written (disk full, no permission, I/O error): nothing was stored,
 * and the upload is answered with a retryable error, as a state log that cannot take an entry.
 */
export class ImageWriteError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    const text = gatewayLocalText.imageWriteFailed({ dir, reason: (cause as Error).message });
    super(english(text), { cause });
    this.name = 'ImageWriteError';
    this.text = text;
  }

  /** The message as data, for a person. */
  readonly text: Text;
}

/**
 * Uploaded images as files named by their SHA-256, in the state directory's `images/`: the same
 * bytes are one file whoever uploads them, and a file is whole (written to a temporary name,
 * synced, renamed) before the record that names it is logged.
 */
export class ImageFiles implements ImageBlobs {
  /** Writing fails now: said once (a full disk fails every upload), and again once a write works. */
  private failing = false;

  constructor(
    readonly dir: string,
    /** Told when writing images starts failing, and when it works again. */
    private readonly warn: (message: Text | string) => void = () => undefined,
    /**
     * Writes every byte or throws. writeFileSync with a descriptor writes until every byte is out:
     * one writeSync on a nearly full disk writes what fits and says so only in its count (ENOSPC
     * comes at the next write), and a temp file cut short was renamed into place as the image.
     */
    private readonly writeAll: (fd: number, bytes: Buffer) => void = writeFileSync,
  ) {}

  /** The image whole, or nothing: a write that fails (ENOSPC) leaves no file, temporary or cut short, and throws ImageWriteError. */
  write(sha256: string, bytes: Buffer): void {
    const path = join(this.dir, sha256);
    if (sizeOf(path) === bytes.length) return;
    try {
      this.writeWhole(path, bytes);
    } catch (err) {
      const failure = new ImageWriteError(this.dir, err);
      if (!this.failing) this.warn(failure.text);
      this.failing = true;
      throw failure;
    }
    if (this.failing) this.warn(gatewayLocalText.imagesWrittenAgain({ dir: this.dir }));
    this.failing = false;
  }

  private writeWhole(path: string, bytes: Buffer): void {
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
