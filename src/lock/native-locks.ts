import { packageRequire } from '../loader/packages.js';

/** fs-native-extensions: an OFD lock (fcntl F_OFD_SETLK) on Linux, flock on macOS, LockFileEx on Windows. */
export interface NativeLocks {
  /** Takes an exclusive lock on the whole file; false if another open file description holds one. */
  tryLock(fd: number): boolean;
}

export type NativeLocksLoad = { ok: true; locks: NativeLocks } | { ok: false; reason: string };

let loaded: NativeLocksLoad | undefined;

/**
 * The addon, loaded once and apart from its use: it ships prebuilt for glibc Linux (x64, arm64),
 * macOS, Windows and Android only. Elsewhere (musl/Alpine, 32-bit ARM, FreeBSD, …) its require
 * throws "Cannot find addon", which is a fact about the platform, not a lock that cannot be made:
 * the caller then uses a portable lock (portable-lock.ts) and says why.
 */
export function loadNativeLocks(): NativeLocksLoad {
  if (loaded) return loaded;
  try {
    const locks = packageRequire(import.meta.url)('fs-native-extensions') as NativeLocks;
    if (typeof locks.tryLock !== 'function') throw new Error('it has no tryLock');
    loaded = { ok: true, locks };
  } catch (err) {
    loaded = { ok: false, reason: `${String((err as Error).message ?? err).split('\n')[0]!.slice(0, 200)}` };
  }
  return loaded;
}

/** `linux-arm (musl)`: the platform as prebuilds are named, for the warning. */
export function platformName(): string {
  let libc = '';
  if (process.platform === 'linux') {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    libc = header?.glibcVersionRuntime ? '' : ' (musl)';
  }
  return `${process.platform}-${process.arch}${libc}`;
}
