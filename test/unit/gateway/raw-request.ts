import type { KeyObject } from 'node:crypto';
import { buildSignContent, encodeForm, signContent, type Charset, type SignType } from '../../../src/protocol/index.js';
import { APP_ID, appPrivateKey, postRaw, readReply, TIMESTAMP, type Reply } from './helpers.js';

export interface RawOptions {
  /** Leave the request unsigned (no sign param). */
  unsigned?: boolean;
  key?: KeyObject;
  signType?: SignType;
  /** The charset the signature is computed in (default: the params' charset). */
  signCharset?: Charset;
  /** The charset the form is encoded in (default: the params' charset). */
  formCharset?: Charset;
}

/** The protocol params a well-formed request carries; tests delete or change one to get one error. */
export function baseParams(method: string, biz: unknown): Record<string, string> {
  return {
    app_id: APP_ID,
    method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: TIMESTAMP,
    version: '1.0',
    biz_content: typeof biz === 'string' ? biz : JSON.stringify(biz),
  };
}

/**
 * Signs exactly `params` (whatever is missing or odd about them) and posts them the standard way:
 * everything but biz_content in the query, biz_content in the form body.
 */
export async function rawCall(gateway: { url: string; alipayPublicKey: string }, params: Record<string, string>, options: RawOptions = {}): Promise<Reply> {
  const charset = (options.formCharset ?? (params.charset?.toLowerCase() === 'gbk' ? 'gbk' : 'utf-8')) as Charset;
  const signed = { ...params };
  if (!options.unsigned) {
    const signType = options.signType ?? (params.sign_type === 'RSA' ? 'RSA' : 'RSA2');
    signed.sign = signContent(buildSignContent(params), options.key ?? appPrivateKey, signType, options.signCharset ?? charset);
  }
  const { biz_content: biz, ...query } = signed;
  const response = await postRaw(gateway.url, encodeForm(query, charset), biz === undefined ? '' : encodeForm({ biz_content: biz }, charset));
  return readReply(response, gateway.alipayPublicKey, params.sign_type === 'RSA' ? 'RSA' : 'RSA2');
}
