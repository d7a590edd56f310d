import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A full disk for real: a tmpfs of `sizeKb`, mounted on a new temporary directory. Mounting one
 * needs root (CI and these machines run as root); the Error says why it could not be.
 */
export function mountTmpfs(sizeKb: number): string | Error {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch (err) {
    return err as Error;
  }
}

/** Why a small tmpfs cannot be mounted here (said once, on stderr, by the suite that skips), or undefined when it can. */
export function tmpfsUnavailable(what: string): string | undefined {
  const probe = process.getuid?.() === 0 ? mountTmpfs(64) : new Error('not running as root');
  if (typeof probe === 'string') {
    execFileSync('umount', [probe]);
    return undefined;
  }
  const reason = `cannot mount a tmpfs (${probe.message.split('\n')[0]})`;
  console.warn(`skipped: ${what} needs a small tmpfs: ${reason}`);
  return reason;
}
