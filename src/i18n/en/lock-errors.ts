// Lock files (src/lock): what a person reads when a lock cannot be made, used or cleared. Who holds
// a lock is said by its user (the gateway's state lock, a batch's run lock), in its own words.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  noKernelLock: (p: { platform: string; reason: string }) =>
    `file locks: the kernel lock (fs-native-extensions) has no build for ${p.platform} (${p.reason}): using lock files judged by their holder's process id instead`,
  notYoursOtherUid: (p: { path: string; uid: number }) => `the lock ${p.path} is not a file of yours (it belongs to uid ${p.uid}): refusing to use it`,
  notYoursNotFile: (p: { path: string }) => `the lock ${p.path} is not a file of yours (not a regular file): refusing to use it`,
  notYoursHint: (p: { path: string }) => `remove ${p.path} if no alipay-card command of yours is running`,
  symlink: (p: { path: string }) => `the lock ${p.path} is a symbolic link: refusing to follow it`,
  symlinkHint: (p: { path: string }) => `remove ${p.path}; a lock file is never a link`,
  noDirectory: (p: { dir: string }) => `cannot write in ${p.dir}: no such directory`,
  cannotCreate: (p: { path: string; reason: string }) => `cannot create the lock ${p.path}: ${p.reason}`,
  cannotRemoveStale: (p: { path: string; reason: string }) => `cannot remove the stale lock ${p.path}: ${p.reason}`,
  /** `hint`: what the lock's user says to do when its lock cannot be made. */
  cannotRemoveStaleHint: (p: { lockPath: string; hint: string }) => `remove it by hand if no process holds ${p.lockPath}; ${p.hint}`,
} satisfies Entries);

export type LockErrorsEntries = ReturnType<typeof entries>;
export const lockErrorsText = messages('lock-errors', entries);
