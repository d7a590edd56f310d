import { dirname } from 'node:path';
import { configLoadText } from '../i18n/en/config-load.js';
import type { Text } from '../i18n/text.js';
import type { Charset, SignType } from '../protocol/index.js';
import { ENV_VARS } from './env.js';
import { gatewayUrl } from './gateways.js';
import { formatPath } from './problems.js';
import type { FileSource, InlineSource, ResolvedProfile, ValueSource } from './resolved.js';
import { CERT_KEYS } from './profile-keys.js';
import type { ProfileSettings } from './schema.js';
import { resolveUserPath } from './search.js';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface MergeInput {
  flags: { gateway?: string | undefined; timeoutMs?: number | undefined };
  env: ProfileSettings;
  fileProfile: ProfileSettings;
  configFile: string | undefined;
  profileName: string;
  cwd: string;
  homeDir: string;
  anythingConfigured: boolean;
}

/** Layers flags > environment > the file's profile > defaults into one profile and its sources. */
export function mergeProfile(input: MergeInput): { profile: ResolvedProfile; sources: Record<string, string>; warnings: Text[] } {
  const warnings: Text[] = [];
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
    warnings.push(configLoadText.envOverridesCertMode({ setting: envAlipayKey.setting, profile: input.profileName, certs: certKeys }));
  } else {
    for (const key of certKeys) {
      profile[key] = fromFile(key, fp[key]);
      sources[key] = fileOrigin;
    }
  }
  return { profile, sources, warnings };
}
