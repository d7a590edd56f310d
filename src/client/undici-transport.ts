import type { Dispatcher } from 'undici';
// The parts of undici a call uses, not its index: see undici-parts.d.ts.
import Agent from 'undici/lib/dispatcher/agent.js';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import api from 'undici/lib/api/index.js';
import type { ProxyRoute } from './proxy.js';
import { exchange, requestHeaders, type Transport, type TransportOptions } from './transport.js';

// What undici's index does on load: every dispatcher gets request() and the other API methods
// (ProxyAgent's tunnel uses connect()). Idempotent, and the same functions the index would assign.
Object.assign(DispatcherClass.prototype, api);

/** Requests through undici: one keep-alive pool per client (through the proxy, when there is one), or the injected dispatcher. */
export function undiciTransport(options: TransportOptions, proxy: ProxyRoute | undefined): Transport {
  const dispatcher = options.dispatcher ?? createDispatcher(options, proxy);
  let closed: Promise<void> | undefined;
  return {
    post: (signed, attempt) => exchange(signed, options, attempt, async (deadline) => {
      const url = new URL(signed.url);
      const timeout = new AbortController();
      deadline.onExpiry((reason) => timeout.abort(reason));
      const response = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: requestHeaders(signed, options, attempt),
        body: signed.body,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        signal: timeout.signal,
      });
      const bytes = Buffer.from(await response.body.arrayBuffer());
      return { status: response.statusCode, contentType: response.headers['content-type'], bytes };
    }),
    // An injected dispatcher is its owner's to close. Once: undici refuses to close twice.
    close: () => (closed ??= options.dispatcher ? Promise.resolve() : dispatcher.close()),
  };
}

function createDispatcher(options: TransportOptions, proxy: ProxyRoute | undefined): Dispatcher {
  const timeouts = { connect: { timeout: options.timeoutMs }, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, keepAliveTimeout: 10_000 };
  return proxy ? new ProxyAgent({ ...timeouts, uri: proxy.url }) : new Agent(timeouts);
}
