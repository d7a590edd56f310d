import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildRequest, type SigningIdentity } from '../../../src/client/request.js';
import { startGateway, type GatewayOptions, type LocalGateway } from '../../../src/gateway/index.js';
import { aesDecrypt, decodeText, extractResponse, formatTimestamp, normalizeCharset, verifyContent, type Charset } from '../../../src/protocol/index.js';

export const VECTORS = 'test/fixtures/vectors';
export const APP_ID = '2021000000000001';
export const appPrivateKey = createPrivateKey(readFileSync(`${VECTORS}/app-private-key.pem`));
export const appPublicKey = createPublicKey(appPrivateKey);
/** 2024-05-01 09:30:00 in Beijing. */
export const NOW = new Date('2024-05-01T01:30:00Z');
export const TIMESTAMP = formatTimestamp(NOW);

export const METHOD = {
  create: 'alipay.marketing.card.template.create',
  query: 'alipay.marketing.card.template.query',
  open: 'alipay.marketing.card.open',
} as const;

/** A sequence that repeats; makes card numbers and fault draws predictable. */
export function cyclingRandom(values: number[] = [0.13, 0.42, 0.77, 0.05, 0.91, 0.36, 0.58, 0.24]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

export async function startTestGateway(options: GatewayOptions = {}): Promise<LocalGateway> {
  return startGateway({ clock: () => NOW, apps: [{ appId: APP_ID, publicKey: appPublicKey }], ...options });
}

export function identity(overrides: Partial<SigningIdentity> = {}): SigningIdentity {
  return { appId: APP_ID, privateKey: appPrivateKey, signType: 'RSA2', charset: 'utf-8', ...overrides };
}

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  nodeName: string;
  node: Record<string, any>;
  signContent: string;
  verified: boolean;
  alipayCertSn: string | undefined;
}

/** Signs with buildRequest (the client's own), POSTs over real HTTP, checks the answer's signature. */
export async function call(
  gateway: Pick<LocalGateway, 'url' | 'alipayPublicKey'>,
  method: string,
  biz: unknown,
  options: { identity?: Partial<SigningIdentity>; timestamp?: string; extraParams?: Record<string, string> } = {},
): Promise<Reply> {
  const id = identity(options.identity);
  const request = buildRequest(
    gateway.url,
    { method, bizContent: typeof biz === 'string' ? biz : JSON.stringify(biz), timestamp: options.timestamp ?? TIMESTAMP, extraParams: options.extraParams },
    id,
  );
  const response = await fetch(request.url, { method: 'POST', headers: { 'content-type': request.contentType }, body: request.body });
  return readReply(response, gateway.alipayPublicKey, id.signType, id.encryptKey);
}

export async function readReply(response: Response, alipayPublicKey: string, signType: 'RSA' | 'RSA2' = 'RSA2', encryptKey?: string): Promise<Reply> {
  const contentType = response.headers.get('content-type') ?? '';
  const charset: Charset = normalizeCharset(/charset=([^;]+)/.exec(contentType)?.[1] ?? 'utf-8') ?? 'utf-8';
  const text = decodeText(Buffer.from(await response.arrayBuffer()), charset);
  const extracted = extractResponse(text);
  const key = createPublicKey({ key: Buffer.from(alipayPublicKey, 'base64'), format: 'der', type: 'spki' });
  const verified = verifyContent(extracted.signContent, extracted.sign ?? '', key, signType, charset);
  let nodeText = extracted.signContent;
  if (extracted.encrypted && encryptKey) {
    nodeText = aesDecrypt(JSON.parse(nodeText) as string, encryptKey, charset);
  }
  return {
    status: response.status,
    contentType,
    text,
    nodeName: extracted.nodeName,
    node: extracted.encrypted && !encryptKey ? { encrypted: nodeText } : (JSON.parse(nodeText) as Record<string, any>),
    signContent: extracted.signContent,
    verified,
    alipayCertSn: extracted.alipayCertSn,
  };
}

/** A raw POST: exactly these bytes, for the requests buildRequest would never make. */
export async function postRaw(url: string, query: string, body: string | Buffer, contentType = 'application/x-www-form-urlencoded'): Promise<Response> {
  return fetch(`${url}${query ? `?${query}` : ''}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

export function publicKeyBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}
