import * as v from 'valibot';
import { normalizeCharset } from '../protocol/index.js';
import { GATEWAY_NAMES, isGateway } from './gateways.js';
import { describeInput, didYouMean, formatPath, type Problem } from './problems.js';

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

const AES_128_KEY = /^[A-Za-z0-9+/]{22}==$/;

/** What the console shows as the AES key: base64 of 16 bytes, i.e. 24 characters ending '=='. */
export function isAesKey(value: string): boolean {
  return AES_128_KEY.test(value.trim());
}

const charsetMessage = oneOf(['utf-8', 'gbk', 'gb2312']);
const gatewayMessage = oneOf(GATEWAY_NAMES, 'an http(s) URL');
const timeoutMessage = expected('a positive integer (milliseconds)');
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
    timeoutMs: v.optional(v.pipe(v.number(timeoutMessage), v.integer(timeoutMessage), v.minValue(1, timeoutMessage))),
  },
  objectMessage('a profile (an object of settings)', PROFILE_KEYS),
), expected('a profile (an object of settings)'));

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

const EXCLUSIVE_PAIRS: ReadonlyArray<readonly [ProfileKey, ProfileKey]> = [
  ['privateKey', 'privateKeyFile'],
  ['alipayPublicKey', 'alipayPublicKeyFile'],
  ['encryptKey', 'encryptKeyFile'],
];

// Checked on the raw object rather than in a valibot pipe: valibot skips pipe checks once any entry
// is invalid, and a user should see a conflict and a typo in the same run.
function profileRuleProblems(raw: Record<string, unknown>, name: (key: ProfileKey) => string, path: string): Problem[] {
  const has = (key: ProfileKey) => raw[key] !== undefined;
  const problems: Problem[] = [];
  for (const [a, b] of EXCLUSIVE_PAIRS) {
    if (has(a) && has(b)) problems.push({ path, message: `${name(a)} and ${name(b)} are both set; keep one` });
  }
  const certs = CERT_KEYS.filter(has);
  if (certs.length > 0 && certs.length < CERT_KEYS.length) {
    const missing = CERT_KEYS.filter((key) => !has(key));
    problems.push({ path, message: `certificate mode needs appCertFile, alipayCertFile and alipayRootCertFile together; missing ${missing.join(', ')}` });
  }
  if (certs.length > 0) {
    for (const key of ['alipayPublicKey', 'alipayPublicKeyFile'] as const) {
      if (has(key)) {
        problems.push({ path, message: `${name(key)} cannot be combined with certificate mode (${certs.join(', ')}): there Alipay's key comes from alipayCertFile` });
      }
    }
  }
  return problems;
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
