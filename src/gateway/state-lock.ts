import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import type { Text } from '../i18n/text.js';
import { takeFileLock, type FileLock, type LockHolder } from '../lock/file-lock.js';

export interface LockWait {
  /** How long to wait for another process to let go of the state file; 0 refuses at once. */
  timeoutMs: number;
  /** Told once, when the wait has lasted a second, who is being waited for. */
  onWait?: (holderPid: number) => void;
  /** Told once per process that the kernel lock cannot load here (file-lock.ts). */
  warn?: (message: Text | string) => void;
  /** False for the in-process gateway, whose state file no flag chooses: its hint names no other one. */
  stateChoosable?: boolean;
}

/**
 * One process owns a state file at a time: each keeps the state in memory and writes it whole, so
 * two on one file would each overwrite the other's cards. The lock is `<state>.lock`, held open
 * for the gateway's lifetime (src/lock/file-lock.ts); a second gateway in this process waits for
 * the first as another process would (tests and library users can start two).
 */
export async function lockStateFile(statePath: string, wait: LockWait = { timeoutMs: 0 }): Promise<FileLock> {
  const lockPath = `${statePath}.lock`;
  // A directory that cannot be made (a file in the path) is reported by the lock, naming the path and why.
  await mkdir(dirname(lockPath), { recursive: true }).catch(() => undefined);
  return takeFileLock(lockPath, {
    timeoutMs: wait.timeoutMs,
    onWait: wait.onWait,
    warn: wait.warn,
    busy: (holder, waitedMs) => busy(statePath, lockPath, holder, waitedMs, wait.stateChoosable ?? true),
    hint: gatewayLocalText.stateLockHint(),
  });
}

function busy(statePath: string, lockPath: string, { pid, legacy }: LockHolder, waitedMs: number, choosable: boolean): UsageError {
  // Seconds waited, said from one on; 0 says nothing.
  const waited = waitedMs >= 1000 ? Math.round(waitedMs / 1000) : 0;
  if (legacy && pid !== undefined) {
    // An older alipay-card's gateway (a pid lock, no kernel lock to ask): held while that pid lives.
    return new UsageError(gatewayLocalText.stateInUseLegacy({ statePath, pid, waited }), {
      hint: gatewayLocalText.stateInUseLegacyHint({ pid, lockPath }),
    });
  }
  return new UsageError(pid === undefined ? gatewayLocalText.stateInUse({ statePath, waited }) : gatewayLocalText.stateInUseByPid({ statePath, pid, waited }), {
    hint: choosable ? gatewayLocalText.stateInUseHint() : gatewayLocalText.inProcessStateInUseHint(),
  });
}
