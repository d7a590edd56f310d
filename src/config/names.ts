/**
 * What the config commands create, one rule for `config init` and `config set` (set took
 * `appId 123` and `-p "bad name/x"`, which init refused): an app ID as Alipay gives one, and a
 * profile name that is typed after -p and printed in commands unquoted. A config written by hand is
 * read as before (any digits, any name): these hold only what a command writes.
 */
import { configLoadText } from '../i18n/en/config-load.js';
import type { Text } from '../i18n/text.js';

/** Why `value` is no app ID (16 digits, 2021000000000000), or undefined. */
export function appIdProblem(value: string): Text | undefined {
  return /^\d{16}$/.test(value) ? undefined : configLoadText.appIdRule();
}

/** Why `name` cannot be a new profile's (letters, digits, . _ -), or undefined; one of `profiles` already is as it is. */
export function profileNameProblem(name: string, profiles: Record<string, unknown>): Text | undefined {
  return Object.hasOwn(profiles, name) || /^[\w.-]+$/.test(name) ? undefined : configLoadText.profileNameRule();
}
