/**
 * The keys a profile may hold and the rules between them (DESIGN section 2): plain data and checks
 * that the valibot schema (schema.ts) and its users share.
 */
import { configLoadText } from '../i18n/en/config-load.js';
import { problem, type Problem } from './problems.js';

/** Every key a profile may hold (DESIGN section 2), in the order `config show` and the docs list them. */
export const PROFILE_KEYS = [
  'appId',
  'gateway',
  'signType',
  'charset',
  'privateKey',
  'privateKeyFile',
  'alipayPublicKey',
  'alipayPublicKeyFile',
  'appCertFile',
  'alipayCertFile',
  'alipayRootCertFile',
  'encryptKey',
  'encryptKeyFile',
  'appAuthToken',
  'timeoutMs',
] as const;

export type ProfileKey = (typeof PROFILE_KEYS)[number];

export const CERT_KEYS = ['appCertFile', 'alipayCertFile', 'alipayRootCertFile'] as const;

/** Keys whose value is a secret: a rejected value is described by its length, never shown. */
export const SECRET_KEYS: ReadonlySet<string> = new Set<ProfileKey>(['privateKey', 'encryptKey', 'appAuthToken']);

const AES_128_KEY = /^[A-Za-z0-9+/]{22}==$/;

/** What the console shows as the AES key: base64 of 16 bytes, i.e. 24 characters ending '=='. */
export function isAesKey(value: string): boolean {
  return AES_128_KEY.test(value.trim());
}

const EXCLUSIVE_PAIRS: ReadonlyArray<readonly [ProfileKey, ProfileKey]> = [
  ['privateKey', 'privateKeyFile'],
  ['alipayPublicKey', 'alipayPublicKeyFile'],
  ['encryptKey', 'encryptKeyFile'],
];

// Checked on the raw object rather than in a valibot pipe: valibot skips pipe checks once any entry
// is invalid, and a user should see a conflict and a typo in the same run.
export function profileRuleProblems(raw: Record<string, unknown>, name: (key: ProfileKey) => string, path: string): Problem[] {
  const has = (key: ProfileKey) => raw[key] !== undefined;
  const problems: Problem[] = [];
  for (const [a, b] of EXCLUSIVE_PAIRS) {
    if (has(a) && has(b)) problems.push(problem(path, configLoadText.bothSet({ a: name(a), b: name(b) })));
  }
  const certs = CERT_KEYS.filter(has);
  if (certs.length > 0 && certs.length < CERT_KEYS.length) {
    const missing = CERT_KEYS.filter((key) => !has(key));
    problems.push(problem(path, configLoadText.certModeIncomplete({ missing })));
  }
  if (certs.length > 0) {
    for (const key of ['alipayPublicKey', 'alipayPublicKeyFile'] as const) {
      if (has(key)) {
        problems.push(problem(path, configLoadText.certModeWithAlipayKey({ key: name(key), certs })));
      }
    }
  }
  return problems;
}

