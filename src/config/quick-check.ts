/**
 * A fast path for the common case, a config that is valid: these checks accept only what the
 * valibot schema (schema.ts) accepts and give the same value, without loading valibot at start-up
 * (DESIGN section 9). Anything they do not accept — a problem, or merely something unusual — goes
 * to the schema, which lists every problem with its path; so the messages come from one place.
 */
import { normalizeCharset } from '../protocol/index.js';
import { isGateway } from './gateways.js';
import { isAesKey, PROFILE_KEYS, profileRuleProblems, type ProfileKey } from './profile-keys.js';
import type { ConfigFileContent, ProfileSettings, Validated } from './schema.js';

type Check = (value: unknown) => boolean;

const text: Check = (value) => typeof value === 'string';
const nonEmpty: Check = (value) => typeof value === 'string' && value.length > 0;

/** Each key's rule, as in ProfileSchema. */
const RULES: Readonly<Record<ProfileKey, Check>> = {
  appId: (value) => typeof value === 'string' && /^\d+$/.test(value),
  gateway: (value) => text(value) && isGateway(value as string),
  signType: (value) => value === 'RSA2' || value === 'RSA',
  charset: (value) => text(value) && normalizeCharset(value as string) !== undefined,
  privateKey: nonEmpty,
  privateKeyFile: nonEmpty,
  alipayPublicKey: nonEmpty,
  alipayPublicKeyFile: nonEmpty,
  appCertFile: nonEmpty,
  alipayCertFile: nonEmpty,
  alipayRootCertFile: nonEmpty,
  encryptKey: (value) => text(value) && isAesKey(value as string),
  encryptKeyFile: nonEmpty,
  appAuthToken: nonEmpty,
  timeoutMs: (value) => typeof value === 'number' && Number.isInteger(value) && value >= 1,
};

/** Only plain objects and null-prototype ones (JSON, YAML); a JS config's class instance goes to the schema. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The profile as the schema outputs it (keys in schema order, charset normalised), or undefined. */
export function quickCheckProfile(raw: unknown): ProfileSettings | undefined {
  if (!isPlainRecord(raw)) return undefined;
  for (const key of Object.keys(raw)) if (!Object.hasOwn(RULES, key)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of PROFILE_KEYS) {
    if (!Object.hasOwn(raw, key)) continue;
    const value = raw[key];
    if (!RULES[key](value)) return undefined;
    out[key] = key === 'charset' ? normalizeCharset(value as string) : value;
  }
  if (profileRuleProblems(raw, (key) => key, '').length > 0) return undefined;
  return out as ProfileSettings;
}

/** The whole file as validateConfigFile's value when it is valid, else undefined. */
export function quickCheckConfigFile(raw: unknown): ConfigFileContent | undefined {
  if (!isPlainRecord(raw)) return undefined;
  for (const key of Object.keys(raw)) if (key !== 'profiles' && key !== 'defaultProfile') return undefined;
  const { defaultProfile, profiles } = raw;
  if (!isPlainRecord(profiles)) return undefined;
  const out: Record<string, ProfileSettings> = {};
  for (const [name, profile] of Object.entries(profiles)) {
    // valibot's record skips these names (prototype pollution guard): left to the schema.
    if (name === '' || name === '__proto__' || name === 'prototype' || name === 'constructor') return undefined;
    const checked = quickCheckProfile(profile);
    if (checked === undefined) return undefined;
    out[name] = checked;
  }
  if (Object.hasOwn(raw, 'defaultProfile')) {
    if (!nonEmpty(defaultProfile) || !Object.hasOwn(profiles, defaultProfile as string)) return undefined;
    return { defaultProfile: defaultProfile as string, profiles: out };
  }
  return { profiles: out };
}

/** validateConfigFile, loading valibot only for a config the quick check does not pass. */
export async function checkConfigFile(raw: unknown): Promise<Validated<ConfigFileContent>> {
  const value = quickCheckConfigFile(raw);
  if (value !== undefined) return { ok: true, value };
  return (await import('./schema.js')).validateConfigFile(raw);
}

/** validateProfile, loading valibot only for settings the quick check does not pass. */
export async function checkProfile(raw: Record<string, unknown>, name: (key: ProfileKey) => string): Promise<Validated<ProfileSettings>> {
  const value = quickCheckProfile(raw);
  if (value !== undefined) return { ok: true, value };
  return (await import('./schema.js')).validateProfile(raw, name);
}
