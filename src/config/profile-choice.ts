/**
 * Which profile of a config file is in use, one rule for the commands that read a profile
 * (load.ts) and for those that change one (`config set`, `config init`, `config profiles`):
 * `config set` once wrote into a profile no command read.
 */
import { envValue, PROFILE_ENV_VAR } from './env.js';

export const DEFAULT_PROFILE_NAME = 'default';

export interface ProfileChoice {
  name: string;
  /** In the words of ResolvedConfig.profileSource: 'flag --profile', 'env ALIPAY_CARD_PROFILE', 'file <path> defaultProfile', 'the only profile in <path>', 'default'. */
  source: string;
}

/** --profile > ALIPAY_CARD_PROFILE > defaultProfile > the only profile > 'default'. */
export function chooseProfile(
  asked: { profile?: string | undefined; env: Record<string, string | undefined> },
  file: { defaultProfile?: unknown; profiles: object } | undefined,
  configFile: string | undefined,
): ProfileChoice {
  if (asked.profile !== undefined && asked.profile !== '') return { name: asked.profile, source: 'flag --profile' };
  const fromEnv = envValue(asked.env, PROFILE_ENV_VAR);
  if (fromEnv !== undefined) return { name: fromEnv.trim(), source: `env ${PROFILE_ENV_VAR}` };
  if (typeof file?.defaultProfile === 'string') return { name: file.defaultProfile, source: `file ${configFile} defaultProfile` };
  const names = file ? Object.keys(file.profiles) : [];
  if (names.length === 1) return { name: names[0]!, source: `the only profile in ${configFile}` };
  return { name: DEFAULT_PROFILE_NAME, source: 'default' };
}

/**
 * The file with `name` set to `profile`. The profile in use never changes with it: a file with no
 * defaultProfile uses its only profile, so when a second one is added, defaultProfile is written
 * naming the first (`kept`), and commands go on using it. Only `config use` changes it otherwise.
 */
export function withProfile<Raw extends { defaultProfile?: unknown }>(
  raw: Raw,
  profiles: Record<string, unknown>,
  name: string,
  profile: Record<string, unknown>,
): { content: Raw & { profiles: Record<string, unknown> }; kept?: string } {
  const names = Object.keys(profiles);
  const kept = raw.defaultProfile === undefined && names.length === 1 && names[0] !== name ? names[0] : undefined;
  const content = { ...raw, ...(kept === undefined ? {} : { defaultProfile: kept }), profiles: { ...profiles, [name]: profile } };
  return kept === undefined ? { content } : { content, kept };
}
