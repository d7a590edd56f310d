import type { KeyObject } from 'node:crypto';
import {
  aesEncrypt,
  buildSignContent,
  encodeForm,
  normalizeCharset,
  signContent,
  type Charset,
  type SignType,
} from '../protocol/index.js';
import { UnencodableTextError } from '../protocol/charset.js';
import { UsageError } from '../errors.js';
import { unencodableInput } from './unencodable.js';

/** Who signs: the app's identity and keys, already parsed. */
export interface SigningIdentity {
  appId: string;
  privateKey: KeyObject;
  signType: SignType;
  charset: Charset;
  appCertSn?: string | undefined;
  alipayRootCertSn?: string | undefined;
  encryptKey?: string | undefined;
  appAuthToken?: string | undefined;
}

export interface RequestSpec {
  method: string;
  /** biz_content as compact JSON, or undefined for a method without one. */
  bizContent?: string | undefined;
  /** 'yyyy-MM-dd HH:mm:ss', Asia/Shanghai. */
  timestamp: string;
  /** The user's auth_token (card open); never logged. */
  authToken?: string | undefined;
  /** Added or overriding params (`--param`), applied last, before signing. */
  extraParams?: Readonly<Record<string, string>> | undefined;
}

export interface SignedRequest {
  /** Every param as sent, `sign` included, in the order they are sent. */
  params: Record<string, string>;
  signContent: string;
  sign: string;
  signType: SignType;
  charset: Charset;
  /** Gateway URL with every param but biz_content in its query string. */
  url: string;
  /** The form body: biz_content, percent-encoded in the request charset. */
  body: string;
  contentType: string;
}

/**
 * Builds and signs a gateway request without sending it. Protocol params travel in the URL query,
 * `biz_content` in the form body — both percent-encoded in the request charset — which is how
 * Alipay's own SDKs post, and keeps the (possibly large) business payload out of access logs.
 */
export function buildRequest(gatewayUrl: string, spec: RequestSpec, identity: SigningIdentity): SignedRequest {
  const params: Record<string, string> = {
    app_id: identity.appId,
    method: spec.method,
    format: 'JSON',
    charset: identity.charset,
    sign_type: identity.signType,
    timestamp: spec.timestamp,
    version: '1.0',
  };
  if (identity.appAuthToken) params.app_auth_token = identity.appAuthToken;
  if (spec.authToken) params.auth_token = spec.authToken;
  if (identity.appCertSn) params.app_cert_sn = identity.appCertSn;
  if (identity.alipayRootCertSn) params.alipay_root_cert_sn = identity.alipayRootCertSn;
  Object.assign(params, spec.extraParams ?? {});
  delete params.sign;

  const charset = requestCharset(params.charset);
  const signType = requestSignType(params.sign_type);
  try {
    return signRequest(gatewayUrl, params, spec.bizContent, identity, charset, signType);
  } catch (err) {
    // Text the charset cannot encode (an emoji in a GBK request) is the user's input to fix.
    if (err instanceof UnencodableTextError) throw unencodableInput(err, spec.bizContent === undefined ? params : { ...params, biz_content: spec.bizContent });
    throw err;
  }
}

function signRequest(gatewayUrl: string, params: Record<string, string>, bizContent: string | undefined, identity: SigningIdentity, charset: Charset, signType: SignType): SignedRequest {
  if (bizContent !== undefined) {
    // Encryption comes before signing: the gateway verifies the ciphertext it received.
    if (identity.encryptKey && params.encrypt_type === undefined) params.encrypt_type = 'AES';
    params.biz_content = params.encrypt_type === 'AES' && identity.encryptKey
      ? aesEncrypt(bizContent, identity.encryptKey, charset)
      : bizContent;
  }

  const content = buildSignContent(params);
  const sign = signContent(content, identity.privateKey, signType, charset);
  params.sign = sign;

  const { biz_content: biz, ...query } = params;
  const body = biz === undefined ? '' : encodeForm({ biz_content: biz }, charset);
  return {
    params,
    signContent: content,
    sign,
    signType,
    charset,
    url: `${gatewayUrl}?${encodeForm(query, charset)}`,
    body,
    contentType: `application/x-www-form-urlencoded;charset=${charset}`,
  };
}

function requestCharset(value: string | undefined): Charset {
  const charset = value === undefined ? undefined : normalizeCharset(value);
  if (!charset) {
    throw new UsageError(`charset ${JSON.stringify(value)} is not supported`, { hint: 'use utf-8, gbk or gb2312' });
  }
  return charset;
}

function requestSignType(value: string | undefined): SignType {
  if (value === 'RSA2' || value === 'RSA') return value;
  throw new UsageError(`sign_type ${JSON.stringify(value)} is not supported`, { hint: 'use RSA2 (SHA256withRSA) or RSA (SHA1withRSA)' });
}
