import { createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigError } from '../errors.js';
import { parseCertificates, ProtocolError, rootCertSn, type CertificateInfo } from '../protocol/index.js';
import { parsePrivateKey, parsePublicKey, type KeyTextKind } from './keys.js';
import type { FileSource, ResolvedProfile, ValueSource } from './resolved.js';
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
  alipayRootCertSn?: string;
  /** Base64 AES-128 key, checked to decode to 16 bytes. */
  encryptKey?: string;
  mode: 'key' | 'cert';
  warnings: string[];
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
export function loadCredentials(profile: ResolvedProfile, fs: SecretFileSystem, parts: readonly CredentialPart[] = ALL_CREDENTIAL_PARTS): Credentials {
  const warnings: string[] = [];
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

  const credentials: Credentials = { mode: profile.appCertFile ? 'cert' : 'key', warnings };
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
    if (wanted.has('alipayRootCert')) credentials.alipayRootCertSn = attempt(() => {
      const bundle = readCertificates(alipayRootCertFile, fs);
      try {
        return rootCertSn(bundle);
      } catch (error) {
        throw certError(alipayRootCertFile, (error as Error).message);
      }
    });
  }
  if (encryptKey) credentials.encryptKey = attempt(() => readEncryptKey(encryptKey, fs, warnings));

  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) {
    throw new ConfigError(`${errors.length} keys or certificates cannot be used:\n${errors.map((e) => `  ${e.message}`).join('\n')}`, {
      hint: errors.find((e) => e.hint !== undefined)?.hint,
    });
  }
  warnings.push(...mismatchWarnings(credentials));
  return dropUndefined(credentials);
}

/** The key that signs requests; a ConfigError saying how to configure one when there is none. */
export function requirePrivateKey(credentials: Credentials): KeyObject {
  if (credentials.privateKey) return credentials.privateKey;
  throw new ConfigError('no app private key is configured, so requests cannot be signed', {
    hint: 'run `alipay-card config init` or set ALIPAY_PRIVATE_KEY_FILE (or privateKeyFile in the profile); no key yet? `alipay-card keys generate`',
  });
}

/** The key that verifies Alipay's signatures: the Alipay public key, or in certificate mode the Alipay cert's. */
export function requireAlipayKey(credentials: Credentials): KeyObject {
  const key = credentials.mode === 'cert' ? credentials.alipayCerts?.[0]?.publicKey : credentials.alipayPublicKey;
  if (key) return key;
  throw new ConfigError("no Alipay public key is configured, so Alipay's signatures cannot be verified", {
    hint: "run `alipay-card config init` or set ALIPAY_PUBLIC_KEY_FILE (or alipayPublicKeyFile in the profile): the key the console shows as 'Alipay public key' (支付宝公钥), not your own app public key",
  });
}

function readSource(source: ValueSource, fs: SecretFileSystem, secret: boolean, warnings: string[]): { text: string; label: string; kind: KeyTextKind } {
  if (source.kind === 'inline') return { text: source.value, label: inlineLabel(source.setting, source.origin), kind: 'value' };
  try {
    if (!secret) return { text: readTextFile(source.path, fs), label: source.path, kind: 'file' };
    const { text, warning } = readSecretFile(source.path, fs);
    if (warning) warnings.push(warning);
    return { text, label: source.path, kind: 'file' };
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.message, { hint: setByHint(source), cause: error.cause });
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
    if (normalizeKeyText(text) === '') throw certError(source, 'expected a certificate (BEGIN CERTIFICATE), found an empty file');
    if (!pem.blocks.some((b) => b.label === 'CERTIFICATE')) {
      const found = pem.blocks[0] ? describePemLabel(pem.blocks[0].label) : 'no PEM block';
      throw certError(source, `expected a certificate (BEGIN CERTIFICATE), found ${found}`);
    }
    throw certError(source, error.message);
  }
}

function certError(source: FileSource, message: string): ConfigError {
  return new ConfigError(`${source.path}: ${message}`, {
    hint: `${setByHint(source)}; download the certificates again from the open platform console if the file is damaged`,
  });
}

function readEncryptKey(source: ValueSource, fs: SecretFileSystem, warnings: string[]): string {
  const { text, label } = readSource(source, fs, true, warnings);
  const key = text.trim();
  if (isAesKey(key)) return key;
  const found = key === '' ? (source.kind === 'file' ? 'an empty file' : 'an empty value') : `${key.length} characters that are not one`;
  throw new ConfigError(`${label}: expected a base64 AES-128 key (24 characters ending "=="), found ${found}`, {
    hint: source.kind === 'file' ? setByHint(source) : "copy the AES key (接口内容加密密钥) from the app's settings in the open platform console",
  });
}

/**
 * Two common mix-ups that otherwise surface only as gateway or verification failures: an app cert
 * issued for another key, and the app's own public key configured as Alipay's.
 */
function mismatchWarnings(credentials: Credentials): string[] {
  // Deriving the public key costs a little start-up: only when there is something to compare it with.
  if (!credentials.privateKey || (!credentials.appCert && !credentials.alipayPublicKey)) return [];
  const own = spki(createPublicKey(credentials.privateKey));
  const warnings: string[] = [];
  if (credentials.appCert && spki(credentials.appCert.publicKey) !== own) {
    warnings.push('the app cert (appCertFile) does not carry the public key of the private key: the gateway will reject the signatures; run `alipay-card keys check`');
  }
  if (credentials.alipayPublicKey && spki(credentials.alipayPublicKey) === own) {
    warnings.push("the Alipay public key is your own app public key: responses will fail verification; use the key the console shows as 'Alipay public key' (支付宝公钥)");
  }
  return warnings;
}

function spki(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

function inlineLabel(setting: string, origin: string): string {
  return origin === `env ${setting}` ? setting : `${setting} (${origin})`;
}

function setByHint(source: ValueSource): string {
  const from = source.origin === `env ${source.setting}` ? `set by ${source.setting}` : `set by ${source.setting} in ${source.origin.replace(/^file /, '')}`;
  if (source.kind !== 'file') return from;
  return `${from}; relative paths are resolved from ${source.origin.startsWith('env ') ? 'the working directory' : "the config file's directory"}`;
}

function dropUndefined(credentials: Credentials): Credentials {
  for (const key of Object.keys(credentials) as Array<keyof Credentials>) {
    if (credentials[key] === undefined) delete credentials[key];
  }
  return credentials;
}
