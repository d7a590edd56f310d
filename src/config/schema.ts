import * as v from 'valibot';
import { commonText } from '../i18n/en/common.js';
import { configLoadText } from '../i18n/en/config-load.js';
import { parseLanguage } from '../i18n/language.js';
import { english, type Language, type Text } from '../i18n/text.js';
import { normalizeCharset } from '../protocol/index.js';
import { GATEWAY_NAMES, isGateway } from './gateways.js';
import { describeInput, didYouMean, formatPath, problem, type Problem } from './problems.js';
import { isAesKey, profileRuleProblems, type ProfileKey } from './profile-keys.js';
import { MAX_TIMEOUT_MS } from './timeouts.js';

type Message = (issue: v.BaseIssue<unknown>) => string;

/**
 * valibot carries an issue's message as a string: its English. The message as data is kept beside
 * the issue it was made for, and issuesToProblems puts it back on the problem.
 */
const issueTexts = new WeakMap<object, Text>();

const say = (make: (issue: v.BaseIssue<unknown>) => Text): Message => (issue) => {
  const text = make(issue);
  issueTexts.set(issue, text);
  return english(text);
};

const expected = (what: Text | string, secret = false): Message => say((issue) => configLoadText.expected({ what, got: describeInput(issue.input, secret) }));

/** `expected "RSA2" or "RSA", got "rsa2"; did you mean "RSA2"?` */
const oneOf = (choices: readonly string[], extra?: Text): Message => say((issue) => {
  const what = commonText.either({ items: [...choices.map((c) => JSON.stringify(c)), ...(extra ? [extra] : [])] });
  const suggestion = typeof issue.input === 'string' ? didYouMean(issue.input, choices) : undefined;
  const got = describeInput(issue.input);
  return suggestion ? configLoadText.expectedDidYouMean({ what, got, suggestion }) : configLoadText.expected({ what, got });
});

const appIdMessage: Message = say((issue) =>
  typeof issue.input === 'number'
    ? configLoadText.appIdNumber({ value: String(issue.input) })
    : configLoadText.appIdDigits({ got: describeInput(issue.input) }));

/**
 * A missing required key says so; anything else is a type error, the value shown by its kind and
 * length only (a key file given as the config is one string).
 */
const objectMessage = (what: Text): Message => say((issue) => {
  const { expected: wanted, received } = issue as v.BaseIssue<unknown> & { expected: string | null; received: string };
  if (received === 'undefined' && wanted !== null && wanted.startsWith('"')) return configLoadText.requiredMissing();
  return configLoadText.expected({ what, got: describeInput(issue.input, true) });
});

/**
 * An unknown key's text, made once its path (the key) is known: valibot makes the issue first, with
 * the key's value as its input — never shown, it may be a secret.
 */
const unknownKeyTexts = new WeakMap<object, (key: string) => Text>();

/**
 * Every key of an object beyond `entries` is a problem, each with a did-you-mean: valibot's
 * strictObject reports the first one only ({"appid","gatway","sign_type"} said appid alone).
 */
const knownKeysOnly = <TEntries extends v.ObjectEntries>(entries: TEntries, message: Message) => {
  const keys = Object.keys(entries);
  const unknownKey = (issue: v.BaseIssue<unknown>) => {
    unknownKeyTexts.set(issue, (key) => {
      const suggestion = didYouMean(key, keys);
      return suggestion ? configLoadText.unknownKeyDidYouMean({ suggestion }) : configLoadText.unknownKey({ keys });
    });
    return english(configLoadText.unknownKey({ keys }));
  };
  return v.objectWithRest(entries, v.never(unknownKey), message);
};

const nonEmptyString = (message: Message) => v.pipe(v.string(message), v.nonEmpty(message));

const filePath = nonEmptyString(expected(configLoadText.aFilePath()));

const charsetMessage = oneOf(['utf-8', 'gbk', 'gb2312']);
const gatewayMessage = oneOf(GATEWAY_NAMES, configLoadText.anHttpUrl());
const timeoutMessage = expected(configLoadText.timeoutRange({ max: MAX_TIMEOUT_MS }));
const encryptKeyMessage = expected(configLoadText.aesKeyValue(), true);
const langMessage: Message = say((issue) => configLoadText.langValue({ got: describeInput(issue.input) }));

// valibot's object and record schemas take an array for an object; a YAML list where a map belongs
// should be reported, not read as an empty profile.
const notArray = <TSchema extends v.GenericSchema>(schema: TSchema, message: Message) =>
  v.pipe(v.custom<unknown>((input) => !Array.isArray(input), message), schema);

export const ProfileSchema = notArray(knownKeysOnly(
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
    privateKey: v.optional(nonEmptyString(expected(configLoadText.privateKeyText(), true))),
    privateKeyFile: v.optional(filePath),
    alipayPublicKey: v.optional(nonEmptyString(expected(configLoadText.alipayPublicKeyText()))),
    alipayPublicKeyFile: v.optional(filePath),
    appCertFile: v.optional(filePath),
    alipayCertFile: v.optional(filePath),
    alipayRootCertFile: v.optional(filePath),
    encryptKey: v.optional(v.pipe(v.string(encryptKeyMessage), v.check(isAesKey, encryptKeyMessage))),
    encryptKeyFile: v.optional(filePath),
    appAuthToken: v.optional(nonEmptyString(expected(configLoadText.appAuthTokenText(), true))),
    timeoutMs: v.optional(v.pipe(v.number(timeoutMessage), v.integer(timeoutMessage), v.minValue(1, timeoutMessage), v.maxValue(MAX_TIMEOUT_MS, timeoutMessage))),
  },
  objectMessage(configLoadText.aProfile()),
), expected(configLoadText.aProfile(), true));

// valibot's record leaves out these keys (and assigning "__proto__" to an object sets its
// prototype): a profile so named vanished, and a file whose defaultProfile named it was said to
// define no profiles.
const RESERVED_PROFILE_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

const FILE_SHAPE = configLoadText.fileShape();
const PROFILES_SHAPE = configLoadText.profilesShape();

export const ConfigFileSchema = notArray(
  knownKeysOnly(
    {
      defaultProfile: v.optional(nonEmptyString(expected(configLoadText.aProfileName()))),
      profiles: notArray(v.record(nonEmptyString(expected(configLoadText.aNonEmptyProfileName())), ProfileSchema, expected(PROFILES_SHAPE, true)), expected(PROFILES_SHAPE, true)),
      // The language of messages (src/cli/language.ts reads it before the command line is parsed):
      // en or zh-CN, taken as --lang takes them (zh, zh_CN, any case), kept as the language it names.
      lang: v.optional(
        v.pipe(
          v.string(langMessage),
          v.check((value) => parseLanguage(value) !== undefined, langMessage),
          v.transform((value): Language => parseLanguage(value)!),
        ),
      ),
    },
    objectMessage(FILE_SHAPE),
  ),
  expected(FILE_SHAPE, true),
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
      problems.push(problem(formatPath(['profiles', name]), configLoadText.reservedProfileName({ name })));
    }
    for (const [name, profile] of Object.entries(profiles)) {
      if (isPlainObject(profile)) problems.push(...profileRuleProblems(profile, (key) => key, formatPath(['profiles', name])));
    }
    const chosen = raw.defaultProfile;
    if (typeof chosen === 'string' && chosen !== '' && !Object.hasOwn(profiles, chosen)) {
      const names = Object.keys(profiles);
      const suggestion = didYouMean(chosen, names);
      problems.push(problem('defaultProfile', configLoadText.defaultProfileMissing({ name: chosen, profiles: names, suggestion: suggestion ?? '' })));
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
  return issues.map((issue) => {
    const segments = (issue.path ?? []).map((item) => item.key as PropertyKey);
    const where = path(segments);
    const text = issueTexts.get(issue) ?? unknownKeyTexts.get(issue)?.(String(segments.at(-1)));
    return text === undefined ? { path: where, message: issue.message } : problem(where, text);
  });
}

function stableSortByPath(problems: Problem[]): Problem[] {
  return problems.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => (a.path < b.path ? -1 : a.path > b.path ? 1 : i - j)).map(([p]) => p);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
