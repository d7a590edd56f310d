import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NODE_SECRET_FS, parsePrivateKey, readTextFile } from '../config/index.js';
import { ConfigError } from '../errors.js';
import { configKeysText } from '../i18n/en/config-keys.js';
import { defaultStatePath } from '../gateway/state-path.js';
import type { Context } from './context.js';
import { cannotWriteStateDir, makeStateDir } from './state-dir.js';

/** The app ID the local gateway knows when the profile names none (any 16 digits would do). */
export const LOCAL_APP_ID = '2021000000000000';

/** `$XDG_STATE_HOME/alipay-card` (default `~/.local/state/alipay-card`): state, not config. */
export function stateDir(ctx: Context): string {
  return dirname(defaultStatePath(ctx.env, ctx.homeDir));
}

/** Where the demo keeps the id of the template it made (`{"templateId": "..."}`), to reuse it next run. */
export function demoStateFile(ctx: Context): string {
  return join(stateDir(ctx), 'demo.json');
}

/**
 * The demo's template id, for the in-process gateway to let any app use it (the demo's printed
 * next step, run with a profile's own app). Best effort: the demo itself reports a damaged file.
 */
export function demoTemplateIds(ctx: Context): string[] {
  try {
    const templateId = (JSON.parse(readFileSync(demoStateFile(ctx), 'utf8')) as { templateId?: unknown } | null)?.templateId;
    return typeof templateId === 'string' ? [templateId] : [];
  } catch {
    return [];
  }
}

export interface LocalApp {
  appId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  privateKeyFile: string;
}

/**
 * The key pair of the local app, made once and kept in the state directory (0600), so the demo
 * and `--gateway local` work with no setup and the same app across runs.
 */
export function localApp(ctx: Context): LocalApp {
  const dir = join(stateDir(ctx), 'local-app');
  const privateKeyFile = join(dir, 'app_private_key.pem');
  if (!existsSync(privateKeyFile)) {
    makeStateDir(dir);
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    // Written whole to a temp file, then linked into place: link fails if another process got
    // there first, and then both use that one key. Nobody ever reads half a key.
    const tmp = `${privateKeyFile}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, pem, { mode: 0o600 });
    } catch (err) {
      throw cannotWriteStateDir(dir, err);
    }
    try {
      linkSync(tmp, privateKeyFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
  }
  const privateKey = readLocalKey(privateKeyFile);
  return { appId: LOCAL_APP_ID, privateKey, publicKey: createPublicKey(privateKey), privateKeyFile };
}

/** The local app's key file, damaged or replaced since it was made: exit 3 naming it, and how to start over. */
function readLocalKey(path: string): KeyObject {
  try {
    return parsePrivateKey(readTextFile(path, NODE_SECRET_FS), path, 'file');
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw err.withChange({ hint: configKeysText.localAppKeyHint({ path }) });
  }
}
