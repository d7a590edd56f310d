import type { KeyObject } from 'node:crypto';
import {
  aesDecrypt,
  extractResponse,
  ProtocolError,
  verifyContent,
  type Charset,
  type SignType,
} from '../protocol/index.js';
import { GatewayError, TransportError, VerificationError } from '../errors.js';
import { clientErrorsText } from '../i18n/en/client-errors.js';
import type { Text } from '../i18n/text.js';
import { redactSecrets } from './redact.js';

/** How responses are authenticated: the Alipay key, or in certificate mode the cert the response names. */
export interface ResponseVerifier {
  signType: SignType;
  charset: Charset;
  /** The key for a response carrying this alipay_cert_sn (undefined outside certificate mode). */
  keyFor(alipayCertSn: string | undefined): KeyObject | { error: Text | string };
  encryptKey?: string | undefined;
}

/** A gateway answer whose signature checked out (or an unsigned error node, marked so). */
export interface GatewayResponse {
  nodeName: string;
  /** The node parsed; for an encrypted node, the decrypted JSON parsed. */
  node: GatewayNode;
  /** The node's text exactly as the gateway sent it (decrypted if it was encrypted): what --json prints. */
  nodeText: string;
  /** False only for an error node the gateway left unsigned. */
  verified: boolean;
}

export interface GatewayNode {
  code?: string;
  msg?: string;
  sub_code?: string;
  sub_msg?: string;
  [field: string]: unknown;
}

/**
 * Turns a response body into a verified node. Verification is on and fails closed: a node that is
 * signed wrongly, or a success that is not signed at all, never reaches the caller as success.
 */
export function readResponse(body: string, method: string, verifier: ResponseVerifier): GatewayResponse {
  let extracted;
  try {
    extracted = extractResponse(body, method);
  } catch (err) {
    if (err instanceof ProtocolError) {
      throw new TransportError(clientErrorsText.notAResponse({ reason: err.text }), { hint: clientErrorsText.notAResponseHint() });
    }
    throw err;
  }
  const signed = Boolean(extracted.sign);
  if (signed) {
    const key = verifier.keyFor(extracted.alipayCertSn);
    if ('error' in key) throw new VerificationError(key.error);
    if (!verifyContent(extracted.signContent, extracted.sign!, key, verifier.signType, verifier.charset)) {
      throw new VerificationError(clientErrorsText.signatureInvalid({ node: extracted.nodeName }), { hint: clientErrorsText.signatureInvalidHint() });
    }
  }
  let nodeText = extracted.signContent;
  if (extracted.encrypted) {
    if (!verifier.encryptKey) throw new VerificationError(clientErrorsText.encryptedNoKey({ node: extracted.nodeName }));
    try {
      nodeText = aesDecrypt(JSON.parse(nodeText) as string, verifier.encryptKey, verifier.charset);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      throw new VerificationError(clientErrorsText.doesNotDecrypt({ node: extracted.nodeName, reason: err.text }), { hint: clientErrorsText.doesNotDecryptHint() });
    }
  }
  let node: GatewayNode;
  try {
    node = JSON.parse(nodeText) as GatewayNode;
  } catch {
    throw new TransportError(clientErrorsText.notJsonObject({ node: extracted.nodeName }));
  }
  const success = node.code === '10000';
  if (!signed && (success || node.code === undefined)) {
    throw new VerificationError(clientErrorsText.unsignedSuccess({ node: extracted.nodeName }));
  }
  return { nodeName: extracted.nodeName, node, nodeText, verified: signed };
}

/** Codes worth another attempt with the same request (DESIGN section 3). */
export function isRetryableNode(node: GatewayNode): boolean {
  return node.code === '20000' || node.code === '40005' || (node.code === '40004' && node.sub_code === 'SYSTEM_ERROR');
}

/**
 * What a failure carries for diagnosis: the node, and the string we signed — secrets redacted in
 * both, so no one downstream (stdout, the explanation, results files) has to remember to.
 */
export interface GatewayFailure {
  response: GatewayResponse;
  ourSignContent: string;
}

/** The gateway's own error, carrying the node so `--json` can still print it. */
export function gatewayError(verified: GatewayResponse, ourSignContent: string): GatewayError {
  const response = redactedResponse(verified);
  const n = response.node;
  const parts = [`${n.code ?? '?'} ${n.msg ?? ''}`.trim()];
  // sub_msg can be long (isv.invalid-signature quotes a whole string): the explanation shows it.
  if (n.sub_code) parts.push(n.sub_code);
  return new GatewayError(clientErrorsText.gatewayAnswered({ answer: parts.join(' — '), signed: response.verified ? 'yes' : 'no' }), {
    hint: hintFor(n, response.nodeName),
    failure: { response, ourSignContent } satisfies GatewayFailure,
  });
}

/**
 * The failure as the rest of the program may see it. isv.invalid-signature's sub_msg quotes the
 * gateway's string to sign, auth_token and app_auth_token in clear. The signature was checked
 * before this, over the raw node; the --verbose log redacts the raw body on its own.
 */
function redactedResponse(response: GatewayResponse): GatewayResponse {
  const node = { ...response.node };
  for (const k of ['code', 'msg', 'sub_code', 'sub_msg'] as const) {
    if (typeof node[k] === 'string') node[k] = redactSecrets(node[k]);
  }
  return { ...response, node, nodeText: redactSecrets(response.nodeText) };
}

/** What to do about a failure, by its sub_code and — where the advice depends on the method (a reused serial) — the method's node. */
function hintFor(n: GatewayNode, nodeName: string): Text | undefined {
  switch (n.sub_code) {
    case 'isv.invalid-signature':
      return clientErrorsText.invalidSignatureHint();
    case 'isv.invalid-app-id':
      return clientErrorsText.invalidAppIdHint();
    case 'isv.invalid-timestamp':
      return clientErrorsText.invalidTimestampHint();
    case 'TEMPLATE_NOT_EXIT':
      return clientErrorsText.templateNotExistHint();
    case 'OUT_SERIAL_NO_CONFLICT':
      // card open and card delete carry an out_serial_no; each has its own flags to say the request again with.
      return nodeName === 'alipay_marketing_card_delete_response' ? clientErrorsText.deleteSerialConflictHint() : clientErrorsText.serialConflictHint();
    case 'SYSTEM_ERROR':
    case 'isp.unknow-error':
    case 'aop.unknow-error':
      return clientErrorsText.transientHint();
    default:
      return n.code === '40005' ? clientErrorsText.throttledHint() : undefined;
  }
}
