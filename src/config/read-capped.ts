import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { configLoadText } from '../i18n/en/config-load.js';
import type { Text } from '../i18n/text.js';

/**
 * How much of each kind of input is read, at most. Without a cap `privateKeyFile: /dev/urandom`
 * or `--biz @/dev/zero` reads until memory runs out; with one, such a file costs its cap plus one
 * byte and ends in an error that names it.
 *
 * - Keys, certificates, AES keys and the tool's own small state files: 64 KiB. A PEM RSA-4096
 *   private key is about 3.3 KB and Alipay's root certificate bundle about 4 KB: sixteen times that
 *   and more is still nothing to read.
 * - An auth_token file: 4 KiB. Alipay's tokens are a few dozen characters.
 * - Request content (biz_content, a string to sign) and what is verified (a response body, a
 *   notification): the local gateway's own limit for a request body (MAX_BODY_BYTES, 1 MiB);
 *   Alipay's responses to these methods are a few KB.
 * - A config file: 1 MiB, room for any number of profiles with inline keys.
 */
export const KEY_FILE_MAX_BYTES = 64 * 1024;
export const TOKEN_FILE_MAX_BYTES = 4 * 1024;
export const CONFIG_FILE_MAX_BYTES = 1024 * 1024;

/**
 * The first `maxBytes` bytes of the file at `path` (all of it when it is shorter). Reads only that
 * much, so a device or a FIFO that never ends (/dev/zero) is no different from a large file.
 * Callers ask for their cap plus one byte and refuse what comes back longer than the cap.
 * The buffer starts at the file's size (plus one byte, to see its end) and doubles while more
 * comes, up to the cap: allocating the whole 1 MiB cap for a config of a few hundred bytes cost
 * ≈5 ms of every command's start-up.
 */
export function readUpTo(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(fstatSync(fd).size + 1, 4096)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length === maxBytes) break;
        const grown = Buffer.allocUnsafe(Math.min(maxBytes, length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** `readUpTo` for a stream (stdin): stops reading, and lets go of the stream, past `maxBytes`. */
export async function readStreamUpTo(stream: AsyncIterable<unknown>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(bytes);
    length += bytes.length;
    if (length >= maxBytes) break;
  }
  const all = Buffer.concat(chunks);
  return all.length > maxBytes ? all.subarray(0, maxBytes) : all;
}

/** `64 KiB`, `1 MiB`: a cap as a message shows it. */
export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * `is larger than 64 KiB, the most read for a key file`: the tail of a message that names the file.
 * `what` may be a Text (`configKeysText.aKeyFile()`).
 */
export function tooLargeText(maxBytes: number, what: Text | string): Text {
  return configLoadText.tooLarge({ size: formatBytes(maxBytes), what });
}
