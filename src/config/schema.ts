import * as v from 'valibot';
import { normalizeCharset } from '../protocol/index.js';
import { GATEWAY_NAMES, isGateway } from './gateways.js';
import { describeInput, didYouMean, formatPath, type Problem } from './problems.js';
import { isAesKey, PROFILE_KEYS, profileRuleProblems, type ProfileKey } from './profile-keys.js';
import { MAX_TIMEOUT_MS } from './timeouts.js';

type Message = (issue: v.BaseIssue<unknown>) => string;

const expected = (what: string, secret = false): Message => (issue) => `expected ${what}, got ${describeInput(issue.input, secret)}`;

/** `expected "RSA2" or "RSA", got "rsa2"; did you mean "RSA2"?` */
const oneOf = (choices: readonly string[], extra?: string): Message => (issue) => {
  const listed = [...choices.map((c) => JSON.stringify(c)), ...(extra ? [extra] : [])];
  const what = listed.length === 1 ? listed[0]! : `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)!}`;
  const suggestion = typeof issue.input === 'string' ? didYouMean(issue.input, choices) : undefined;
  return `expected ${what}, got ${describeInput(issue.input)}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
};

const appIdMessage: Message = (issue) =>
  typeof issue.input === 'number'
    ? `expected a string of digits, got number ${issue.input}: quote it ("${issue.input}"), a JSON number loses digits`
    : `expected a string of digits (the 16-digit app ID), got ${describeInput(issue.input)}`;

/** Unknown keys get a did-you-mean; a missing required key says so; anything else is a type error. */
const objectMessage = (what: string, keys: readonly string[]): Message => (issue) => {
  const { expected: wanted, received } = issue as v.BaseIssue<unknown> & { expected: string | null; received: string };
  if (wanted === 'never') {
    const suggestion = didYouMean(String(issue.input), keys);
    return `unknown key${suggestion ? `; did you mean "${suggestion}"?` : ` (known keys: ${keys.join(', ')})`}`;
  }
  if (received === 'undefined' && wanted !== null && wanted.startsWith('"')) return 'required but missing';
  return `expected ${what}, got ${describeInput(issue.input)}`;
};

const nonEmptyString = (message: Message) => v.pipe(v.string(message), v.nonEmpty(message));

const filePath = nonEmptyString(expected('a file path'));

const charsetMessage = oneOf(['utf-8', 'gbk', 'gb2312']);
const gatewayMessage = oneOf(GATEWAY_NAMES, 'an http(s) URL');
const timeoutMessage = expected(`a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (10 minutes)`);
const encryptKeyMessage = expected('a base64 AES-128 key (24 characters ending "==")', true);

// valibot's object and record schemas take an array for an object; a YAML list where a map belongs
// should be reported, not read as an empty profile.
const notArray = <TSchema extends v.GenericSchema>(schema: TSchema, message: Message) =>
  v.pipe(v.custom<unknown>((input) => !Array.isArray(input), message), schema);

export const ProfileSchema = notArray(v.strictObject(
  {
    appId: v.optional(v.pipe(v.string(appIdMessage), v.regex(/^\d+$/, appIdMessage))),
    gateway: v.optional(v.pipe(v.string(gatewayMessage), v.check(isGateway, gatewayMessage))),
    signType: v.optional(v.picklist(['RSA2', 'RSA'], oneOf(['RSA2', 'RSA']))),
    // Case-insensitive on input ('UTF-8', 'GBK'), normalised to what the `charset` param carries.
    charset: v.optional(
      v.pipe(
        v.string(charsetMessage),
        v.check((value) => normalizeCharset(value) !== undefined, charsetMessage),
        v.transform((value) => normalizeCharset(value)!),
      ),
    ),
    privateKey: v.optional(nonEmptyString(expected('the private key text (PEM or bare base64)', true))),
    privateKeyFile: v.optional(filePath),
    alipayPublicKey: v.optional(nonEmptyString(expected('the Alipay public key text (PEM or bare base64)'))),
    alipayPublicKeyFile: v.optional(filePath),
    appCertFile: v.optional(filePath),
    alipayCertFile: v.optional(filePath),
    alipayRootCertFile: v.optional(filePath),
    encryptKey: v.optional(v.pipe(v.string(encryptKeyMessage), v.check(isAesKey, encryptKeyMessage))),
    encryptKeyFile: v.optional(filePath),
    appAuthToken: v.optional(nonEmptyString(expected('the app auth token (a non-empty string)', true))),
    timeoutMs: v.optional(v.pipe(v.number(timeoutMessage), v.integer(timeoutMessage), v.minValue(1, timeoutMessage), v.maxValue(MAX_TIMEOUT_MS, timeoutMessage))),
  },
  objectMessage('a profile (an object of settings)', PROFILE_KEYS),
), expected('a profile (an object of settings)'));

// valibot's record leaves out these keys (and assigning "__proto__" to an object sets its
// prototype): a profile so named vanished, and a file whose defaultProfile named it was said to
// define no profiles.
const RESERVED_PROFILE_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

const FILE_SHAPE = 'an object with "profiles" (and optionally "defaultProfile")';
const PROFILES_SHAPE = 'an object of profiles by name';

export const ConfigFileSchema = notArray(
  v.strictObject(
    {
      defaultProfile: v.optional(nonEmptyString(expected('a profile name'))),
      profiles: notArray(v.record(nonEmptyString(expected('a non-empty profile name')), ProfileSchema, expected(PROFILES_SHAPE)), expected(PROFILES_SHAPE)),
    },
    objectMessage(FILE_SHAPE, ['defaultProfile', 'profiles']),
  ),
  expected(FILE_SHAPE),
);

export type ProfileSettings = v.InferOutput<typeof ProfileSchema>;
export type ConfigFileContent = v.InferOutput<typeof ConfigFileSchema>;

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Validates a whole config file: every problem, each with its path, sorted so a profile's problems sit together. */
export function validateConfigFile(raw: unknown): Validated<ConfigFileContent> {
  const result = v.safeParse(ConfigFileSchema, raw);
  const problems = issuesToProblems(result.issues ?? [], (segments) => formatPath(segments));
  if (isPlainObject(raw) && isPlainObject(raw.profiles)) {
    const profiles = raw.profiles;
    for (const name of RESERVED_PROFILE_NAMES.filter((n) => Object.hasOwn(profiles, n))) {
      problems.push({ path: formatPath(['profiles', name]), message: `"${name}" cannot be a profile name (JavaScript reserves it); rename the profile` });
    }
    for (const [name, profile] of Object.entries(profiles)) {
      if (isPlainObject(profile)) problems.push(...profileRuleProblems(profile, (key) => key, formatPath(['profiles', name])));
    }
    const chosen = raw.defaultProfile;
    if (typeof chosen === 'string' && chosen !== '' && !Object.hasOwn(profiles, chosen)) {
      const names = Object.keys(profiles);
      const suggestion = didYouMean(chosen, names);
      problems.push({
        path: 'defaultProfile',
        message: `"${chosen}" is not a profile in this file (profiles: ${names.join(', ') || 'none'})${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      });
    }
  }
  if (result.success && problems.length === 0) return { ok: true, value: result.output };
  return { ok: false, problems: stableSortByPath(problems) };
}

/** Validates one profile's worth of settings; `name` says how a key is called where it came from (an env var). */
export function validateProfile(raw: Record<string, unknown>, name: (key: ProfileKey) => string): Validated<ProfileSettings> {
  const result = v.safeParse(ProfileSchema, raw);
  const problems = issuesToProblems(result.issues ?? [], (segments) => {
    const [first, ...rest] = segments;
    return formatPath([name(first as ProfileKey), ...rest]);
  });
  problems.push(...profileRuleProblems(raw, name, ''));
  if (result.success && problems.length === 0) return { ok: true, value: result.output };
  return { ok: false, problems };
}

function issuesToProblems(issues: readonly v.BaseIssue<unknown>[], path: (segments: PropertyKey[]) => string): Problem[] {
  return issues.map((issue) => ({
    path: path((issue.path ?? []).map((item) => item.key as PropertyKey)),
    message: issue.message,
  }));
}

function stableSortByPath(problems: Problem[]): Problem[] {
  return problems.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => (a.path < b.path ? -1 : a.path > b.path ? 1 : i - j)).map(([p]) => p);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
