import { dirname } from 'node:path';
import { isLoopbackHost } from '../../client/proxy.js';
import { GATEWAY_NAMES, isGatewayName } from '../../config/gateways.js';
import { PROFILE_KEYS, validateConfigFile } from '../../config/index.js';
import { configFileToEdit, readConfigForUpdate, relativeToConfig, writeConfigFile, type ConfigForUpdate, type EditTarget } from '../../config/config-file-edit.js';
import { chooseProfile, withProfile } from '../../config/profile-choice.js';
import { appIdProblem, profileNameProblem } from '../../config/names.js';
import { nearestProfile } from '../../config/load.js';
import { describeInput, didYouMean, problemLine } from '../../config/problems.js';
import { parsePublicKey } from '../../config/keys.js';
import { isFileKey, isOwnKey, ownKeyProblem, profileFileProblem, readPrivateKey } from '../../config/profile-files.js';
import { SECRET_KEYS, type ProfileKey } from '../../config/profile-keys.js';
import { findConfig, resolveUserPath } from '../../config/search.js';
import { ConfigError, UsageError } from '../../errors.js';
import { commonText } from '../../i18n/en/common.js';
import { configCommandsText } from '../../i18n/en/config-commands.js';
import { configLoadText } from '../../i18n/en/config-load.js';
import { parseLanguage } from '../../i18n/language.js';
import { local, type Text } from '../../i18n/text.js';
import { outputFormat, writeLine, type Context } from '../context.js';
import { refuseDryRun } from '../dry-run.js';

/** The partner a key replaces: a profile holds a key inline or from a file, never both. */
const REPLACES: Partial<Record<ProfileKey, ProfileKey>> = {
  privateKeyFile: 'privateKey',
  alipayPublicKeyFile: 'alipayPublicKey',
  alipayPublicKey: 'alipayPublicKeyFile',
  encryptKeyFile: 'encryptKey',
};

const SECRET_INSTEAD: Record<string, () => Text> = {
  privateKey: configCommandsText.setPrivateKeyInstead,
  encryptKey: configCommandsText.setEncryptKeyInstead,
  appAuthToken: configCommandsText.setAppAuthTokenInstead,
};

/** The settings of the file itself rather than of a profile: `lang`, the language of messages. */
const TOP_LEVEL_KEYS = ['lang'] as const;

async function target(ctx: Context): Promise<EditTarget> {
  return configFileToEdit({ cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir, configFile: ctx.globals.config });
}

/**
 * `config set <key> <value>`: one profile setting written into the file the tool reads, as `aws
 * configure set` does. The value is checked as the config loader would check it, and files as
 * `config init` checks them; a secret is never a value (it would show in `ps` and shell history).
 */
export async function runConfigSet(ctx: Context, key: string, value: string): Promise<void> {
  refuseDryRun(ctx, 'config set');
  if (!(PROFILE_KEYS as readonly string[]).includes(key) && key !== 'lang') {
    const near = didYouMean(key, [...PROFILE_KEYS, ...TOP_LEVEL_KEYS]);
    throw new UsageError(configCommandsText.setUnknownKey({ key, near: near ?? '' }), { hint: configCommandsText.setSettingsHint({ keys: [...PROFILE_KEYS, ...TOP_LEVEL_KEYS] }) });
  }
  if (SECRET_KEYS.has(key)) {
    throw new UsageError(configCommandsText.setSecret({ key }), { hint: SECRET_INSTEAD[key]?.() });
  }
  const { path } = await target(ctx);
  const file = readConfigForUpdate(path);
  const before = validateConfigFile(file.raw);
  if (Object.keys(file.raw).length > 0 && !before.ok) {
    throw new ConfigError(configCommandsText.setProblemsAlready({ path, lines: before.problems.map(problemLine) }));
  }
  if (key === 'lang') return setLanguage(ctx, path, file.raw, value);
  const name = profileToEdit(ctx, path, file);
  requireNewProfileName(name, file.profiles);
  const profile: Record<string, unknown> = { ...file.profiles[name] };
  let stored: unknown = value;
  // The profile's app key, to tell Alipay's public key from the app's own.
  const appKey = () => (typeof profile.privateKeyFile === 'string' ? readPrivateKey(resolveUserPath(dirname(path), profile.privateKeyFile, ctx.homeDir)) : undefined);
  if (isFileKey(key)) {
    const absolute = resolveUserPath(ctx.cwd, value, ctx.homeDir);
    const problem = profileFileProblem(key, absolute, appKey());
    if (problem) throw new UsageError(configCommandsText.setKeyProblem({ key, problem }));
    stored = relativeToConfig(path, absolute);
  } else if (key === 'alipayPublicKey') {
    let own: boolean;
    try {
      own = isOwnKey(parsePublicKey(value, 'alipayPublicKey', 'value'), appKey());
    } catch (err) {
      // `alipayPublicKey: expected an RSA public key …`: the key's name starts the message.
      throw new UsageError(configCommandsText.setValueProblem({ problem: err instanceof ConfigError ? err.text : (err as Error).message }));
    }
    if (own) throw new UsageError(configCommandsText.setKeyProblem({ key: 'alipayPublicKey', problem: ownKeyProblem() }));
  } else if (key === 'appId') {
    const problem = appIdProblem(value);
    if (problem) throw new UsageError(configCommandsText.setKeyProblem({ key, problem }));
  } else if (key === 'gateway') {
    const problem = gatewayUrlProblem(value);
    if (problem) throw new UsageError(configCommandsText.setKeyProblem({ key: 'gateway', problem }));
  } else if (key === 'timeoutMs') {
    stored = /^\d+$/.test(value) ? Number(value) : value;
  }
  profile[key] = stored;
  const replaced = REPLACES[key as ProfileKey];
  if (replaced !== undefined && profile[replaced] !== undefined) delete profile[replaced];
  const { content: next, kept } = withProfile(file.raw, file.profiles, name, profile);
  const after = validateConfigFile(next);
  if (!after.ok) throw new UsageError(configCommandsText.setKeyProblem({ key, problem: commonText.clauses({ items: after.problems.map(problemLine) }) }));
  await writeConfigFile(path, next);
  const done = replaced !== undefined && file.profiles[name]?.[replaced] !== undefined
    ? configCommandsText.setDoneReplacing({ key, profile: name, path, replaced })
    : configCommandsText.setDone({ key, profile: name, path });
  writeLine(ctx.stderr, local(done));
  if (kept !== undefined) writeLine(ctx.stderr, local(configCommandsText.keptDefaultProfile({ kept, added: name, path })));
  if (outputFormat(ctx) !== 'table') writeLine(ctx.stdout, JSON.stringify({ configFile: path, profile: name, key, value: stored }));
}

/**
 * The profile `config set` changes: the one commands read (chooseProfile), created when -p or
 * ALIPAY_CARD_PROFILE names a new one. A file with several profiles and no defaultProfile has none
 * in use: which one is meant is asked for rather than a new "default" made, which commands would
 * then read.
 */
function profileToEdit(ctx: Context, path: string, file: ConfigForUpdate): string {
  const { name, source } = chooseProfile({ profile: ctx.globals.profile, env: ctx.env }, { defaultProfile: file.raw.defaultProfile, profiles: file.profiles }, path);
  const names = Object.keys(file.profiles);
  if (source === 'default' && names.length > 0 && !Object.hasOwn(file.profiles, name)) {
    throw new UsageError(configCommandsText.setWhichProfile({ path, names }), { hint: configCommandsText.setWhichProfileHint({ name: names[0]! }) });
  }
  return name;
}

/** A profile a command would create is named by the rule init and set share (names.ts); one that exists is as it is. */
export function requireNewProfileName(name: string, profiles: Record<string, unknown>): void {
  const problem = profileNameProblem(name, profiles);
  if (problem) throw new UsageError(configCommandsText.newProfileNameRefused({ name, rule: problem }));
}

/**
 * `config set lang <language>`: the language of messages, at the top level of the file (as `config
 * use` writes defaultProfile), stored as the language it names (zh_CN → zh-CN). A file that has no
 * profiles yet gets an empty `profiles`, which the schema asks for.
 */
async function setLanguage(ctx: Context, path: string, raw: Record<string, unknown>, value: string): Promise<void> {
  const lang = parseLanguage(value);
  if (lang === undefined) throw new UsageError(configCommandsText.setKeyProblem({ key: 'lang', problem: configLoadText.langValue({ got: describeInput(value) }) }));
  await writeConfigFile(path, { ...raw, lang, profiles: raw.profiles ?? {} });
  writeLine(ctx.stderr, local(configCommandsText.setLangDone({ value: lang, path })));
  if (outputFormat(ctx) !== 'table') writeLine(ctx.stdout, JSON.stringify({ configFile: path, key: 'lang', value: lang }));
}

/** `config use <profile>`: the profile commands use when no -p or ALIPAY_CARD_PROFILE says otherwise. */
export async function runConfigUse(ctx: Context, name: string): Promise<void> {
  refuseDryRun(ctx, 'config use');
  const { path } = await target(ctx);
  const file = readConfigForUpdate(path);
  const names = Object.keys(file.profiles);
  if (!Object.hasOwn(file.profiles, name)) {
    const near = nearestProfile(name, names);
    throw new UsageError(configCommandsText.useNoProfile({ name, path, near: near ?? '' }), {
      hint: names.length > 0 ? configCommandsText.useProfilesHint({ names }) : configCommandsText.useCreateHint({ name }),
    });
  }
  await writeConfigFile(path, { ...file.raw, defaultProfile: name });
  writeLine(ctx.stderr, local(configCommandsText.useDone({ name, path })));
  if (outputFormat(ctx) !== 'table') writeLine(ctx.stdout, JSON.stringify({ configFile: path, defaultProfile: name }));
}

/** `config profiles`: the profiles of the config the tool reads, the default one marked. */
export async function runConfigProfiles(ctx: Context): Promise<void> {
  const found = await findConfig({ cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir, configFile: ctx.globals.config });
  const content = (found?.content ?? {}) as { defaultProfile?: unknown; profiles?: Record<string, Record<string, unknown>> };
  const profiles = content.profiles !== null && typeof content.profiles === 'object' ? content.profiles : {};
  // The profile commands use without -p or ALIPAY_CARD_PROFILE.
  const defaultProfile = chooseProfile({ env: {} }, { defaultProfile: content.defaultProfile, profiles }, found?.path).name;
  const rows = Object.entries(profiles).map(([name, p]) => ({ name, default: name === defaultProfile, appId: p?.appId ?? null, gateway: p?.gateway ?? null }));
  if (outputFormat(ctx) !== 'table') {
    writeLine(ctx.stdout, JSON.stringify({ configFile: found?.path ?? null, defaultProfile: rows.some((r) => r.default) ? defaultProfile : null, profiles: rows }));
    return;
  }
  if (!found) {
    writeLine(ctx.stderr, local(configCommandsText.profilesNoConfig()));
    return;
  }
  writeLine(ctx.stdout, found.path);
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  // A table of cells, each in the reader's language on its own.
  const noAppId = local(configCommandsText.profilesNoAppId());
  const defaultGateway = local(configCommandsText.profilesDefaultGateway());
  for (const r of rows) writeLine(ctx.stdout, `${r.default ? '*' : ' '} ${r.name.padEnd(width)}  ${String(r.appId ?? noAppId)}  ${String(r.gateway ?? defaultGateway)}`);
}

/**
 * A gateway URL a request could go to: https, or plain http on loopback only (the local gateway on
 * another port), as the client requires when it sends — said here, when the value is written.
 */
export function gatewayUrlProblem(value: string): Text | undefined {
  if (isGatewayName(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return configCommandsText.gatewayExpected({ names: GATEWAY_NAMES, got: JSON.stringify(value) });
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return undefined;
  return configCommandsText.gatewayNotHttps({ value });
}
