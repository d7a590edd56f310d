import { closeSync, constants, openSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import { loadNativeLocks, type NativeLocks } from '../lock/native-locks.js';

/**
 * The state file itself, kernel-locked while it is this gateway's. `<state>.lock` is one lock per
 * path; a hard link is the same file under another path, and a gateway started on it would take
 * the same cards as its own (as src/batch/run-lock.ts locks a batch's input by the file as well as
 * by its path). A lock on the file is a lock on its inode, shared by all its names. Each write of
 * the state replaces the file by a new one, so the hold moves to the new file before it takes the
 * old one's place: a link made at any time names the file held. Where the kernel lock does not
 * load (said once by the path lock), or on Windows (where it would stop others reading the
 * file), only the path lock holds.
 */
export interface StateFileHold {
  /** Holds `temp` too, before it replaces the state file; then told whether it did (the old one is let go) or not (the new one is). */
  handOver(temp: string): (replaced: boolean) => void;
  release(): void;
}

/** Holds the state file there now, if any; UsageError (exit 2) if a gateway holds it under another name. */
export function holdStateFile(statePath: string): StateFileHold {
  const native = loadNativeLocks();
  const locks = native.ok && process.platform !== 'win32' ? native.locks : undefined;
  const first = locks && openLocked(locks, statePath);
  if (first === null) {
    throw new UsageError(gatewayLocalText.stateInUseUnderAnotherName({ statePath }), { hint: gatewayLocalText.stateInUseUnderAnotherNameHint() });
  }
  let fd = first;
  return {
    handOver: (temp) => {
      // A new file, named by no one else yet: nobody else can hold it.
      const next = (locks && openLocked(locks, temp)) ?? undefined;
      return (replaced) => {
        const done = replaced ? fd : next;
        if (replaced) fd = next;
        if (done !== undefined) closeSync(done);
      };
    },
    release: () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** The file open and locked; null if another open file holds its lock; undefined if there is none to hold (not there, not ours to open: reported where it is read). */
function openLocked(locks: NativeLocks, path: string): number | null | undefined {
  let fd: number;
  try {
    // Read-write: the lock is an exclusive one (a write lock needs a file open for writing).
    fd = openSync(path, constants.O_RDWR | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  if (locks.tryLock(fd)) return fd;
  closeSync(fd);
  return null;
}
