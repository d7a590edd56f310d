import { createCipheriv, createDecipheriv } from 'node:crypto';
import { decodeText, encodeText, type Charset } from './charset.js';
import { isStandardBase64 } from './base64.js';
import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';

// Alipay's content encryption: AES-128-CBC with an all-zero IV (fixed by the protocol, so equal
// plaintexts give equal ciphertexts), PKCS#7 padding, standard base64 on the wire.
const ZERO_IV = Buffer.alloc(16);

/** E.g. '{"a":1}' → base64 ciphertext; `encryptKey` is the app's base64 AES key from the console. */
export function aesEncrypt(plaintext: string, encryptKey: string, charset: Charset): string {
  const cipher = createCipheriv('aes-128-cbc', aesKey(encryptKey), ZERO_IV);
  return Buffer.concat([cipher.update(encodeText(plaintext, charset)), cipher.final()]).toString('base64');
}

export function aesDecrypt(ciphertext: string, encryptKey: string, charset: Charset): string {
  const key = aesKey(encryptKey);
  if (!isStandardBase64(ciphertext)) throw new ProtocolError('aes', protocolText.aesCiphertextNotBase64());
  const bytes = Buffer.from(ciphertext, 'base64');
  if (bytes.length === 0 || bytes.length % 16 !== 0) {
    throw new ProtocolError('aes', protocolText.aesCiphertextLength({ bytes: bytes.length }));
  }
  const decipher = createDecipheriv('aes-128-cbc', key, ZERO_IV);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
  } catch {
    throw new ProtocolError('aes', protocolText.aesBadPadding());
  }
  return decodeText(plain, charset);
}

function aesKey(encryptKey: string): Buffer {
  const trimmed = encryptKey.trim();
  const key = isStandardBase64(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
  if (key === undefined || key.length !== 16) {
    throw new ProtocolError(
      'aes',
      key === undefined
        ? protocolText.aesKeyNotBase64()
        : protocolText.aesKeyLength({ bytes: key.length }),
    );
  }
  return key;
}
