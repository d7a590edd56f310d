/**
 * The Alipay OpenAPI v2 protocol as pure functions: no I/O, no environment, nothing of ours
 * imported from outside this folder. Everything else in the CLI reaches the protocol through here.
 */
export { ProtocolError, type ProtocolErrorCode } from './errors.js';
export { CHARSETS, normalizeCharset, encodeText, canEncode, decodeText, type Charset } from './charset.js';
export { buildSignContent, type Params } from './sign-content.js';
export { compactJson } from './compact-json.js';
export { tooDeepAt, MAX_JSON_DEPTH } from './json-depth.js';
export { signContent, verifyContent, MIN_RSA_BITS, type SignType } from './signature.js';
export { beijingDigits, formatTimestamp, parseTimestamp } from './timestamp.js';
export { responseNodeName, extractResponse, type ExtractedResponse } from './response-node.js';
export { encodeForm, parseForm, parseFormPairs } from './form.js';
export { verifyNotification, type NotifyMode, type NotifyVerification } from './notification.js';
export { parseCertificates, certSn, rootCertSn, type CertificateInfo } from './certificate.js';
export { alipayCertStanding, type AlipayCertStanding } from './certificate-chain.js';
export { aesEncrypt, aesDecrypt } from './aes.js';
