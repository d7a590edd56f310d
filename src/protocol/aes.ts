import { createCipheriv, createDecipheriv } from 'node:crypto';
import { decodeText, encodeText, type Charset } from './charset.js';
import { isStandardBase64 } from './base64.js';
import { ProtocolError } from './errors.js';

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
  if (!isStandardBase64(ciphertext)) throw new ProtocolError('aes', 'ciphertext is not valid standard base64');
  const bytes = Buffer.from(ciphertext, 'base64');
  if (bytes.length === 0 || bytes.length % 16 !== 0) {
    throw new ProtocolError('aes', `ciphertext is ${bytes.length} bytes; AES-CBC output is a non-zero multiple of 16`);
  }
  const decipher = createDecipheriv('aes-128-cbc', key, ZERO_IV);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
  } catch {
    throw new ProtocolError('aes', 'bad PKCS#7 padding after decryption: wrong encrypt key or corrupted ciphertext');
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
        ? 'encrypt key is not valid base64'
        : `encrypt key decodes to ${key.length} bytes; AES-128 needs exactly 16 (a 24-character base64 string)`,
    );
  }
  return key;
}
