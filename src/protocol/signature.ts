import { sign, verify, type KeyObject } from 'node:crypto';
import { encodeText, type Charset } from './charset.js';
import { isStandardBase64 } from './base64.js';
import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';

/** RSA2 = SHA256withRSA, RSA = SHA1withRSA; both PKCS#1 v1.5 (node's default for RSA keys). */
export type SignType = 'RSA2' | 'RSA';

const DIGEST: Readonly<Record<SignType, string>> = { RSA2: 'sha256', RSA: 'sha1' };

/**
 * The shortest RSA key accepted anywhere: Alipay's console and key tool make 2048-bit keys only. A
 * 1024-bit key signs and verifies as well as any, and is breakable in practice.
 */
export const MIN_RSA_BITS = 2048;


/**
 * Signs the content's bytes in the request charset, e.g. RSA2 over `app_id=1&method=a.b` in UTF-8.
 * Deterministic: PKCS#1 v1.5 has no salt, so the same content and key always give the same sign.
 */
export function signContent(content: string, privateKey: KeyObject, signType: SignType, charset: Charset): string {
  return sign(digestOf(signType), encodeText(content, charset), privateKey).toString('base64');
}

/** False, never an exception, for a sign that is not base64 or not one RSA block long. */
export function verifyContent(
  content: string,
  signature: string,
  publicKey: KeyObject,
  signType: SignType,
  charset: Charset,
): boolean {
  if (signature === '' || !isStandardBase64(signature)) return false;
  const bytes = Buffer.from(signature, 'base64');
  const modulusBits = publicKey.asymmetricKeyDetails?.modulusLength;
  if (modulusBits !== undefined && bytes.length !== Math.ceil(modulusBits / 8)) return false;
  let data: Buffer;
  try {
    data = encodeText(content, charset);
  } catch {
    // Text the charset cannot carry was never what the gateway signed.
    return false;
  }
  return verify(digestOf(signType), data, publicKey, bytes);
}

export function parseSignType(value: string): SignType {
  const upper = value.trim().toUpperCase();
  if (upper === 'RSA2' || upper === 'RSA') return upper;
  throw new ProtocolError('unsupported-sign-type', protocolText.unsupportedSignTypeParam({ value }));
}

function digestOf(signType: SignType): string {
  const digest = DIGEST[signType];
  if (digest === undefined) throw new ProtocolError('unsupported-sign-type', protocolText.unsupportedSignType({ value: String(signType) }));
  return digest;
}
