import { statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { KEY_FILE_MAX_BYTES, readUpTo, tooLargeReason } from './read-capped.js';
import { shellQuote } from './shell-word.js';

/** The two calls key loading needs; NODE_SECRET_FS is the real one, tests may fake it. */
export interface SecretFileSystem {
  /** The first `maxBytes` bytes of the file (all of it when shorter): never more, whatever the file. */
  readUpTo(path: string, maxBytes: number): Uint8Array;
  statSync(path: string): { mode: number };
  /** Unix permission bits mean nothing on Windows; defaults to `process.platform !== 'win32'`. */
  checksPermissions?: boolean;
}

export const NODE_SECRET_FS: SecretFileSystem = { readUpTo, statSync };

export interface SecretFile {
  text: string;
  /** Set when group or others may read the file, as ssh warns about private keys. */
  warning?: string;
}

/** Reads a file that holds a secret (private key, AES key), warning when others may read it. */
export function readSecretFile(path: string, fs: SecretFileSystem): SecretFile {
  const text = readTextFile(path, fs);
  const warning = permissionWarning(path, fs);
  return warning === undefined ? { text } : { text, warning };
}

/**
 * Reads a text file (UTF-8) of a key or a certificate; a missing or unreadable file, or one larger
 * than any key or certificate (KEY_FILE_MAX_BYTES), is a ConfigError naming it and the reason.
 */
export function readTextFile(path: string, fs: Pick<SecretFileSystem, 'readUpTo'>, what = 'a key or certificate file'): string {
  let bytes: Uint8Array;
  try {
    bytes = fs.readUpTo(path, KEY_FILE_MAX_BYTES + 1);
  } catch (error) {
    throw new ConfigError(`cannot read ${path}: ${osReason(error)}`, { cause: error });
  }
  if (bytes.length > KEY_FILE_MAX_BYTES) throw new ConfigError(`cannot read ${path}: ${tooLargeReason(KEY_FILE_MAX_BYTES, what)}`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

/** `permissions 0644 for '/x/app.pem' are too open; run chmod 600 /x/app.pem`, or undefined when fine. */
export function permissionWarning(path: string, fs: Pick<SecretFileSystem, 'statSync' | 'checksPermissions'>): string | undefined {
  if (!(fs.checksPermissions ?? process.platform !== 'win32')) return undefined;
  let mode: number;
  try {
    mode = fs.statSync(path).mode;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  const octal = (mode & 0o777).toString(8).padStart(4, '0');
  return `permissions ${octal} for '${path}' are too open: it holds a secret that other users can read; run chmod 600 ${shellQuote(path)}`;
}

const OS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

export function osReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && OS_REASONS[code] !== undefined) return `${OS_REASONS[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
