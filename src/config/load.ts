import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import type { Charset, SignType } from '../protocol/index.js';
import { ENV_VARS, envValue, PROFILE_ENV_VAR, readEnvProfile } from './env.js';
import { gatewayUrl, isGateway } from './gateways.js';
import { formatPath, problemsError, type ProblemGroup } from './problems.js';
import { CERT_KEYS, SECRET_KEYS, validateConfigFile, type ConfigFileContent, type ProfileSettings } from './schema.js';
import { findConfig, resolveUserPath, userConfigPath } from './search.js';
import { permissionWarning, type SecretFileSystem } from './secret-file.js';

interface SourceBase {
  /** What set it, in the words of `sources`: 'env ALIPAY_PRIVATE_KEY_FILE', 'file /abs/config.json'. */
  origin: string;
  /** The setting itself: 'profiles.sandbox.privateKeyFile' (a file) or 'ALIPAY_PRIVATE_KEY_FILE' (env). */
  setting: string;
}

/** Key or secret text given inline, in the config file or an env var. */
export interface InlineSource extends SourceBase {
  kind: 'inline';
  value: string;
}

/** A file holding a key, cert or secret; `path` is absolute. */
export interface FileSource extends SourceBase {
  kind: 'file';
  path: string;
}

export type ValueSource = InlineSource | FileSource;

export interface ResolvedProfile {
  appId?: string;
  /** As given: 'production' | 'sandbox' | 'local' | an http(s) URL. */
  gateway: string;
  /** undefined for the embedded local gateway. */
  gatewayUrl: string | undefined;
  signType: SignType;
  charset: Charset;
  /** From privateKey | privateKeyFile | ALIPAY_PRIVATE_KEY | ALIPAY_PRIVATE_KEY_FILE. */
  privateKey?: ValueSource;
  /** From alipayPublicKey | alipayPublicKeyFile | ALIPAY_PUBLIC_KEY | ALIPAY_PUBLIC_KEY_FILE. */
  alipayPublicKey?: ValueSource;
  /** Certificate mode: the three are set together or not at all. */
  appCertFile?: FileSource;
  alipayCertFile?: FileSource;
  alipayRootCertFile?: FileSource;
  encryptKey?: ValueSource;
  appAuthToken?: string;
  timeoutMs: number;
}

export interface ResolvedConfig {
  /** Absolute path of the config file used, undefined when none was found. */
  configFile: string | undefined;
  profileName: string;
  /** How the profile was chosen: 'flag --profile', 'env ALIPAY_CARD_PROFILE', 'file <path> defaultProfile', 'the only profile in <path>', 'default'. */
  profileSource: string;
  profile: ResolvedProfile;
  /** Effective setting → where it came from: 'flag --gateway', 'env ALIPAY_APP_ID', 'file /abs/path', 'default'. */
  sources: Record<string, string>;
  warnings: string[];
}

export interface LoadConfigOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** `-c, --config <file>`: load that file only. */
  configFile?: string | undefined;
  /** `-p, --profile <name>`. */
  profile?: string | undefined;
  flags?: { gateway?: string | undefined; timeoutMs?: number | undefined };
  /** For the permission check of a config file that holds secrets inline; defaults to node:fs. */
  fs?: Pick<SecretFileSystem, 'statSync' | 'checksPermissions'>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_PROFILE_NAME = 'default';

/**
 * The effective profile: flags > environment > config file > defaults (DESIGN section 2).
 * Finding no config file is not an error here: the local gateway needs none, and a command that
 * needs a key says so when it asks for one (requirePrivateKey / requireAlipayKey).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const flags = options.flags ?? {};
  checkFlags(flags);
  const found = await findConfig(options);
  const groups: ProblemGroup[] = [];
  let file: ConfigFileContent | undefined;
  if (found) {
    const checked = validateConfigFile(found.content);
    if (checked.ok) file = checked.value;
    else groups.push({ where: found.path, problems: checked.problems });
  }
  const envChecked = readEnvProfile(options.env);
  if (!envChecked.ok) groups.push({ where: 'environment', problems: envChecked.problems });
  if (groups.length > 0) throw problemsError(groups);
  const env = envChecked.ok ? envChecked.value : {};

  const configFile = found?.path;
  const { name: profileName, source: profileSource } = chooseProfile(options, file, configFile);
  const fileProfile = selectProfile(profileName, profileSource, file, configFile, options);
  const warnings: string[] = [];
  if (configFile && file) {
    const warning = inlineSecretWarning(configFile, file, options.fs ?? { statSync });
    if (warning) warnings.push(warning);
  }
  const merged = merge({
    flags,
    env,
    fileProfile: fileProfile ?? {},
    configFile,
    profileName,
    cwd: options.cwd,
    homeDir: options.homeDir,
    anythingConfigured: configFile !== undefined || env.appId !== undefined || env.privateKey !== undefined || env.privateKeyFile !== undefined,
    warnings,
  });
  return { configFile, profileName, profileSource, profile: merged.profile, sources: merged.sources, warnings };
}

function checkFlags(flags: NonNullable<LoadConfigOptions['flags']>): void {
  if (flags.gateway !== undefined && !isGateway(flags.gateway)) {
    throw new UsageError(`--gateway: expected production, sandbox, local or an http(s) URL, got ${JSON.stringify(flags.gateway)}`);
  }
  if (flags.timeoutMs !== undefined && !(Number.isInteger(flags.timeoutMs) && flags.timeoutMs > 0)) {
    throw new UsageError(`--timeout: expected a positive integer (milliseconds), got ${String(flags.timeoutMs)}`);
  }
}

/** --profile > ALIPAY_CARD_PROFILE > defaultProfile > the only profile > 'default'. */
function chooseProfile(options: LoadConfigOptions, file: ConfigFileContent | undefined, configFile: string | undefined): { name: string; source: string } {
  if (options.profile !== undefined && options.profile !== '') return { name: options.profile, source: 'flag --profile' };
  const fromEnv = envValue(options.env, PROFILE_ENV_VAR);
  if (fromEnv !== undefined) return { name: fromEnv.trim(), source: `env ${PROFILE_ENV_VAR}` };
  if (file?.defaultProfile !== undefined) return { name: file.defaultProfile, source: `file ${configFile} defaultProfile` };
  const names = file ? Object.keys(file.profiles) : [];
  if (names.length === 1) return { name: names[0]!, source: `the only profile in ${configFile}` };
  return { name: DEFAULT_PROFILE_NAME, source: 'default' };
}

function selectProfile(
  name: string,
  source: string,
  file: ConfigFileContent | undefined,
  configFile: string | undefined,
  options: LoadConfigOptions,
): ProfileSettings | undefined {
  if (file === undefined || configFile === undefined) {
    if (source === 'default') return undefined;
    throw new ConfigError(`profile "${name}" (${source}) was asked for, but no config file was found`, {
      hint: `searched ${options.cwd} and its parents, then ${userConfigPath(options.env, options.homeDir)}; create one with \`alipay-card -p ${name} config init\` or pass --config <file>`,
    });
  }
  if (Object.hasOwn(file.profiles, name)) return file.profiles[name];
  const names = Object.keys(file.profiles);
  const available = names.length === 0 ? 'it defines no profiles' : `available: ${names.join(', ')}`;
  throw new ConfigError(`profile "${name}" (${source}) is not in ${configFile}; ${available}`, {
    hint: names.length > 0
      ? `pass --profile ${names[0]}, or set "defaultProfile" in the config file`
      : `add one with \`alipay-card -p ${name} config init --file ${configFile}\``,
  });
}

interface MergeInput {
  flags: NonNullable<LoadConfigOptions['flags']>;
  env: ProfileSettings;
  fileProfile: ProfileSettings;
  configFile: string | undefined;
  profileName: string;
  cwd: string;
  homeDir: string;
  anythingConfigured: boolean;
  warnings: string[];
}

function merge(input: MergeInput): { profile: ResolvedProfile; sources: Record<string, string> } {
  const { flags, env, fileProfile: fp, configFile } = input;
  const sources: Record<string, string> = {};
  const fileOrigin = `file ${configFile}`;
  const fileSetting = (key: string) => formatPath(['profiles', input.profileName, key]);
  const baseDir = configFile ? dirname(configFile) : input.cwd;

  /** Picks the first defined candidate and records where it came from. */
  function pick<T>(key: string, candidates: ReadonlyArray<readonly [T | undefined, string]>): T | undefined {
    for (const [value, origin] of candidates) {
      if (value !== undefined) {
        sources[key] = origin;
        return value;
      }
    }
    return undefined;
  }

  // No config file and no app in the environment: the embedded local gateway, so `demo`, `sign`
  // and `gateway serve` work with zero setup. Once an app is configured, the safe default is the
  // sandbox; production is never a default, it must be named.
  const defaultGateway = input.anythingConfigured ? 'sandbox' : 'local';
  const gateway = pick('gateway', [[flags.gateway, 'flag --gateway'], [env.gateway, `env ${ENV_VARS.gateway}`], [fp.gateway, fileOrigin], [defaultGateway, 'default']])!;
  const appId = pick('appId', [[env.appId, `env ${ENV_VARS.appId}`], [fp.appId, fileOrigin]]);
  const signType = pick<SignType>('signType', [[env.signType, `env ${ENV_VARS.signType}`], [fp.signType, fileOrigin], ['RSA2', 'default']])!;
  const charset = pick<Charset>('charset', [[env.charset, `env ${ENV_VARS.charset}`], [fp.charset, fileOrigin], ['utf-8', 'default']])!;
  const timeoutMs = pick('timeoutMs', [[flags.timeoutMs, 'flag --timeout'], [fp.timeoutMs, fileOrigin], [DEFAULT_TIMEOUT_MS, 'default']])!;
  const appAuthToken = pick('appAuthToken', [[fp.appAuthToken, fileOrigin]]);

  const envFile = (key: 'privateKeyFile' | 'alipayPublicKeyFile', value: string | undefined): FileSource | undefined =>
    value === undefined ? undefined : { kind: 'file', path: resolveUserPath(input.cwd, value, input.homeDir), origin: `env ${ENV_VARS[key]}`, setting: ENV_VARS[key] };
  const envInline = (key: 'privateKey' | 'alipayPublicKey' | 'encryptKey', value: string | undefined): InlineSource | undefined =>
    value === undefined ? undefined : { kind: 'inline', value, origin: `env ${ENV_VARS[key]}`, setting: ENV_VARS[key] };
  const fromFile = (key: string, value: string | undefined): FileSource | undefined =>
    value === undefined ? undefined : { kind: 'file', path: resolveUserPath(baseDir, value, input.homeDir), origin: fileOrigin, setting: fileSetting(key) };
  const inlineFromFile = (key: string, value: string | undefined): InlineSource | undefined =>
    value === undefined ? undefined : { kind: 'inline', value, origin: fileOrigin, setting: fileSetting(key) };

  /** A key slot: whichever form (inline or file) the highest-precedence layer sets wins as a whole. */
  function slot(inlineKey: string, fileKey: string, layers: ReadonlyArray<ValueSource | undefined>): ValueSource | undefined {
    const chosen = layers.find((s) => s !== undefined);
    if (chosen) sources[chosen.kind === 'file' ? fileKey : inlineKey] = chosen.origin;
    return chosen;
  }

  const privateKey = slot('privateKey', 'privateKeyFile', [
    envInline('privateKey', env.privateKey),
    envFile('privateKeyFile', env.privateKeyFile),
    inlineFromFile('privateKey', fp.privateKey),
    fromFile('privateKeyFile', fp.privateKeyFile),
  ]);
  const envAlipayKey = envInline('alipayPublicKey', env.alipayPublicKey) ?? envFile('alipayPublicKeyFile', env.alipayPublicKeyFile);
  const alipayPublicKey = slot('alipayPublicKey', 'alipayPublicKeyFile', [
    envAlipayKey,
    inlineFromFile('alipayPublicKey', fp.alipayPublicKey),
    fromFile('alipayPublicKeyFile', fp.alipayPublicKeyFile),
  ]);
  const encryptKey = slot('encryptKey', 'encryptKeyFile', [
    envInline('encryptKey', env.encryptKey),
    inlineFromFile('encryptKey', fp.encryptKey),
    fromFile('encryptKeyFile', fp.encryptKeyFile),
  ]);

  const profile: ResolvedProfile = { gateway, gatewayUrl: gatewayUrl(gateway), signType, charset, timeoutMs };
  if (appId !== undefined) profile.appId = appId;
  if (privateKey) profile.privateKey = privateKey;
  if (alipayPublicKey) profile.alipayPublicKey = alipayPublicKey;
  if (encryptKey) profile.encryptKey = encryptKey;
  if (appAuthToken !== undefined) profile.appAuthToken = appAuthToken;

  const certKeys = CERT_KEYS.filter((key) => fp[key] !== undefined);
  if (certKeys.length > 0 && envAlipayKey) {
    // env > file: an Alipay public key in the environment replaces the profile's certificate mode
    // as a whole (the two cannot be mixed), which is worth saying out loud.
    input.warnings.push(`${envAlipayKey.setting} overrides certificate mode of profile "${input.profileName}" (${certKeys.join(', ')} ignored): requests are sent in public key mode`);
  } else {
    for (const key of certKeys) {
      profile[key] = fromFile(key, fp[key]);
      sources[key] = fileOrigin;
    }
  }
  return { profile, sources };
}

/** A config file that holds a private key, AES key or token inline deserves the same care as a key file. */
function inlineSecretWarning(path: string, file: ConfigFileContent, fs: Pick<SecretFileSystem, 'statSync' | 'checksPermissions'>): string | undefined {
  const inline = new Set<string>();
  for (const profile of Object.values(file.profiles)) {
    for (const key of SECRET_KEYS) if (profile[key as keyof ProfileSettings] !== undefined) inline.add(key);
  }
  if (inline.size === 0) return undefined;
  const warning = permissionWarning(path, fs);
  return warning && `${warning} (it holds ${[...inline].join(', ')} inline)`;
}
