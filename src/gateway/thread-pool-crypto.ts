import { sign, verify, type KeyObject } from 'node:crypto';
import { encodeText, type Charset, type SignType } from '../protocol/index.js';

/**
 * The protocol's signContent and verifyContent, run on libuv's thread pool. RSA is most of what
 * an answer costs; off the event loop it runs on the other core while the loop decodes, checks and
 * stores the next requests. Same algorithms, same refusals, same results — the unit tests hold
 * each equal to its protocol twin on the same inputs.
 */
const DIGEST: Readonly<Record<SignType, string>> = { RSA2: 'sha256', RSA: 'sha1' };
// As the protocol checks it: canonical standard base64 only (Buffer.from would skip junk).
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** PKCS#1 v1.5 is deterministic: byte-identical to signContent over the same bytes. */
export function signInThreadPool(bytes: Buffer, key: KeyObject, signType: SignType): Promise<string> {
  return new Promise((resolve, reject) => {
    sign(DIGEST[signType], bytes, key, (err, signature) => (err ? reject(err) : resolve(signature.toString('base64'))));
  });
}

/** False, never a rejection, for anything verifyContent would refuse. */
export function verifyInThreadPool(content: string, signature: string, key: KeyObject, signType: SignType, charset: Charset): Promise<boolean> {
  if (signature === '' || !STANDARD_BASE64.test(signature)) return Promise.resolve(false);
  const bytes = Buffer.from(signature, 'base64');
  const modulusBits = key.asymmetricKeyDetails?.modulusLength;
  if (modulusBits !== undefined && bytes.length !== Math.ceil(modulusBits / 8)) return Promise.resolve(false);
  let data: Buffer;
  try {
    data = encodeText(content, charset);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    verify(DIGEST[signType], data, key, bytes, (err, valid) => resolve(!err && valid));
  });
}
