import { setTimeout as delay } from 'node:timers/promises';
import { MAX_JSON_DEPTH, tooDeepAt, type Charset, type SignType } from '../protocol/index.js';
import { authenticate, type AuthenticRequest } from './authenticate.js';
import { businessError, ERROR_NODE, gatewayError, type Answer, type ResponseNode } from './codes.js';
import type { AnswerFault, FaultPlan } from './faults.js';
import { METHOD_NAMES, METHODS, UPLOAD_METHODS } from './methods/index.js';
import { isMultipart, parseMultipart, type UploadedPart } from './multipart.js';
import { decodeRequest, type RawGatewayRequest } from './request-params.js';
import { ImageWriteError } from './image-files.js';
import { StateLogWriteError } from './state-log.js';
import type { GatewayStore } from './store.js';

/** The answer to one request and how to write it: charset, sign type, AES key, cert SN or not. */
export interface Exchange {
  answer: Answer;
  charset: Charset;
  signType: SignType;
  /** The request was encrypted: the answer's node goes out encrypted with this key. */
  encryptKey: string | undefined;
  /** The caller speaks certificate mode: the answer carries alipay_cert_sn. */
  certificateMode: boolean;
  /** A fault that fired for this request; http500, reset, truncate and bad-sign are the server's to play. */
  fault?: AnswerFault | undefined;
}

export interface ExchangeContext {
  store: GatewayStore;
  now: Date;
  random: () => number;
  faults: Pick<FaultPlan, 'draw'>;
}

/**
 * One gateway.do request, start to answer: decode, authenticate (the RSA check waits on the thread
 * pool), then run the method synchronously — unless a fault answers in its place. Faults are
 * drawn after authentication, where a busy back end or a throttle answers on the real gateway, so
 * a request the gateway refuses anyway never uses up a `next=N` fault; and before the method, so a
 * fault that reports failure stores nothing.
 */
export async function exchange(raw: RawGatewayRequest, context: ExchangeContext): Promise<Exchange> {
  // A multipart upload: the protocol params in the query (the charset among them), the text params in that charset and the file in the body.
  const multipart = isMultipart(raw.contentType);
  const decoded = decodeRequest(multipart ? { ...raw, body: Buffer.alloc(0) } : raw);
  if (!decoded.ok) return { answer: decoded.answer, charset: decoded.charset, signType: 'RSA2', encryptKey: undefined, certificateMode: false };
  const { charset } = decoded;
  let { params } = decoded;
  let files: ReadonlyMap<string, UploadedPart> = new Map();
  if (multipart) {
    try {
      const form = parseMultipart(raw.body, raw.contentType!, charset);
      // As with a form body, a param in the query keeps the query's value.
      params = { ...form.fields, ...params };
      files = form.files;
    } catch (err) {
      const answer = { nodeName: ERROR_NODE, node: gatewayError('isv.invalid-parameter', `参数无效: the request is not well-formed multipart/form-data (${(err as Error).message})`) };
      return { answer, charset, signType: 'RSA2', encryptKey: undefined, certificateMode: false };
    }
  }
  const certificateMode = (params.app_cert_sn ?? '').trim() !== '';
  const auth = await authenticate(params, charset, { methods: METHOD_NAMES, apps: context.store.apps, now: context.now });
  if (!auth.ok) return { answer: auth.answer, charset, signType: auth.signType, encryptKey: undefined, certificateMode };
  const request = auth.request;
  const { latencyMs, fault } = context.faults.draw();
  if (latencyMs > 0) await delay(latencyMs);
  const node = faultNode(fault) ?? callMethod(request, files, context);
  return {
    answer: { nodeName: request.nodeName, node },
    charset,
    signType: auth.signType,
    encryptKey: request.encryptKey,
    certificateMode: certificateMode || request.app.appCertSn !== undefined,
    fault,
  };
}

function faultNode(fault: AnswerFault | undefined): ResponseNode | undefined {
  switch (fault) {
    // The server answers HTTP 500 instead; the method must not run.
    case 'http500':
    case 'unavailable':
      return gatewayError('isp.unknow-error');
    case 'system-error':
      return businessError('SYSTEM_ERROR', '系统异常，请重试 (injected fault)');
    case 'throttle':
      return gatewayError('isp.call-limited');
    default:
      return undefined;
  }
}

function callMethod(request: AuthenticRequest, files: ReadonlyMap<string, UploadedPart>, context: ExchangeContext): ResponseNode {
  let biz: unknown;
  // An upload has text params and a file, no biz_content.
  if (!UPLOAD_METHODS.has(request.method)) {
    const text = request.bizContent;
    if (text === undefined || text.trim() === '') return businessError('INVALID_PARAMETER', '参数有误: biz_content is required');
    const deep = tooDeepAt(text);
    if (deep !== undefined) return businessError('INVALID_PARAMETER', `参数有误: biz_content nests deeper than ${MAX_JSON_DEPTH} levels (at position ${deep})`);
    try {
      biz = JSON.parse(text);
    } catch (err) {
      return businessError('INVALID_PARAMETER', `参数有误: biz_content is not valid JSON (${(err as Error).message})`);
    }
  }
  const handler = METHODS.get(request.method)!;
  try {
    return handler({ appId: request.app.appId, biz, params: request.params, files, now: context.now, random: context.random, store: context.store });
  } catch (err) {
    // Nothing was stored (the store takes an entry only once its log line is written): a retry
    // under the same out_serial_no or request_id does the work then, or fails the same way.
    if (err instanceof StateLogWriteError) return gatewayError('isp.unknow-error', '服务暂不可用: the local gateway could not write its state log; nothing was stored, retry later');
    if (err instanceof ImageWriteError) return gatewayError('isp.unknow-error', '服务暂不可用: the local gateway could not write the uploaded image; nothing was stored, retry later');
    throw err;
  }
}
