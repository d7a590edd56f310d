import { ConfigError } from '../errors.js';
import { shellQuote } from './shell-word.js';

/** The two calls key loading needs; `node:fs` satisfies it (`{ readFileSync, statSync }`), tests may fake it. */
export interface SecretFileSystem {
  readFileSync(path: string, encoding: 'utf8'): string;
  statSync(path: string): { mode: number };
  /** Unix permission bits mean nothing on Windows; defaults to `process.platform !== 'win32'`. */
  checksPermissions?: boolean;
}

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

/** Reads a text file (UTF-8); a missing or unreadable file is a ConfigError naming it and the OS reason. */
export function readTextFile(path: string, fs: Pick<SecretFileSystem, 'readFileSync'>): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${path}: ${osReason(error)}`, { cause: error });
  }
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
