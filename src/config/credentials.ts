import { createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigError } from '../errors.js';
import { commonText } from '../i18n/en/common.js';
import { configKeysText } from '../i18n/en/config-keys.js';
import { english, type Text } from '../i18n/text.js';
import { parseCertificates, ProtocolError, rootCertSn, type CertificateInfo } from '../protocol/index.js';
import { parsePrivateKey, parsePublicKey, type KeyTextKind } from './keys.js';
import type { FileSource, ResolvedProfile, ValueSource } from './resolved.js';
import { originText } from './origin-text.js';
import { describePemLabel, normalizeKeyText, scanPem } from './pem.js';
import { isAesKey } from './profile-keys.js';
import { readSecretFile, readTextFile, type SecretFileSystem } from './secret-file.js';

/** Every configured key parsed once (signing with a pre-parsed KeyObject is the performance bar). */
export interface Credentials {
  privateKey?: KeyObject;
  /** Public key mode: the key Alipay signs responses with. */
  alipayPublicKey?: KeyObject;
  /** Certificate mode: the app cert (its SN goes in `app_cert_sn`). */
  appCert?: CertificateInfo;
  /** Certificate mode: every cert of alipayCertFile; a response names the one that signed it (`alipay_cert_sn`). */
  alipayCerts?: CertificateInfo[];
  appCertSn?: string;
  /** Certificate mode: every cert of alipayRootCertFile, in file order (keys check traces the Alipay cert to one). */
  alipayRootCerts?: CertificateInfo[];
  alipayRootCertSn?: string;
  /** Base64 AES-128 key, checked to decode to 16 bytes. */
  encryptKey?: string;
  mode: 'key' | 'cert';
  /** In English, as machines and tests read them. */
  warnings: string[];
  /** The same warnings as data, for a person (`local()`); where absent, `warnings` is shown. */
  warningTexts?: Text[];
}

export interface CredentialOptions {
  /**
   * Warn of the mix-ups mismatchWarnings finds (default true); false for `keys check`, which
   * reports each as a failed check of its own and would otherwise say it twice.
   */
  mismatchWarnings?: boolean;
}

/** The parts of a profile's credentials a command can ask for. */
export type CredentialPart = 'privateKey' | 'alipayPublicKey' | 'appCert' | 'alipayCerts' | 'alipayRootCert' | 'encryptKey';

const ALL_CREDENTIAL_PARTS: readonly CredentialPart[] = ['privateKey', 'alipayPublicKey', 'appCert', 'alipayCerts', 'alipayRootCert', 'encryptKey'];

/** What signing a request reads: the key, the SNs that go in the request, the AES key. */
export const SIGNING_PARTS: readonly CredentialPart[] = ['privateKey', 'appCert', 'alipayRootCert', 'encryptKey'];

/** What checking Alipay's signatures reads: its public key, or in certificate mode its certs. */
export const VERIFYING_PARTS: readonly CredentialPart[] = ['alipayPublicKey', 'alipayCerts'];

/**
 * Reads and parses the profile's keys and certs — only the `parts` asked for, so a command is not
 * stopped by a broken file it never uses (`sign` with a damaged Alipay public key). Every
 * unreadable or malformed one is reported in one ConfigError, each named by its file or setting; a
 * missing one is not an error here (see requirePrivateKey / requireAlipayKey), so `verify` works
 * without a private key and `sign` without Alipay's key.
 */
export function loadCredentials(
  profile: ResolvedProfile,
  fs: SecretFileSystem,
  parts: readonly CredentialPart[] = ALL_CREDENTIAL_PARTS,
  options: CredentialOptions = {},
): Credentials {
  const warnings: Text[] = [];
  const errors: ConfigError[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
      return undefined;
    }
  };

  const credentials: Credentials = { mode: profile.appCertFile ? 'cert' : 'key', warnings: [], warningTexts: warnings };
  const wanted = new Set(parts);
  const pick = <T>(part: CredentialPart, value: T): T | undefined => (wanted.has(part) ? value : undefined);
  const privateKey = pick('privateKey', profile.privateKey);
  const alipayPublicKey = pick('alipayPublicKey', profile.alipayPublicKey);
  const encryptKey = pick('encryptKey', profile.encryptKey);
  const { appCertFile, alipayCertFile, alipayRootCertFile } = profile;
  if (privateKey) {
    credentials.privateKey = attempt(() => {
      const { text, label, kind } = readSource(privateKey, fs, true, warnings);
      return parsePrivateKey(text, label, kind);
    });
  }
  if (alipayPublicKey) {
    credentials.alipayPublicKey = attempt(() => {
      const { text, label, kind } = readSource(alipayPublicKey, fs, false, warnings);
      return parsePublicKey(text, label, kind);
    });
  }
  if (appCertFile && alipayCertFile && alipayRootCertFile) {
    if (wanted.has('appCert')) {
      credentials.appCert = attempt(() => readCertificates(appCertFile, fs)[0]);
      credentials.appCertSn = credentials.appCert?.sn;
    }
    if (wanted.has('alipayCerts')) credentials.alipayCerts = attempt(() => readCertificates(alipayCertFile, fs));
    if (wanted.has('alipayRootCert')) {
      const bundle = attempt(() => readCertificates(alipayRootCertFile, fs));
      credentials.alipayRootCerts = bundle;
      if (bundle) credentials.alipayRootCertSn = attempt(() => {
        try {
          return rootCertSn(bundle);
        } catch (error) {
          throw certError(alipayRootCertFile, commonText.pathed({ path: alipayRootCertFile.path, message: error instanceof ProtocolError ? error.text : (error as Error).message }));
        }
      });
    }
  }
  if (encryptKey) credentials.encryptKey = attempt(() => readEncryptKey(encryptKey, fs, warnings));

  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) {
    throw new ConfigError(configKeysText.manyUnusable({ count: errors.length, items: errors.map((e) => e.text) }), {
      hint: errors.find((e) => e.hintText !== undefined)?.hintText,
    });
  }
  if (options.mismatchWarnings !== false) warnings.push(...mismatchWarnings(credentials));
  credentials.warnings = warnings.map(english);
  return dropUndefined(credentials);
}

/** The key that signs requests; a ConfigError saying how to configure one when there is none. */
export function requirePrivateKey(credentials: Credentials): KeyObject {
  if (credentials.privateKey) return credentials.privateKey;
  throw new ConfigError(configKeysText.noPrivateKey(), { hint: configKeysText.noPrivateKeyHint() });
}

/** The key that verifies Alipay's signatures: the Alipay public key, or in certificate mode the Alipay cert's. */
export function requireAlipayKey(credentials: Credentials): KeyObject {
  const key = credentials.mode === 'cert' ? credentials.alipayCerts?.[0]?.publicKey : credentials.alipayPublicKey;
  if (key) return key;
  throw new ConfigError(configKeysText.noAlipayKey(), { hint: configKeysText.noAlipayKeyHint() });
}

function readSource(source: ValueSource, fs: SecretFileSystem, secret: boolean, warnings: Text[]): { text: string; label: Text | string; kind: KeyTextKind } {
  if (source.kind === 'inline') return { text: source.value, label: inlineLabel(source.setting, source.origin), kind: 'value' };
  try {
    if (!secret) return { text: readTextFile(source.path, fs), label: source.path, kind: 'file' };
    const { text, warningText } = readSecretFile(source.path, fs);
    if (warningText) warnings.push(warningText);
    return { text, label: source.path, kind: 'file' };
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.text, { hint: setByHint(source), cause: error.cause });
    throw error;
  }
}

function readCertificates(source: FileSource, fs: SecretFileSystem): CertificateInfo[] {
  const { text } = readSource(source, fs, false, []);
  try {
    return parseCertificates(text);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    const pem = scanPem(normalizeKeyText(text));
    if (normalizeKeyText(text) === '') throw certError(source, configKeysText.keyProblem({ origin: source.path, expected: configKeysText.expectCertificate(), found: configKeysText.foundEmptyFile() }));
    if (!pem.blocks.some((b) => b.label === 'CERTIFICATE')) {
      const found = pem.blocks[0] ? describePemLabel(pem.blocks[0].label) : configKeysText.foundNoPemBlock();
      throw certError(source, configKeysText.keyProblem({ origin: source.path, expected: configKeysText.expectCertificate(), found }));
    }
    throw certError(source, commonText.pathed({ path: source.path, message: error.text }));
  }
}

/** `message` names the file first: `<path>: expected a certificate …`. */
function certError(source: FileSource, message: Text): ConfigError {
  return new ConfigError(message, { hint: configKeysText.certHint({ setBy: setByHint(source) }) });
}

function readEncryptKey(source: ValueSource, fs: SecretFileSystem, warnings: Text[]): string {
  const { text, label } = readSource(source, fs, true, warnings);
  const key = text.trim();
  if (isAesKey(key)) return key;
  const found = key === '' ? (source.kind === 'file' ? configKeysText.foundEmptyFile() : configKeysText.foundEmptyValue()) : configKeysText.foundNotAesKey({ count: key.length });
  throw new ConfigError(configKeysText.keyProblem({ origin: label, expected: configKeysText.expectAesKey(), found }), {
    hint: source.kind === 'file' ? setByHint(source) : configKeysText.aesConsoleHint(),
  });
}

/**
 * Two common mix-ups that otherwise surface only as gateway or verification failures: an app cert
 * issued for another key, and the app's own public key configured as Alipay's.
 */
function mismatchWarnings(credentials: Credentials): Text[] {
  // Deriving the public key costs a little start-up: only when there is something to compare it with.
  if (!credentials.privateKey || (!credentials.appCert && !credentials.alipayPublicKey)) return [];
  // Compared as keys (KeyObject.equals), not as exported DER: OpenSSL's encoders made the two
  // exports 5.7M instructions of every call (valgrind, Node 20).
  const own = createPublicKey(credentials.privateKey);
  const warnings: Text[] = [];
  if (credentials.appCert && !credentials.appCert.publicKey.equals(own)) warnings.push(configKeysText.appCertMismatch());
  if (credentials.alipayPublicKey?.equals(own)) warnings.push(configKeysText.alipayKeyIsOwn());
  return warnings;
}

function inlineLabel(setting: string, origin: string): Text | string {
  return origin === `env ${setting}` ? setting : configKeysText.inlineLabel({ setting, origin: originText(origin) });
}

function setByHint(source: ValueSource): Text {
  const setBy = source.origin === `env ${source.setting}`
    ? configKeysText.setBy({ setting: source.setting })
    : configKeysText.setByIn({ setting: source.setting, file: source.origin.replace(/^file /, '') });
  if (source.kind !== 'file') return setBy;
  return source.origin.startsWith('env ') ? configKeysText.relativeFromWorkingDirectory({ setBy }) : configKeysText.relativeFromConfigDirectory({ setBy });
}

function dropUndefined(credentials: Credentials): Credentials {
  for (const key of Object.keys(credentials) as Array<keyof Credentials>) {
    if (credentials[key] === undefined) delete credentials[key];
  }
  return credentials;
}
