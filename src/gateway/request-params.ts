import { decodeText, normalizeCharset, parseForm, ProtocolError, type Charset } from '../protocol/index.js';
import { ERROR_NODE, gatewayError, type Answer } from './codes.js';

/** A gateway.do request as it came off the wire: the raw query string and body bytes. */
export interface RawGatewayRequest {
  /** Everything after '?' in the request target, as Node gives it (latin1 for any raw byte). */
  query: string;
  body: Buffer;
  contentType?: string | undefined;
}

export type DecodedRequest =
  | { ok: true; params: Record<string, string>; charset: Charset }
  | { ok: false; answer: Answer; charset: Charset };

const CHARSET_FIELD = /(?:^|&)charset=([^&]*)/;
// A client that sends raw bytes in the URL instead of %-escapes: Node hands them over as latin1.
const NON_ASCII = /[^\x00-\x7f]/;
const CONTENT_TYPE_CHARSET = /;\s*charset=([^;\s]+)/i;

/**
 * Params from the query string and the form body, both decoded in the request's charset. The
 * charset is read before anything is decoded (it says how to decode): the `charset` param in the
 * query, else in the body, else the Content-Type's charset. A param in both the query and the body
 * keeps the query's value, as a servlet's getParameter does.
 */
export function decodeRequest(raw: RawGatewayRequest): DecodedRequest {
  const declared =
    charsetField(raw.query) ??
    (raw.body.length > 0 ? charsetField(raw.body.toString('latin1')) : undefined) ??
    CONTENT_TYPE_CHARSET.exec(raw.contentType ?? '')?.[1];
  if (declared === undefined || declared.trim() === '') {
    return { ok: false, answer: { nodeName: ERROR_NODE, node: gatewayError('isv.missing-charset') }, charset: 'utf-8' };
  }
  const charset = normalizeCharset(declared);
  if (charset === undefined) {
    return {
      ok: false,
      answer: { nodeName: ERROR_NODE, node: gatewayError('isv.invalid-charset', `字符集错误: charset ${JSON.stringify(declared)} is not one of UTF-8, GBK, GB2312`) },
      charset: 'utf-8',
    };
  }
  try {
    const body = raw.body.length > 0 ? parseForm(decodeText(raw.body, charset), charset) : {};
    const query = raw.query === '' ? {} : parseForm(NON_ASCII.test(raw.query) ? decodeText(Buffer.from(raw.query, 'latin1'), charset) : raw.query, charset);
    return { ok: true, params: Object.assign(body, query), charset };
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    return {
      ok: false,
      answer: { nodeName: ERROR_NODE, node: gatewayError('isv.invalid-parameter', `参数无效: the request is not a well-formed form (${err.message})`) },
      charset,
    };
  }
}

function charsetField(form: string): string | undefined {
  const match = CHARSET_FIELD.exec(form);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!.replaceAll('+', ' '));
  } catch {
    return match[1];
  }
}
