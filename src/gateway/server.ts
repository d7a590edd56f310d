import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_NODE, gatewayError } from './codes.js';
import { exchange, type Exchange } from './exchange.js';
import type { FaultPlan } from './faults.js';
import { BodyBudget, readBody, send, sendJson, MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES } from './http-body.js';
import { isMultipart } from './multipart.js';
import type { GatewayIdentity } from './identity.js';
import { DEFAULT_LIMITS, MAX_HEADER_BYTES, timeoutOptions, type ConnectionLimits } from './connection-limits.js';
import { handleLocalApi, type GatewayControl } from './local-api.js';
import { localApiRefusal, type LocalApiReach } from './local-api-access.js';
import { renderAnswer, type RenderedAnswer } from './respond.js';
import type { GatewayStore } from './store.js';

export interface ServerDependencies {
  store: GatewayStore;
  identity: GatewayIdentity;
  faults: FaultPlan;
  clock: () => Date;
  random: () => number;
  control: GatewayControl;
  /** Default 'this-machine'. */
  localApiReach?: LocalApiReach;
  /** Each defaults to DEFAULT_LIMITS'. */
  limits?: Partial<ConnectionLimits>;
  /** A bug inside the gateway: the client got 20000 isp.unknow-error; this is told what happened. */
  onError: (err: unknown) => void;
}

export const GATEWAY_PATH = '/gateway.do';

/** The HTTP face of the local gateway: gateway.do for the protocol, /_local/* for tests and tools. */
export function createGatewayServer(deps: ServerDependencies): Server {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const budget = new BodyBudget(limits.bodyBudgetBytes);
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, ...timeoutOptions(limits) }, (req, res) => {
    // No Date header: nothing reads it, and formatting one per answer costs throughput.
    res.sendDate = false;
    route(req, res, deps, budget).catch((err: unknown) => {
      deps.onError(err);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error in the local gateway' });
      else res.destroy();
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    answerClientError(err, socket, deps).catch(() => socket.destroy());
  });
  // Loopback clients keep connections open between batches; match undici's default keep-alive.
  server.keepAliveTimeout = 10_000;
  server.maxConnections = limits.maxConnections;
  return server;
}

/**
 * Stops accepting connections, gives requests in progress `graceMs` to finish, then cuts every
 * connection left: idle keep-alive ones at once (and each as its request is answered), half-sent
 * requests and slow answers when the grace is up. Resolves once none is left.
 */
export function stopServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 20);
    const grace = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(grace);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Node's answers to requests it cannot parse, except one over the header limit: the gateway's error. */
async function answerClientError(err: NodeJS.ErrnoException, socket: Duplex, deps: ServerDependencies): Promise<void> {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  // The rest of the request is of no use: leave it in the kernel rather than read it into memory.
  socket.pause();
  if (err.code !== 'HPE_HEADER_OVERFLOW') {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    return endThenCut(socket, Buffer.from(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`, 'latin1'));
  }
  const rendered = await limitAnswer(deps, `the request line and headers are over the ${MAX_HEADER_BYTES / 1024} KB limit`);
  if (!socket.writable) return void socket.destroy();
  const head = `HTTP/1.1 200 OK\r\ncontent-type: ${rendered.contentType}\r\ncontent-length: ${rendered.body.length}\r\nconnection: close\r\n\r\n`;
  endThenCut(socket, Buffer.concat([Buffer.from(head, 'latin1'), rendered.body]));
}

// After Node gives up on a request, a client that never reads would keep the half-closed
// connection (and its place under maxConnections) forever; one that reads has long closed by then.
const CLOSING_GRACE_MS = 1000;

function endThenCut(socket: Duplex, answer: Buffer): void {
  socket.end(answer);
  const cut = setTimeout(() => socket.destroy(), CLOSING_GRACE_MS).unref();
  socket.once('close', () => clearTimeout(cut));
}

/** isv.invalid-parameter for a request too large to read, signed and in UTF-8 (its charset is unknown). */
function limitAnswer(deps: ServerDependencies, detail: string): Promise<RenderedAnswer> {
  const node = gatewayError('isv.invalid-parameter', `参数无效: ${detail}`);
  return renderAnswer({ answer: { nodeName: ERROR_NODE, node }, charset: 'utf-8', signType: 'RSA2', encryptKey: undefined, certificateMode: false }, deps.identity);
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ServerDependencies, budget: BodyBudget): Promise<void> {
  const target = req.url ?? '/';
  const question = target.indexOf('?');
  const path = question === -1 ? target : target.slice(0, question);
  if (path === GATEWAY_PATH) {
    if (req.method !== 'POST' && req.method !== 'GET') return sendJson(res, 405, { error: 'gateway.do takes POST or GET' });
    return handleGateway(req, res, question === -1 ? '' : target.slice(question + 1), deps, budget);
  }
  if (path.startsWith('/_local/')) {
    const refusal = localApiRefusal({
      method: req.method ?? '',
      host: req.headers.host,
      origin: req.headers.origin,
      contentType: req.headers['content-type'],
      peer: req.socket.remoteAddress,
    }, deps.localApiReach ?? 'this-machine');
    if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
    return handleLocalApi(req, res, path, deps.control, budget);
  }
  sendJson(res, 404, { error: `no such path ${path}: the gateway is at ${GATEWAY_PATH}` });
}

async function handleGateway(req: IncomingMessage, res: ServerResponse, query: string, deps: ServerDependencies, budget: BodyBudget): Promise<void> {
  const limit = isMultipart(req.headers['content-type']) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
  const read = req.method === 'POST' ? await readBody(req, budget, limit) : ({ kind: 'complete', body: Buffer.alloc(0) } as const);
  if (read.kind === 'aborted') return;
  if (read.kind === 'too-large') {
    const rendered = await limitAnswer(deps, `the request body is over the ${limit / 1024 / 1024} MB limit`);
    send(res, 200, rendered.contentType, rendered.body, true);
    if (!read.drained) res.on('finish', () => req.socket.destroy());
    return;
  }

  let ex: Exchange;
  try {
    ex = await exchange({ query, body: read.body, contentType: req.headers['content-type'] }, { store: deps.store, now: deps.clock(), random: deps.random, faults: deps.faults });
  } catch (err) {
    deps.onError(err);
    const node = gatewayError('isp.unknow-error');
    ex = { answer: { nodeName: ERROR_NODE, node }, charset: 'utf-8', signType: 'RSA2', encryptKey: undefined, certificateMode: false };
  }
  if (ex.fault === 'http500') return send(res, 500, 'text/plain;charset=utf-8', 'Internal Server Error (injected fault)');
  const rendered = await renderAnswer(ex, deps.identity, ex.fault === 'bad-sign');
  if (ex.fault === 'reset') {
    // The work is done (a card may be stored); the client never hears of it.
    req.socket.destroy();
    return;
  }
  if (ex.fault === 'truncate') {
    return send(res, 200, rendered.contentType, rendered.body.subarray(0, Math.floor(rendered.body.length / 2)), true);
  }
  send(res, 200, rendered.contentType, rendered.body);
}
