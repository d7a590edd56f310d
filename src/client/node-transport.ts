import * as nodeHttp from 'node:http';
import type { Agent, IncomingMessage, RequestOptions, ClientRequest } from 'node:http';
import { CUT_SHORT, exchange, requestHeaders, type Exchanged, type Transport, type TransportOptions } from './transport.js';

/**
 * Requests through Node's own http/https, for a command that makes a call or two: they are part of
 * Node, compiled in its binary, with the HTTP parser in C. Measured 2026-12-04 (one POST to gateway
 * serve and exit, medians of 21, clean environment): node:http 66 ms, undici's request 331 ms
 * (its WebAssembly parser's optimisation delays exit) and global fetch 240 ms, beside bare node's
 * 51 ms on Node 20; 82, 188 and 134 ms beside 65 on Node 24. One keep-alive agent per client, so
 * a command's calls share a connection, closed with the client.
 */
export async function nodeTransport(gateway: URL, options: TransportOptions): Promise<Transport> {
  // node:https (and TLS) only for an https gateway: the local one is plain http on loopback.
  // Required, not import()ed: Node's ESM facade of a built-in reads every export, and node:http's
  // lazy WebSocket getter then loads Node's own undici (≈30 ms on Node 22 and 24).
  const http: typeof nodeHttp = gateway.protocol === 'https:' ? process.getBuiltinModule('node:https') as unknown as typeof nodeHttp : nodeHttp;
  const agent: Agent = new http.Agent({ keepAlive: true });
  // close() lets the requests in flight end, as undici's does, then closes the connections.
  let inFlight = 0;
  let closing: (() => void) | undefined;
  let closed: Promise<void> | undefined;
  const settled = () => {
    inFlight -= 1;
    if (inFlight === 0) closing?.();
  };
  return {
    post: (signed, attempt) => exchange(signed, options, attempt, (deadline) => new Promise<Exchanged>((resolve, reject) => {
      // A post racing close() (the transport still loading when the client closed): as undici says it.
      if (closing) throw Object.assign(new Error('the client was closed'), { code: 'UND_ERR_CLOSED' });
      inFlight += 1;
      const body = typeof signed.body === 'string' ? Buffer.from(signed.body, 'utf8') : signed.body;
      const request: ClientRequest = http.request(signed.url, {
        method: 'POST',
        agent,
        headers: { ...requestHeaders(signed, options, attempt), 'content-length': String(body.length) },
      } satisfies RequestOptions, (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        // The connection closed before the body's end (fewer bytes than its Content-Length, or a
        // chunked body without its last chunk): an ECONNRESET "aborted" error, or just a close.
        // Unless it was our deadline that closed it: then the answer is a timeout.
        const cutShort = () => deadline.reason ?? Object.assign(new Error('the answer was cut short'), { code: CUT_SHORT });
        response.on('error', (err) => reject(response.complete ? err : cutShort()));
        response.on('close', () => response.complete || reject(cutShort()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], bytes: Buffer.concat(chunks) }));
      });
      request.on('error', reject);
      request.on('close', settled);
      // Time up: the request and its connection end with the timeout error, in whichever phase.
      deadline.onExpiry((reason) => request.destroy(reason));
      request.end(body);
    })),
    close: () => (closed ??= new Promise<void>((resolve) => {
      closing = () => {
        endConnections(agent);
        resolve();
      };
      if (inFlight === 0) closing();
    })),
  };
}

/**
 * Ends the agent's connections: our side closes (a FIN), and Node destroys each socket once the
 * gateway has closed its own, or the process exits first, as a command does right after. Not
 * agent.destroy(): Node's net.Socket._destroy reads process.stderr, which builds Node's stream for
 * stderr (a socket for a pipe) that the run never writes to: ≈1.5M instructions of every `card open`
 * against a gateway, valgrind, Node 20. A connection whose request has just ended is handed back
 * to the agent on the next tick, which destroys it then, ended: closed either way. One whose
 * gateway never closes its side is destroyed by the agent when idle for END_GRACE_MS (its timeout
 * handler destroys a free socket), long after a command has exited.
 */
function endConnections(agent: Agent): void {
  for (const sockets of [...Object.values(agent.freeSockets), ...Object.values(agent.sockets)]) {
    for (const socket of sockets ?? []) socket.end().setTimeout(END_GRACE_MS);
  }
}

const END_GRACE_MS = 1000;
