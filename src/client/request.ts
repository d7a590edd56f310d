import { randomBytes, type KeyObject } from 'node:crypto';
import {
  aesEncrypt,
  buildSignContent,
  canEncode,
  encodeText,
  encodeForm,
  normalizeCharset,
  signContent,
  type Charset,
  type SignType,
} from '../protocol/index.js';
import { UnencodableTextError } from '../protocol/charset.js';
import { UsageError } from '../errors.js';
import { clientErrorsText } from '../i18n/en/client-errors.js';
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
  /** A multipart upload's text params (image_type, image_name): signed with the rest, sent as fields of the body. */
  textParams?: Readonly<Record<string, string>> | undefined;
  /** A multipart upload's file part: not in the string to sign, as Alipay's SDKs sign uploads. */
  file?: UploadFile | undefined;
}

export interface UploadFile {
  /** The form field: image_content. */
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
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
  /** The form body: biz_content, percent-encoded in the request charset; or a multipart upload's bytes. */
  body: string | Uint8Array;
  contentType: string;
  /** A multipart upload's parts, for showing it: the text fields, and the file by name, type and size. */
  upload?: { fields: Record<string, string>; file: { field: string; filename: string; contentType: string; bytes: number } } | undefined;
}

/** The body as a person reads it: the form text, or a multipart upload's fields and its file by size (never its bytes). */
export function bodyText(request: Pick<SignedRequest, 'body' | 'upload'>): string {
  if (typeof request.body === 'string') return request.body;
  const { fields, file } = request.upload ?? { fields: {}, file: { field: '?', filename: '?', contentType: '?', bytes: request.body.length } };
  const parts = Object.entries(fields).map(([name, value]) => `${name}=${value}`);
  return `multipart/form-data, ${request.body.length} bytes: ${[...parts, `${file.field}=<${file.filename}, ${file.contentType}, ${file.bytes} bytes: not signed>`].join('; ')}`;
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
    if (spec.file !== undefined) return signUpload(gatewayUrl, params, spec.textParams ?? {}, spec.file, identity, charset, signType);
    return signRequest(gatewayUrl, params, spec.bizContent, identity, charset, signType);
  } catch (err) {
    // Text the charset cannot encode (an emoji in a GBK request) is the user's input to fix.
    if (err instanceof UnencodableTextError) throw unencodableInput(err, { ...params, ...spec.textParams, ...(spec.bizContent === undefined ? {} : { biz_content: spec.bizContent }) });
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

/**
 * A multipart upload: every protocol param and the signature in the URL query, the text params as
 * form fields, the file part last. The string to sign holds the protocol and text params, never
 * the file. Every part's text is in the request charset, as Alipay's Java SDK writes it
 * (WebUtils: each entry `.getBytes(charset)`, `multipart/form-data;boundary=…;charset=…`): the
 * gateway reads the fields in the charset the URL names and verifies the signature over them, so a
 * GBK request whose fields went out as UTF-8 (as alipay-sdk for Node sends them) fails for any
 * Chinese image_name.
 */
function signUpload(gatewayUrl: string, params: Record<string, string>, textParams: Readonly<Record<string, string>>, file: UploadFile, identity: SigningIdentity, charset: Charset, signType: SignType): SignedRequest {
  const query = { ...params };
  const signed: Record<string, string> = { ...params, ...textParams };
  const content = buildSignContent(signed);
  const sign = signContent(content, identity.privateKey, signType, charset);
  query.sign = sign;
  signed.sign = sign;
  const boundary = `----alipay-card-${randomBytes(12).toString('hex')}`;
  return {
    params: signed,
    signContent: content,
    sign,
    signType,
    charset,
    url: `${gatewayUrl}?${encodeForm(query, charset)}`,
    body: multipartBody(boundary, textParams, file, charset),
    contentType: `multipart/form-data; boundary=${boundary}; charset=${charset}`,
    upload: { fields: { ...textParams }, file: { field: file.field, filename: file.filename, contentType: file.contentType, bytes: file.bytes.length } },
  };
}

/**
 * RFC 7578 form data in the request charset: a part per text param, then the file. Names and file
 * names escaped as the WHATWG form encoder does. The file name is not signed and Alipay keeps
 * image_name, not it: a character the charset lacks becomes '?', as the Java SDK's getBytes makes
 * it, rather than refusing a file for its name.
 */
function multipartBody(boundary: string, fields: Readonly<Record<string, string>>, file: UploadFile, charset: Charset): Uint8Array {
  const escape = (name: string) => name.replace(/\r\n|\r|\n/g, '%0D%0A').replace(/"/g, '%22');
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(encodeText(`--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"\r\nContent-Type: text/plain; charset=${charset}\r\n\r\n${value}\r\n`, charset));
  }
  const filename = [...file.filename].map((ch) => (canEncode(ch, charset) ? ch : '?')).join('');
  parts.push(encodeText(`--${boundary}\r\nContent-Disposition: form-data; name="${escape(file.field)}"; filename="${escape(filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`, charset));
  parts.push(Buffer.from(file.bytes), Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(parts);
}

function requestCharset(value: string | undefined): Charset {
  const charset = value === undefined ? undefined : normalizeCharset(value);
  if (!charset) {
    throw new UsageError(clientErrorsText.charsetUnsupported({ charset: JSON.stringify(value) }), { hint: clientErrorsText.charsetUnsupportedHint() });
  }
  return charset;
}

function requestSignType(value: string | undefined): SignType {
  if (value === 'RSA2' || value === 'RSA') return value;
  throw new UsageError(clientErrorsText.signTypeUnsupported({ signType: JSON.stringify(value) }), { hint: clientErrorsText.signTypeUnsupportedHint() });
}
