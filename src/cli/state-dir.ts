import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { nearestExisting } from '../config/nearest-existing.js';
import { osReasonText } from '../config/secret-file.js';
import { UsageError } from '../errors.js';
import { gatewayCliText } from '../i18n/en/gateway-cli.js';

/**
 * Makes a folder of the user's state directory (`$XDG_STATE_HOME/alipay-card`) if it is not there,
 * and checks that it can be written in: the local app's key, the demo's template and the
 * in-process gateway's state are kept there. A home that cannot be written (a read-only file
 * system, another user's home) is the environment's to fix, not a bug: exit 2 naming the folder
 * and why, as the batch lock directory (src/batch/run-lock.ts).
 */
export function makeStateDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir of a folder that is there already says nothing of whether it can be written in.
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw cannotWriteStateDir(dir, whyNot(dir, err));
  }
  return dir;
}

/**
 * A recursive mkdir says ENOENT when a folder on the way cannot be made (a read-only file system,
 * a home of another user): the nearest folder that is there says why (EROFS, EACCES).
 */
function whyNot(dir: string, err: unknown): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return err;
  try {
    accessSync(nearestExisting(dirname(dir)).path, constants.W_OK);
  } catch (reason) {
    return reason;
  }
  return err;
}

/** A file that could not be written in the state directory `dir`. */
export function cannotWriteStateDir(dir: string, err: unknown): UsageError {
  return new UsageError(gatewayCliText.stateDirUnwritable({ dir, reason: osReasonText(err) }), { hint: gatewayCliText.stateDirUnwritableHint(), cause: err });
}
