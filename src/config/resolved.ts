import type { Language, Text } from '../i18n/text.js';
import type { Charset, SignType } from '../protocol/index.js';

/** What loadConfig returns: the effective profile, each value with where it came from. */
export interface SourceBase {
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
  /** In English, as machines and tests read them. */
  warnings: string[];
  /** The same warnings as data, for a person (`local()`); where absent, `warnings` is shown. */
  warningTexts?: Array<Text | string>;
  /** The config file's `lang`, the language it asks for (src/cli/language.ts chooses with it). */
  lang?: Language;
}
