import { randomUUID } from 'node:crypto';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { decodeText, normalizeCharset, type Charset } from '../protocol/index.js';
import { TransportError, UsageError } from '../errors.js';
import type { SignedRequest } from './request.js';

export interface TransportOptions {
  timeoutMs: number;
  userAgent: string;
  /** Injected by tests; otherwise one keep-alive pool (through HTTP(S)_PROXY when set) per client. */
  dispatcher?: Dispatcher | undefined;
  env?: Record<string, string | undefined>;
}

export interface RawResponse {
  status: number;
  body: string;
  requestId: string;
}

/** Loopback may be plain http (the local gateway); anything else must be https. */
export function assertSecureGateway(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`gateway ${JSON.stringify(url)} is not a URL`, { hint: 'use production, sandbox, local, or https://host/gateway.do' });
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) || parsed.hostname.startsWith('127.');
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new UsageError(`gateway ${url} is not https`, { hint: 'only a loopback gateway (the local one) may use plain http' });
  }
}

export function createDispatcher(options: TransportOptions): Dispatcher {
  if (options.dispatcher) return options.dispatcher;
  const timeouts = { connect: { timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, keepAliveTimeout: 10_000 };
  const env = options.env ?? {};
  const proxied = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  return proxied
    ? new EnvHttpProxyAgent({
        ...timeouts,
        httpProxy: env.HTTP_PROXY || env.http_proxy,
        httpsProxy: env.HTTPS_PROXY || env.https_proxy,
        noProxy: env.NO_PROXY || env.no_proxy,
      })
    : new Agent(timeouts);
}

/** One POST to the gateway. Transport problems become TransportError (exit 6) with the cause named. */
export async function postRequest(dispatcher: Dispatcher, signed: SignedRequest, options: TransportOptions): Promise<RawResponse> {
  const requestId = randomUUID();
  let response: Dispatcher.ResponseData;
  try {
    response = await request(signed.url, {
      method: 'POST',
      dispatcher,
      headers: {
        'content-type': signed.contentType,
        'user-agent': options.userAgent,
        'x-request-id': requestId,
        accept: 'application/json',
      },
      body: signed.body,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    throw transportFailure(err, signed.url);
  }
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await response.body.arrayBuffer());
  } catch (err) {
    throw transportFailure(err, signed.url);
  }
  if (response.statusCode !== 200) {
    throw new TransportError(`the gateway answered HTTP ${response.statusCode}`, { hint: 'a transient server problem, or the wrong gateway URL' });
  }
  const charset = responseCharset(response.headers['content-type'], signed.charset);
  return { status: response.statusCode, body: decodeText(bytes, charset), requestId };
}

function responseCharset(contentType: string | string[] | undefined, fallback: Charset): Charset {
  const header = Array.isArray(contentType) ? contentType[0] : contentType;
  const match = header ? /charset=([^;\s]+)/i.exec(header) : null;
  return (match && normalizeCharset(match[1]!)) || fallback;
}

function transportFailure(err: unknown, url: string): TransportError {
  const e = err as { name?: string; code?: string; message?: string };
  const host = new URL(url).host;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new TransportError(`no answer from ${host} within the timeout`, { hint: 'raise --timeout, or check the network', cause: err });
  }
  if (e.code === 'ECONNREFUSED') return new TransportError(`connection to ${host} refused`, { hint: 'is the gateway running at that address?', cause: err });
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new TransportError(`cannot resolve ${host}`, { cause: err });
  return new TransportError(`request to ${host} failed: ${e.code ?? e.message ?? String(err)}`, { cause: err });
}
