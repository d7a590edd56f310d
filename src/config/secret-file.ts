import { statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { configKeysText } from '../i18n/en/config-keys.js';
import { english, type Text } from '../i18n/text.js';
import { KEY_FILE_MAX_BYTES, readUpTo, tooLargeText } from './read-capped.js';
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
  /** Set when group or others may read the file, as ssh warns about private keys: in English. */
  warning?: string;
  /** The same warning as data, for a person (`local()`). */
  warningText?: Text;
}

/** Reads a file that holds a secret (private key, AES key), warning when others may read it. */
export function readSecretFile(path: string, fs: SecretFileSystem): SecretFile {
  const text = readTextFile(path, fs);
  const warning = permissionWarning(path, fs);
  // Not enumerable: the file is its text and its warning, the warning's data rides along.
  return warning === undefined ? { text } : Object.defineProperty({ text, warning: english(warning) }, 'warningText', { value: warning, enumerable: false });
}

/**
 * Reads a text file (UTF-8) of a key or a certificate; a missing or unreadable file, or one larger
 * than any key or certificate (KEY_FILE_MAX_BYTES), is a ConfigError naming it and the reason.
 */
export function readTextFile(path: string, fs: Pick<SecretFileSystem, 'readUpTo'>, what: Text | string = configKeysText.aKeyOrCertificateFile()): string {
  let bytes: Uint8Array;
  try {
    bytes = fs.readUpTo(path, KEY_FILE_MAX_BYTES + 1);
  } catch (error) {
    throw new ConfigError(configKeysText.cannotReadFile({ path, reason: osReasonText(error) }), { cause: error });
  }
  if (bytes.length > KEY_FILE_MAX_BYTES) throw new ConfigError(configKeysText.cannotReadFile({ path, reason: tooLargeText(KEY_FILE_MAX_BYTES, what) }));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

/** `permissions 0644 for '/x/app.pem' are too open; run chmod 600 /x/app.pem`, or undefined when fine. */
export function permissionWarning(path: string, fs: Pick<SecretFileSystem, 'statSync' | 'checksPermissions'>): Text | undefined {
  if (!(fs.checksPermissions ?? process.platform !== 'win32')) return undefined;
  let mode: number;
  try {
    mode = fs.statSync(path).mode;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  const octal = (mode & 0o777).toString(8).padStart(4, '0');
  return configKeysText.permissionsTooOpen({ mode: octal, path, command: `chmod 600 ${shellQuote(path)}` });
}

const OS_REASONS = {
  ENOENT: configKeysText.ENOENT,
  EACCES: configKeysText.EACCES,
  EPERM: configKeysText.EPERM,
  EISDIR: configKeysText.EISDIR,
  ENOTDIR: configKeysText.ENOTDIR,
  ELOOP: configKeysText.ELOOP,
  EMFILE: configKeysText.EMFILE,
  ENOSPC: configKeysText.ENOSPC,
  EROFS: configKeysText.EROFS,
  EDQUOT: configKeysText.EDQUOT,
} as const;

/**
 * Why a file could not be read: `no such file (ENOENT)` (a code we name, in the chosen language for a
 * person, English in `String()`), or Node's message for a code we do not name.
 */
export function osReasonText(error: unknown): Text | string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && Object.hasOwn(OS_REASONS, code)) return configKeysText.osReason({ reason: OS_REASONS[code as keyof typeof OS_REASONS](), code });
  return error instanceof Error ? error.message : String(error);
}
