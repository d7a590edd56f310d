import { GATEWAY_NAMES } from '../../config/gateways.js';
import { PROFILE_KEYS, SECRET_KEYS } from '../../config/profile-keys.js';
import { LANGUAGES } from '../../i18n/text.js';
import type { HintValues } from '../completion-hints.js';

// What `config set` takes beside the profile keys: the file's own `lang`.
const TOP_LEVEL_SETTINGS = ['lang'];

// The settings whose values are a fixed set (as the schema checks them).
const SETTING_VALUES: Readonly<Record<string, readonly string[]>> = {
  signType: ['RSA2', 'RSA'],
  charset: ['utf-8', 'gbk', 'gb2312'],
  gateway: GATEWAY_NAMES,
  lang: LANGUAGES,
};

/** `config set <TAB>`: every setting it writes; not the secrets, which it refuses as values. */
export function settingNames(): string[] {
  return [...PROFILE_KEYS.filter((key) => !SECRET_KEYS.has(key)), ...TOP_LEVEL_SETTINGS];
}

/** `config set <key> <TAB>`: file names for a file setting (privateKeyFile, ...), a fixed set's values. */
export function settingValues(key: string | undefined): HintValues {
  if (key !== undefined && key.endsWith('File') && (PROFILE_KEYS as readonly string[]).includes(key)) return { candidates: [], files: true };
  return key !== undefined && Object.hasOwn(SETTING_VALUES, key) ? SETTING_VALUES[key]! : [];
}
