import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ERROR_NODE, gatewayError } from './codes.js';
import { exchange, type Exchange } from './exchange.js';
import type { FaultPlan } from './faults.js';
import { readBody, send, sendJson, MAX_BODY_BYTES } from './http-body.js';
import type { GatewayIdentity } from './identity.js';
import { handleLocalApi, type GatewayControl } from './local-api.js';
import { renderAnswer } from './respond.js';
import type { GatewayStore } from './store.js';

export interface ServerDependencies {
  store: GatewayStore;
  identity: GatewayIdentity;
  faults: FaultPlan;
  clock: () => Date;
  random: () => number;
  control: GatewayControl;
  /** A bug inside the gateway: the client got 20000 isp.unknow-error; this is told what happened. */
  onError: (err: unknown) => void;
}

export const GATEWAY_PATH = '/gateway.do';

/** The HTTP face of the local gateway: gateway.do for the protocol, /_local/* for tests and tools. */
export function createGatewayServer(deps: ServerDependencies): Server {
  const server = createServer((req, res) => {
    // No Date header: nothing reads it, and formatting one per answer costs throughput.
    res.sendDate = false;
    route(req, res, deps).catch((err: unknown) => {
      deps.onError(err);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error in the local gateway' });
      else res.destroy();
    });
  });
  // Loopback clients keep connections open between batches; match undici's default keep-alive.
  server.keepAliveTimeout = 10_000;
  return server;
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ServerDependencies): Promise<void> {
  const target = req.url ?? '/';
  const question = target.indexOf('?');
  const path = question === -1 ? target : target.slice(0, question);
  if (path === GATEWAY_PATH) {
    if (req.method !== 'POST' && req.method !== 'GET') return sendJson(res, 405, { error: 'gateway.do takes POST or GET' });
    return handleGateway(req, res, question === -1 ? '' : target.slice(question + 1), deps);
  }
  if (path.startsWith('/_local/')) return handleLocalApi(req, res, path, deps.control);
  sendJson(res, 404, { error: `no such path ${path}: the gateway is at ${GATEWAY_PATH}` });
}

async function handleGateway(req: IncomingMessage, res: ServerResponse, query: string, deps: ServerDependencies): Promise<void> {
  const read = req.method === 'POST' ? await readBody(req) : ({ kind: 'complete', body: Buffer.alloc(0) } as const);
  if (read.kind === 'aborted') return;
  if (read.kind === 'too-large') {
    const node = gatewayError('isv.invalid-parameter', `参数无效: the request body is over the ${MAX_BODY_BYTES / 1024 / 1024} MB limit`);
    const ex: Exchange = { answer: { nodeName: ERROR_NODE, node }, charset: 'utf-8', signType: 'RSA2', encryptKey: undefined, certificateMode: false };
    const rendered = await renderAnswer(ex, deps.identity);
    send(res, 200, rendered.contentType, rendered.body, true);
    if (!read.drained) res.on('finish', () => req.socket.destroy());
    return;
  }

  const draw = deps.faults.draw();
  if (draw.latencyMs > 0) await delay(draw.latencyMs);
  if (draw.fault === 'http500') return send(res, 500, 'text/plain;charset=utf-8', 'Internal Server Error (injected fault)');

  let ex: Exchange;
  try {
    ex = await exchange({ query, body: read.body, contentType: req.headers['content-type'] }, draw.fault, { store: deps.store, now: deps.clock(), random: deps.random });
  } catch (err) {
    deps.onError(err);
    const node = gatewayError('isp.unknow-error');
    ex = { answer: { nodeName: ERROR_NODE, node }, charset: 'utf-8', signType: 'RSA2', encryptKey: undefined, certificateMode: false };
  }
  const rendered = await renderAnswer(ex, deps.identity, draw.fault === 'bad-sign');
  if (draw.fault === 'reset') {
    // The work is done (a card may be stored); the client never hears of it.
    req.socket.destroy();
    return;
  }
  if (draw.fault === 'truncate') {
    return send(res, 200, rendered.contentType, rendered.body.subarray(0, Math.floor(rendered.body.length / 2)), true);
  }
  send(res, 200, rendered.contentType, rendered.body);
}
