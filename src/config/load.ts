import { statSync } from 'node:fs';
import { ConfigError, UsageError } from '../errors.js';
import { configLoadText } from '../i18n/en/config-load.js';
import { english, type Text } from '../i18n/text.js';
import { readEnvProfile } from './env.js';
import { isGateway } from './gateways.js';
import { mergeProfile } from './merge.js';
import { originText } from './origin-text.js';
import { chooseProfile, DEFAULT_PROFILE_NAME } from './profile-choice.js';
import { didYouMean, problemsError, type ProblemGroup } from './problems.js';
import type { ResolvedConfig } from './resolved.js';
import { SECRET_KEYS } from './profile-keys.js';
import { validateConfigFile, type ConfigFileContent, type ProfileSettings } from './schema.js';
import { findConfig, userConfigPath, type FoundConfig } from './search.js';
import { MAX_TIMEOUT_MS } from './timeouts.js';
import { permissionWarning, type SecretFileSystem } from './secret-file.js';

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
  /** What findConfig gave for these options already this run (the language lookup): not searched again. */
  searched?: { found: FoundConfig | undefined } | undefined;
}

export { DEFAULT_PROFILE_NAME };

/**
 * The effective profile: flags > environment > config file > defaults (DESIGN section 2).
 * Finding no config file is not an error here: the local gateway needs none, and a command that
 * needs a key says so when it asks for one (requirePrivateKey / requireAlipayKey).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const flags = options.flags ?? {};
  checkFlags(flags);
  const found = options.searched !== undefined ? options.searched.found : await findConfig(options);
  const groups: ProblemGroup[] = [];
  let file: ConfigFileContent | undefined;
  if (found) {
    const checked = validateConfigFile(found.content);
    if (checked.ok) file = checked.value;
    else groups.push({ where: found.path, problems: checked.problems });
  }
  const envChecked = readEnvProfile(options.env);
  if (!envChecked.ok) groups.push({ where: configLoadText.environment(), problems: envChecked.problems });
  if (groups.length > 0) throw problemsError(groups);
  const env = envChecked.ok ? envChecked.value : {};

  const configFile = found?.path;
  const { name: profileName, source: profileSource } = chooseProfile(options, file, configFile);
  const fileProfile = selectProfile(profileName, profileSource, file, configFile, options);
  const warningTexts: Array<Text | string> = [];
  if (configFile && file) {
    const warning = inlineSecretWarning(configFile, file, options.fs ?? { statSync });
    if (warning) warningTexts.push(warning);
  }
  const merged = mergeProfile({
    flags,
    env,
    fileProfile: fileProfile ?? {},
    configFile,
    profileName,
    cwd: options.cwd,
    homeDir: options.homeDir,
    // A file with no profile chosen (only `lang` so far) configures no app: the local gateway still.
    anythingConfigured: fileProfile !== undefined || env.appId !== undefined || env.privateKey !== undefined || env.privateKeyFile !== undefined,
  });
  warningTexts.push(...merged.warnings);
  const resolved: ResolvedConfig = { configFile, profileName, profileSource, profile: merged.profile, sources: merged.sources, warnings: warningTexts.map(english), warningTexts };
  if (file?.lang !== undefined) resolved.lang = file.lang;
  return resolved;
}

function checkFlags(flags: NonNullable<LoadConfigOptions['flags']>): void {
  if (flags.gateway !== undefined && !isGateway(flags.gateway)) {
    throw new UsageError(configLoadText.gatewayFlag({ got: JSON.stringify(flags.gateway) }));
  }
  if (flags.timeoutMs !== undefined && !(Number.isInteger(flags.timeoutMs) && flags.timeoutMs > 0 && flags.timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new UsageError(configLoadText.timeoutFlag({ max: MAX_TIMEOUT_MS, got: String(flags.timeoutMs) }));
  }
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
    throw new ConfigError(configLoadText.profileWithoutConfig({ name, source: originText(source) }), {
      hint: configLoadText.profileWithoutConfigHint({ cwd: options.cwd, userFile: userConfigPath(options.env, options.homeDir), name }),
    });
  }
  if (Object.hasOwn(file.profiles, name)) return file.profiles[name];
  const names = Object.keys(file.profiles);
  // A file with no profiles yet (`config set lang zh-CN` writes one) is as if there were none, unless one was asked for.
  if (names.length === 0 && source === 'default') return undefined;
  const near = nearestProfile(name, names);
  throw new ConfigError(configLoadText.profileNotInFile({ name, source: originText(source), file: configFile, near: near ?? '', names }), {
    hint: names.length > 0
      ? configLoadText.passProfileHint({ name: near ?? names[0]! })
      : configLoadText.addProfileHint({ name, file: configFile }),
  });
}

/** `prod` for `production`: the one profile the name begins, else one a typo away. */
export function nearestProfile(name: string, names: readonly string[]): string | undefined {
  const started = names.filter((n) => n.toLowerCase().startsWith(name.toLowerCase()));
  return started.length === 1 ? started[0] : didYouMean(name, names);
}

/** A config file that holds a private key, AES key or token inline deserves the same care as a key file. */
function inlineSecretWarning(path: string, file: ConfigFileContent, fs: Pick<SecretFileSystem, 'statSync' | 'checksPermissions'>): Text | undefined {
  const inline = new Set<string>();
  for (const profile of Object.values(file.profiles)) {
    for (const key of SECRET_KEYS) if (profile[key as keyof ProfileSettings] !== undefined) inline.add(key);
  }
  if (inline.size === 0) return undefined;
  const warning = permissionWarning(path, fs);
  return warning && configLoadText.inlineSecrets({ warning, keys: [...inline] });
}
