import { randomUUID } from 'node:crypto';
import { formatTimestamp } from '../protocol/index.js';
import { ClientClosedError, TransportError, type CliError } from '../errors.js';
import { clientErrorsText } from '../i18n/en/client-errors.js';
import { proxyFor, type ProxyRoute } from './proxy.js';
import { buildRequest, type SignedRequest, type SigningIdentity, type UploadFile } from './request.js';
import { redactRequest } from './redact.js';
import { gatewayError, isRetryableNode, readResponse, type GatewayResponse, type ResponseVerifier } from './response.js';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { assertSecureGateway, openTransport, type Transport, type TransportOptions } from './transport.js';

export interface ExchangeEvent {
  attempt: number;
  /** Sent as x-request-id: what a user quotes to the gateway's operator. */
  requestId: string;
  /** The proxy the request went through, if any. */
  proxy?: ProxyRoute | undefined;
  request: SignedRequest;
  status?: number;
  body?: string;
  error?: CliError;
  retryInMs?: number;
}

export interface ClientOptions {
  gatewayUrl: string;
  identity: SigningIdentity;
  verifier: ResponseVerifier;
  transport: TransportOptions;
  retry?: RetryPolicy;
  now?: () => Date;
  random?: () => number;
  /** Each attempt's x-request-id; random UUIDs unless a test injects its own. */
  requestId?: () => string;
  sleep?: (ms: number) => Promise<void>;
  /** Every attempt, for --verbose logs (the caller redacts) and for batch accounting. */
  onExchange?: (event: ExchangeEvent) => void;
}

export interface CallOptions {
  bizContent?: string;
  authToken?: string;
  /** Top-level params of a method without biz_content (alipay.system.oauth.token's grant_type, code, refresh_token). */
  params?: Readonly<Record<string, string>>;
  /** A multipart upload's text params and file (image upload): see RequestSpec. */
  textParams?: Readonly<Record<string, string>>;
  file?: UploadFile;
  /**
   * True when sending the same request twice cannot do the thing twice: queries, and card open
   * with the same out_serial_no (the gateway answers a replay with the first card).
   */
  retrySafe: boolean;
}

/** Signs, sends, verifies; retries what is safe to retry. A non-10000 answer throws GatewayError. */
export class GatewayClient {
  /** Opened with the first call (what it loads depends on the transport), closed by close(). */
  private transport: Promise<Transport> | undefined;
  private closed = false;
  private readonly retry: RetryPolicy;
  private readonly proxy: ProxyRoute | undefined;

  constructor(private readonly options: ClientOptions) {
    assertSecureGateway(options.gatewayUrl);
    // An injected dispatcher routes as it likes; otherwise the proxy is chosen here, once.
    this.proxy = options.transport.dispatcher ? undefined : proxyFor(new URL(options.gatewayUrl), options.transport.env ?? {});
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async call(method: string, call: CallOptions): Promise<GatewayResponse> {
    const now = this.options.now ?? (() => new Date());
    const maxAttempts = call.retrySafe ? this.retry.maxAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      // Re-signed every attempt: the timestamp must stay within the gateway's 15-minute window.
      const request = buildRequest(this.options.gatewayUrl, { method, bizContent: call.bizContent, authToken: call.authToken, extraParams: call.params, textParams: call.textParams, file: call.file, timestamp: formatTimestamp(now()) }, this.options.identity);
      const event: ExchangeEvent = { attempt, request, requestId: (this.options.requestId ?? randomUUID)(), proxy: this.proxy };
      let outcome: GatewayResponse | CliError;
      let retryable: boolean;
      try {
        if (this.closed) throw new ClientClosedError(clientErrorsText.closedNotSent({ host: new URL(this.options.gatewayUrl).host, requestId: event.requestId }));
        this.transport ??= openTransport(this.options.gatewayUrl, this.options.transport, this.proxy);
        const raw = await (await this.transport).post(request, event);
        event.status = raw.status;
        event.body = raw.body;
        outcome = withRequestId(() => readResponse(raw.body, method, this.options.verifier), event.requestId);
        retryable = isRetryableNode(outcome.node);
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        outcome = err;
        // A 4xx answers the same however often it is asked; network trouble and 5xx may pass.
        retryable = err.retryable;
      }
      const failed = outcome instanceof Error || outcome.node.code !== '10000';
      if (failed && retryable && attempt < maxAttempts) {
        event.retryInMs = backoffDelay(this.retry, attempt, (this.options.random ?? Math.random)());
      }
      if (outcome instanceof Error) event.error = outcome;
      this.options.onExchange?.(event);
      if (!failed) return outcome as GatewayResponse;
      if (event.retryInMs === undefined) throw afterAttempts(outcome instanceof Error ? outcome : gatewayError(outcome, redactRequest(request).signContent), attempt, retryable);
      await (this.options.sleep ?? sleep)(event.retryInMs);
    }
  }

  /** Lets the calls in flight end, then closes the connections; a call after it is refused (ClientClosedError), never sent. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.transport) await (await this.transport).close();
  }
}

/**
 * A failure the client retried says so, whatever kind it is: "connection reset … after 3 attempts"
 * or "gateway answered 20000 … after 3 attempts" is not one bad moment. One that is not retried
 * (CARD_IS_DELETED_ALREADY, say) but came on a retry says which attempt met it: the earlier ones
 * may have been done, and it was not itself tried again.
 */
function afterAttempts(err: CliError, attempts: number, retryable: boolean): CliError {
  if (attempts <= 1) return err;
  return err.withChange({ message: retryable ? clientErrorsText.afterAttempts({ message: err.text, attempts }) : clientErrorsText.onAttempt({ message: err.text, attempt: attempts }) });
}

/** A body that is not a response says which request it answered, as transport failures do. */
function withRequestId<T>(read: () => T, requestId: string): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof TransportError)) throw err;
    throw new TransportError(clientErrorsText.withRequestId({ message: err.text, requestId }), { hint: err.hintText, cause: err });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
