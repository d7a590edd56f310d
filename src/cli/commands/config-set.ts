import { dirname } from 'node:path';
import { isLoopbackHost } from '../../client/proxy.js';
import { GATEWAY_NAMES, isGatewayName } from '../../config/gateways.js';
import { DEFAULT_PROFILE_NAME, PROFILE_ENV_VAR, PROFILE_KEYS, validateConfigFile } from '../../config/index.js';
import { configFileToEdit, readConfigForUpdate, relativeToConfig, writeConfigFile, type EditTarget } from '../../config/config-file-edit.js';
import { nearestProfile } from '../../config/load.js';
import { didYouMean } from '../../config/problems.js';
import { parsePublicKey } from '../../config/keys.js';
import { isFileKey, isOwnKey, OWN_KEY_PROBLEM, profileFileProblem, readPrivateKey } from '../../config/profile-files.js';
import { SECRET_KEYS, type ProfileKey } from '../../config/profile-keys.js';
import { findConfig, resolveUserPath } from '../../config/search.js';
import { ConfigError, UsageError } from '../../errors.js';
import { outputFormat, writeLine, type Context } from '../context.js';

/** The partner a key replaces: a profile holds a key inline or from a file, never both. */
const REPLACES: Partial<Record<ProfileKey, ProfileKey>> = {
  privateKeyFile: 'privateKey',
  alipayPublicKeyFile: 'alipayPublicKey',
  alipayPublicKey: 'alipayPublicKeyFile',
  encryptKeyFile: 'encryptKey',
};

const SECRET_INSTEAD: Record<string, string> = {
  privateKey: 'set privateKeyFile <file> (the key file, mode 0600) or ALIPAY_PRIVATE_KEY_FILE',
  encryptKey: 'set encryptKeyFile <file> or ALIPAY_ENCRYPT_KEY',
  appAuthToken: 'write appAuthToken into the config file with an editor (it is created 0600)',
};

async function target(ctx: Context): Promise<EditTarget> {
  return configFileToEdit({ cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir, configFile: ctx.globals.config });
}

/**
 * `config set <key> <value>`: one profile setting written into the file the tool reads, as `aws
 * configure set` does. The value is checked as the config loader would check it, and files as
 * `config init` checks them; a secret is never a value (it would show in `ps` and shell history).
 */
export async function runConfigSet(ctx: Context, key: string, value: string): Promise<void> {
  if (!(PROFILE_KEYS as readonly string[]).includes(key)) {
    const near = didYouMean(key, PROFILE_KEYS);
    throw new UsageError(`config set: "${key}" is not a profile setting${near ? `; did you mean ${near}?` : ''}`, { hint: `settings: ${PROFILE_KEYS.join(', ')}` });
  }
  if (SECRET_KEYS.has(key)) {
    throw new UsageError(`config set: ${key} is a secret and is never taken as a command-line value (it would show in \`ps\` and the shell history)`, { hint: SECRET_INSTEAD[key] });
  }
  const { path } = await target(ctx);
  const file = readConfigForUpdate(path);
  const before = validateConfigFile(file.raw);
  if (Object.keys(file.raw).length > 0 && !before.ok) {
    throw new ConfigError(`${path} has problems already; fix them first:\n${before.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
  const name = ctx.globals.profile ?? (ctx.env[PROFILE_ENV_VAR] || undefined) ?? file.raw.defaultProfile ?? DEFAULT_PROFILE_NAME;
  const profile: Record<string, unknown> = { ...file.profiles[name] };
  let stored: unknown = value;
  // The profile's app key, to tell Alipay's public key from the app's own.
  const appKey = () => (typeof profile.privateKeyFile === 'string' ? readPrivateKey(resolveUserPath(dirname(path), profile.privateKeyFile, ctx.homeDir)) : undefined);
  if (isFileKey(key)) {
    const absolute = resolveUserPath(ctx.cwd, value, ctx.homeDir);
    const problem = profileFileProblem(key, absolute, appKey());
    if (problem) throw new UsageError(`config set ${key}: ${problem}`);
    stored = relativeToConfig(path, absolute);
  } else if (key === 'alipayPublicKey') {
    let own: boolean;
    try {
      own = isOwnKey(parsePublicKey(value, 'alipayPublicKey', 'value'), appKey());
    } catch (err) {
      throw new UsageError(`config set ${(err as Error).message}`);
    }
    if (own) throw new UsageError(`config set alipayPublicKey: ${OWN_KEY_PROBLEM}`);
  } else if (key === 'gateway') {
    const problem = gatewayUrlProblem(value);
    if (problem) throw new UsageError(`config set gateway: ${problem}`);
  } else if (key === 'timeoutMs') {
    stored = /^\d+$/.test(value) ? Number(value) : value;
  }
  profile[key] = stored;
  const replaced = REPLACES[key as ProfileKey];
  if (replaced !== undefined && profile[replaced] !== undefined) delete profile[replaced];
  const next = { ...file.raw, defaultProfile: file.raw.defaultProfile ?? name, profiles: { ...file.profiles, [name]: profile } };
  const after = validateConfigFile(next);
  if (!after.ok) throw new UsageError(`config set ${key}: ${after.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  await writeConfigFile(path, next);
  writeLine(ctx.stderr, `Set ${key} of profile ${name} in ${path}${replaced !== undefined && file.profiles[name]?.[replaced] !== undefined ? ` (replacing ${replaced})` : ''}.`);
  if (outputFormat(ctx) !== 'table') writeLine(ctx.stdout, JSON.stringify({ configFile: path, profile: name, key, value: stored }));
}

/** `config use <profile>`: the profile commands use when no -p or ALIPAY_CARD_PROFILE says otherwise. */
export async function runConfigUse(ctx: Context, name: string): Promise<void> {
  const { path } = await target(ctx);
  const file = readConfigForUpdate(path);
  const names = Object.keys(file.profiles);
  if (!Object.hasOwn(file.profiles, name)) {
    const near = nearestProfile(name, names);
    throw new UsageError(`config use: no profile "${name}" in ${path}${near ? `; did you mean ${near}?` : ''}`, {
      hint: names.length > 0 ? `profiles: ${names.join(', ')}` : `create it with \`alipay-card -p ${name} config init\` or \`alipay-card -p ${name} config set appId <id>\``,
    });
  }
  await writeConfigFile(path, { ...file.raw, defaultProfile: name });
  writeLine(ctx.stderr, `Default profile is now ${name} (${path}).`);
  if (outputFormat(ctx) !== 'table') writeLine(ctx.stdout, JSON.stringify({ configFile: path, defaultProfile: name }));
}

/** `config profiles`: the profiles of the config the tool reads, the default one marked. */
export async function runConfigProfiles(ctx: Context): Promise<void> {
  const found = await findConfig({ cwd: ctx.cwd, env: ctx.env, homeDir: ctx.homeDir, configFile: ctx.globals.config });
  const content = (found?.content ?? {}) as { defaultProfile?: unknown; profiles?: Record<string, Record<string, unknown>> };
  const profiles = content.profiles !== null && typeof content.profiles === 'object' ? content.profiles : {};
  const defaultProfile = typeof content.defaultProfile === 'string' ? content.defaultProfile : DEFAULT_PROFILE_NAME;
  const rows = Object.entries(profiles).map(([name, p]) => ({ name, default: name === defaultProfile, appId: p?.appId ?? null, gateway: p?.gateway ?? null }));
  if (outputFormat(ctx) !== 'table') {
    writeLine(ctx.stdout, JSON.stringify({ configFile: found?.path ?? null, defaultProfile: rows.some((r) => r.default) ? defaultProfile : null, profiles: rows }));
    return;
  }
  if (!found) {
    writeLine(ctx.stderr, 'No config file found: commands use the local gateway. Create one with `alipay-card config init` or `alipay-card config set appId <id>`.');
    return;
  }
  writeLine(ctx.stdout, found.path);
  const width = Math.max(0, ...rows.map((r) => r.name.length));
  for (const r of rows) writeLine(ctx.stdout, `${r.default ? '*' : ' '} ${r.name.padEnd(width)}  ${String(r.appId ?? '(no appId)')}  ${String(r.gateway ?? 'sandbox (default)')}`);
}

/**
 * A gateway URL a request could go to: https, or plain http on loopback only (the local gateway on
 * another port), as the client requires when it sends — said here, when the value is written.
 */
export function gatewayUrlProblem(value: string): string | undefined {
  if (isGatewayName(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `expected ${GATEWAY_NAMES.join(', ')} or an https URL, got ${JSON.stringify(value)}`;
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return undefined;
  return `${value}: a gateway URL must be https (plain http only on this machine: 127.0.0.1, localhost)`;
}
