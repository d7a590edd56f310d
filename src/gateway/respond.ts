import { aesEncrypt, encodeText, ProtocolError } from '../protocol/index.js';
import type { Exchange } from './exchange.js';
import type { GatewayIdentity } from './identity.js';
import { signInThreadPool } from './thread-pool-crypto.js';

export interface RenderedAnswer {
  contentType: string;
  body: Buffer;
}

/**
 * Writes the answer as the real gateway does: `{"<node>":{...},"alipay_cert_sn":"...","sign":"..."}`,
 * the sign computed over the node's exact text in the request charset (over the quoted
 * ciphertext when the request was encrypted), the body encoded in that charset.
 */
export async function renderAnswer(exchange: Exchange, identity: GatewayIdentity, badSign = false): Promise<RenderedAnswer> {
  const { charset } = exchange;
  let nodeText = JSON.stringify(exchange.answer.node);
  if (exchange.encryptKey !== undefined) nodeText = JSON.stringify(aesEncrypt(nodeText, exchange.encryptKey, charset));
  let bytes: Buffer;
  try {
    bytes = encodeText(nodeText, charset);
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    // Text the charset cannot carry (a GBK-only character in a GB2312 answer) goes as a JSON
    // escape, which every charset can carry and every JSON reader decodes to the same text.
    nodeText = escapeNonAscii(nodeText);
    bytes = Buffer.from(nodeText, 'latin1');
  }
  let signature = await signInThreadPool(bytes, identity.privateKey, exchange.signType);
  if (badSign) signature = corrupt(signature);
  const certSn = exchange.certificateMode ? `,"alipay_cert_sn":"${identity.alipayCertSn}"` : '';
  const head = `{"${exchange.answer.nodeName}":`;
  const tail = `${certSn},"sign":"${signature}"}`;
  return {
    contentType: `application/json;charset=${charset}`,
    body: Buffer.concat([Buffer.from(head, 'latin1'), bytes, Buffer.from(tail, 'latin1')]),
  };
}

function escapeNonAscii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A well-formed signature of the right length that does not verify: one base64 digit changed. */
function corrupt(sign: string): string {
  const first = sign[0] === 'A' ? 'B' : 'A';
  return first + sign.slice(1);
}
