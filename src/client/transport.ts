import type { Dispatcher } from 'undici';
import { decodeText, normalizeCharset, type Charset } from '../protocol/index.js';
import { HttpStatusError, TransportError, UsageError } from '../errors.js';
import { clientErrorsText } from '../i18n/en/client-errors.js';
import type { Text } from '../i18n/text.js';
import { isLoopbackHost, type ProxyRoute } from './proxy.js';
import type { SignedRequest } from './request.js';

export interface TransportOptions {
  timeoutMs: number;
  userAgent: string;
  /** Injected by tests; otherwise one keep-alive pool (through HTTP(S)_PROXY when set) per client. */
  dispatcher?: Dispatcher | undefined;
  env?: Record<string, string | undefined>;
  /**
   * Thousands of calls (card batch, member serve): undici's pool, made for them. Otherwise — one or
   * two calls, every other command — Node's own http/https, unless a proxy or an injected
   * dispatcher needs undici: loading undici (its JavaScript and its WebAssembly HTTP parser) was
   * most of what `card open` spent beyond start-up (see node-transport.ts).
   */
  pooled?: boolean | undefined;
}

/** Where one client's requests go: a POST per attempt, and the connections to close at the end. */
export interface Transport {
  post(signed: SignedRequest, attempt: Attempt): Promise<RawResponse>;
  close(): Promise<void>;
}

/** The transport for a client of `gatewayUrl`: node:http(s) or undici, as TransportOptions.pooled says. */
export async function openTransport(gatewayUrl: string, options: TransportOptions, proxy: ProxyRoute | undefined): Promise<Transport> {
  if (options.dispatcher || proxy || options.pooled) {
    const { undiciTransport } = await import('./undici-transport.js');
    return undiciTransport(options, proxy);
  }
  const { nodeTransport } = await import('./node-transport.js');
  return nodeTransport(new URL(gatewayUrl), options);
}

/** What a transport read: the status, the content-type header, and the body's bytes. */
export interface Exchanged {
  status: number;
  contentType: string | string[] | undefined;
  bytes: Buffer;
}

/**
 * When one exchange's time is up: `send` registers how to stop its request, called with the timeout
 * error (at once if the time has already passed). Not an AbortSignal: node:http's handling of one
 * (addAbortSignal, EventTarget) is Node's JavaScript that `card open` compiled for one call
 * (≈2M instructions, valgrind, Node 20); undici's transport makes its own from this.
 */
export interface Deadline {
  /** The timeout error, once the time is up. */
  readonly reason: Error | undefined;
  onExpiry(stop: (reason: Error) => void): void;
}

/**
 * One POST through `send`, with the whole exchange, answer body included, bounded by `timeoutMs`;
 * its timer is cleared as soon as the exchange ends (AbortSignal.timeout's would live on for the
 * full timeout after every request: in a batch, tens of thousands of them at once, each kept until
 * it fires). Transport problems become TransportError (exit 6) with the cause named; a status
 * other than 200 HttpStatusError.
 */
export async function exchange(signed: SignedRequest, options: TransportOptions, attempt: Attempt, send: (deadline: Deadline) => Promise<Exchanged>): Promise<RawResponse> {
  let reason: Error | undefined;
  let stop: ((reason: Error) => void) | undefined;
  const timer = setTimeout(() => {
    reason = new DOMException(`no answer within ${options.timeoutMs} ms`, 'TimeoutError');
    stop?.(reason);
  }, options.timeoutMs);
  const deadline: Deadline = {
    get reason() {
      return reason;
    },
    onExpiry(given) {
      stop = given;
      if (reason) given(reason);
    },
  };
  let answer: Exchanged;
  try {
    answer = await send(deadline);
  } catch (err) {
    throw transportFailure(err, signed.url, attempt);
  } finally {
    clearTimeout(timer);
  }
  if (answer.status !== 200) {
    throw new HttpStatusError(answer.status, clientErrorsText.httpStatus({ status: answer.status, ...via(attempt), requestId: attempt.requestId }), {
      hint: answer.status >= 500 ? clientErrorsText.httpStatusServerHint() : clientErrorsText.httpStatusClientHint(),
    });
  }
  const charset = responseCharset(answer.contentType, signed.charset);
  return { status: answer.status, body: decodeText(answer.bytes, charset) };
}

/** The headers every request carries. */
export function requestHeaders(signed: SignedRequest, options: TransportOptions, attempt: Attempt): Record<string, string> {
  return {
    'content-type': signed.contentType,
    'user-agent': options.userAgent,
    [REQUEST_ID_HEADER]: attempt.requestId,
    accept: 'application/json',
  };
}

/** One attempt: the id sent in `x-request-id` (for the user to quote), and the proxy on the way. */
export interface Attempt {
  requestId: string;
  proxy?: ProxyRoute | undefined;
}

export interface RawResponse {
  status: number;
  body: string;
}

/** A transport's own code for an answer whose connection closed before its body's end. */
export const CUT_SHORT = 'ERR_ANSWER_CUT_SHORT';

/** The header carrying our id for one attempt: a gateway operator can find the request by it. */
const REQUEST_ID_HEADER = 'x-request-id';

/** Loopback may be plain http (the local gateway); anything else must be https. */
export function assertSecureGateway(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(clientErrorsText.gatewayNotUrl({ url: JSON.stringify(url) }), { hint: clientErrorsText.gatewayNotUrlHint() });
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
    throw new UsageError(clientErrorsText.gatewayNotHttps({ url }), { hint: clientErrorsText.gatewayNotHttpsHint() });
  }
}

function responseCharset(contentType: string | string[] | undefined, fallback: Charset): Charset {
  const header = Array.isArray(contentType) ? contentType[0] : contentType;
  const match = header ? /charset=([^;\s]+)/i.exec(header) : null;
  return (match && normalizeCharset(match[1]!)) || fallback;
}

/** The proxy an attempt went through, for the messages that name it ('' when there is none). */
function via(attempt: Attempt): { proxy: string; variable: string } {
  return attempt.proxy ? { proxy: attempt.proxy.host, variable: attempt.proxy.variable } : { proxy: '', variable: '' };
}

function transportFailure(err: unknown, url: string, attempt: Attempt): TransportError {
  const e = err as { name?: string; code?: string; message?: string };
  const host = new URL(url).host;
  const { proxy, requestId } = attempt;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new TransportError(clientErrorsText.timeout({ host, ...via(attempt), requestId }), { hint: clientErrorsText.timeoutHint(), cause: err });
  }
  const reason = e.message ?? e.code ?? String(err);
  // Through a proxy, we only ever connect to the proxy: it is the proxy that refused or is unknown.
  if (proxy) {
    const hint = clientErrorsText.proxyHint({ variable: proxy.variable, hostname: new URL(url).hostname });
    const named = { proxy: proxy.host, variable: proxy.variable };
    if (e.code === 'ECONNREFUSED') return new TransportError(clientErrorsText.proxyRefused(named), { hint, cause: err });
    if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new TransportError(clientErrorsText.proxyUnresolved(named), { hint, cause: err });
    return new TransportError(clientErrorsText.proxyRequestFailed({ host, ...named, reason, requestId }), { hint, cause: err });
  }
  if (e.code === 'ECONNREFUSED') return new TransportError(clientErrorsText.refused({ host }), { hint: clientErrorsText.refusedHint(), cause: err });
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new TransportError(clientErrorsText.unresolved({ host }), { cause: err });
  return new TransportError(clientErrorsText.withRequestId({ message: failureInWords(e.code, host) ?? clientErrorsText.requestFailed({ host, reason }), requestId }), { cause: err });
}

/**
 * undici's and the socket's codes (`UND_ERR_SOCKET`) mean nothing to the person reading: say what
 * happened to the connection. The code stays on the error's cause, which --verbose shows.
 */
function failureInWords(code: string | undefined, host: string): Text | undefined {
  switch (code) {
    case 'UND_ERR_SOCKET':
    case 'ECONNRESET':
    case 'EPIPE':
      return clientErrorsText.connectionReset({ host });
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_DESTROYED':
      return clientErrorsText.connectionClosed({ host });
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return clientErrorsText.cutShortLength({ host });
    case CUT_SHORT:
      return clientErrorsText.cutShortClosed({ host });
    case 'UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE':
    case 'UND_ERR_HEADERS_OVERFLOW':
    case 'HPE_HEADER_OVERFLOW':
      return clientErrorsText.tooLarge({ host });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return clientErrorsText.unreachable({ host });
    default:
      // Node's HTTP parser (llhttp in C): what came back is not an HTTP answer.
      return code?.startsWith('HPE_') ? clientErrorsText.notHttp({ host, code }) : undefined;
  }
}
