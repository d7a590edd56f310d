/**
 * The files a profile names, checked before they are written into a config (`config init`,
 * `config set`): the file exists, holds what the key says, and Alipay's public key is not the
 * app's own — the mix-up a new user makes most, which otherwise surfaces only as every response
 * failing verification.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { configKeysText } from '../i18n/en/config-keys.js';
import type { Text } from '../i18n/text.js';
import { parseCertificates } from '../protocol/index.js';
import { parsePrivateKey, parsePublicKey } from './keys.js';
import { isAesKey, type ProfileKey } from './profile-keys.js';
import { osReasonText, readTextFile } from './secret-file.js';
import { readUpTo } from './read-capped.js';

export const FILE_KEYS = ['privateKeyFile', 'alipayPublicKeyFile', 'appCertFile', 'alipayCertFile', 'alipayRootCertFile', 'encryptKeyFile'] as const satisfies readonly ProfileKey[];
export type FileKey = (typeof FILE_KEYS)[number];

export function isFileKey(key: string): key is FileKey {
  return (FILE_KEYS as readonly string[]).includes(key);
}

/** Alipay's public key given as the app's own. */
export const ownKeyProblem = (): Text => configKeysText.ownAppKey();

/**
 * What is wrong with `path` as the value of `key`, or undefined when it is fine. `privateKey` is
 * the profile's app key, when known, to tell Alipay's public key from the app's own.
 */
export function profileFileProblem(key: FileKey, path: string, privateKey?: KeyObject): Text | string | undefined {
  let text: string;
  try {
    if (statSync(path).isDirectory()) return configKeysText.isFolder({ path });
    // Capped as every key file is (read-capped.ts): `/dev/zero` or a large file is an answer to refuse.
    const what = key === 'encryptKeyFile' ? configKeysText.anAesKeyFile() : key.endsWith('CertFile') ? configKeysText.aCertificateFile() : configKeysText.aKeyFile();
    text = readTextFile(path, { readUpTo }, what);
  } catch (err) {
    return err instanceof ConfigError ? err.text : configKeysText.cannotReadFile({ path, reason: osReasonText(err) });
  }
  try {
    if (key === 'privateKeyFile') parsePrivateKey(text, path, 'file');
    else if (key === 'alipayPublicKeyFile') return isOwnKey(parsePublicKey(text, path, 'file'), privateKey) ? ownKeyProblem() : undefined;
    else if (key === 'encryptKeyFile') return isAesKey(text) ? undefined : configKeysText.notAesKeyFile({ path });
    else if (parseCertificates(text).length === 0) return configKeysText.noCertificateIn({ path });
    return undefined;
  } catch (err) {
    // A key's problem as data; a certificate's (the protocol module's) in English.
    return err instanceof ConfigError ? err.text : (err as Error).message;
  }
}

/** The app private key in `path`, or undefined when it cannot be read (its own check says why). */
export function readPrivateKey(path: string): KeyObject | undefined {
  try {
    return parsePrivateKey(readTextFile(path, { readUpTo }), path, 'file');
  } catch {
    return undefined;
  }
}

export function isOwnKey(publicKey: KeyObject, privateKey: KeyObject | undefined): boolean {
  if (!privateKey) return false;
  const spki = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).toString('base64');
  return spki(publicKey) === spki(createPublicKey(privateKey));
}
