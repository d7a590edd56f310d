import type { ProfileKey } from './profile-keys.js';
import { validateProfile, type ProfileSettings, type Validated } from './schema.js';

/** The profile settings the environment can override (DESIGN section 2) and their variables. */
export const ENV_VARS = {
  appId: 'ALIPAY_APP_ID',
  gateway: 'ALIPAY_GATEWAY',
  signType: 'ALIPAY_SIGN_TYPE',
  charset: 'ALIPAY_CHARSET',
  privateKey: 'ALIPAY_PRIVATE_KEY',
  privateKeyFile: 'ALIPAY_PRIVATE_KEY_FILE',
  alipayPublicKey: 'ALIPAY_PUBLIC_KEY',
  alipayPublicKeyFile: 'ALIPAY_PUBLIC_KEY_FILE',
  encryptKey: 'ALIPAY_ENCRYPT_KEY',
} as const satisfies Partial<Record<ProfileKey, string>>;

export type EnvKey = keyof typeof ENV_VARS;

export const PROFILE_ENV_VAR = 'ALIPAY_CARD_PROFILE';

/** A variable set to the empty string counts as unset, as shells and CI systems commonly write "unset". */
export function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * The environment's overrides, checked with the same schema as a config file; each problem is
 * named by its variable, e.g. `ALIPAY_SIGN_TYPE: expected "RSA2" or "RSA", got "RSA3"`.
 */
export function readEnvProfile(env: Record<string, string | undefined>): Validated<ProfileSettings> {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_VARS)) {
    const value = envValue(env, name);
    // Values are trimmed: a trailing newline from `$(cat file)` is not part of an app ID or a path.
    if (value !== undefined) raw[key] = key === 'privateKey' || key === 'alipayPublicKey' ? value : value.trim();
  }
  return validateProfile(raw, (key) => ENV_VARS[key as EnvKey] ?? key);
}
