import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { openTransport, type Transport } from '../../../src/client/transport.js';
import type { SignedRequest } from '../../../src/client/request.js';
import { GatewayClient } from '../../../src/client/client.js';
import { ClientClosedError, HttpStatusError, TransportError } from '../../../src/errors.js';

// The two transports — Node's http for a command's call or two, undici's pool for card batch and
// member serve — against a real server: what reaches the server, and what each kind of answer or
// failure becomes, must be the same whichever carried it.

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  socket: Socket;
}

let server: Server;
let base: string;
let handle: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void = (_req, res) => res.end('{}');
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, socket: req.socket });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

function signed(body: string | Uint8Array, extra: Partial<SignedRequest> = {}): SignedRequest {
  return {
    params: {}, signContent: 'a=1', sign: 'S', signType: 'RSA2', charset: 'utf-8',
    url: `${base}/gateway.do?app_id=1&method=m&sign=S%2B`, body,
    contentType: typeof body === 'string' ? 'application/x-www-form-urlencoded;charset=utf-8' : 'multipart/form-data; boundary=b',
    ...extra,
  };
}

const TRANSPORTS = [['node:http', false], ['undici', true]] as const;

describe.each(TRANSPORTS)('through %s', (_name, pooled) => {
  let transport: Transport;
  beforeEach(async () => {
    transport = await openTransport(`${base}/gateway.do`, { timeoutMs: 2000, userAgent: 'alipay-card/test', pooled }, undefined);
  });
  afterEach(async () => {
    await transport.close();
  });

  it('sends the POST as built: path and query, headers, the body byte for byte (form or multipart)', async () => {
    handle = (_req, res) => res.end('{"ok":1}');
    const multipart = Uint8Array.from([0, 1, 2, 255, 13, 10, 45, 45]);
    expect(await transport.post(signed('biz_content=%7B%22a%22%3A1%7D'), { requestId: 'rid-1' })).toEqual({ status: 200, body: '{"ok":1}' });
    await transport.post(signed(multipart), { requestId: 'rid-2' });
    expect(seen.map((s) => [s.method, s.url])).toEqual([['POST', '/gateway.do?app_id=1&method=m&sign=S%2B'], ['POST', '/gateway.do?app_id=1&method=m&sign=S%2B']]);
    expect(seen[0]!.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', 'user-agent': 'alipay-card/test', 'x-request-id': 'rid-1', accept: 'application/json', 'content-length': '29' });
    expect(seen[0]!.body.toString()).toBe('biz_content=%7B%22a%22%3A1%7D');
    expect(seen[1]!.headers['content-type']).toBe('multipart/form-data; boundary=b');
    expect([...seen[1]!.body]).toEqual([...multipart]);
  });

  it("decodes the body in the answer's charset, or the request's when the answer names none", async () => {
    handle = (req, res) => {
      if (req.headers['x-request-id'] === 'gbk') res.writeHead(200, { 'content-type': 'text/html;charset=GBK' });
      res.end(req.headers['x-request-id'] === 'gbk' ? Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]) : Buffer.from('张三'));
    };
    expect((await transport.post(signed(''), { requestId: 'gbk' })).body).toBe('张三');
    expect((await transport.post(signed(''), { requestId: 'utf8' })).body).toBe('张三');
  });

  it('turns a status other than 200 into HttpStatusError with the request id', async () => {
    handle = (_req, res) => res.writeHead(503).end('busy');
    const err = await transport.post(signed(''), { requestId: 'rid-503' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect([(err as HttpStatusError).status, (err as Error).message]).toEqual([503, 'the gateway answered HTTP 503 (request id rid-503)']);
  });

  it('says a connection reset before the answer as such', async () => {
    handle = (req) => req.socket.destroy();
    const err = await transport.post(signed(''), { requestId: 'rid-reset' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/^connection to 127\.0\.0\.1:\d+ (reset|closed) before an answer came \(request id rid-reset\)$/);
  });

  it('does not take an answer cut short (fewer bytes than its Content-Length) for an answer', async () => {
    handle = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"half":');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const err = await transport.post(signed(''), { requestId: 'rid-short' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/^(the answer from 127\.0\.0\.1:\d+ was cut short|connection to 127\.0\.0\.1:\d+ reset before an answer came).* \(request id rid-short\)$/);
    if (!pooled) expect((err as Error).message).toMatch(/was cut short \(its connection closed before the end\)/);
  });

  it('says an answer whose headers are too large is too large', async () => {
    handle = (_req, res) => res.writeHead(200, { 'x-big': 'x'.repeat(70_000) }).end('{}');
    const err = await transport.post(signed(''), { requestId: 'rid-big' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/^the answer from 127\.0\.0\.1:\d+ was too large \(request id rid-big\)$/);
  });

  it('lets a request in flight end when closed, and sends nothing after', async () => {
    handle = (_req, res) => setTimeout(() => res.end('{"late":1}'), 200);
    const inFlight = transport.post(signed(''), { requestId: 'rid-late' });
    await new Promise((r) => setTimeout(r, 50));
    const closed = transport.close();
    expect(await inFlight).toEqual({ status: 200, body: '{"late":1}' });
    await closed;
    const after = await transport.post(signed(''), { requestId: 'rid-after' }).catch((e: unknown) => e);
    expect(after).toBeInstanceOf(TransportError);
    expect(seen.map((s) => s.headers['x-request-id'])).toEqual(['rid-late']);
  });
});

describe('a closed client', () => {
  it.each([false, true])('refuses a call after close() without sending it, and does not retry it (pooled: %s)', async (pooled) => {
    handle = (_req, res) => res.end('{}');
    const client = new GatewayClient({
      gatewayUrl: `${base}/gateway.do`,
      identity: { appId: '2021000000000001', privateKey: (await import('node:crypto')).generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, signType: 'RSA2', charset: 'utf-8' },
      verifier: { signType: 'RSA2', charset: 'utf-8', keyFor: () => ({ error: 'unused' }) },
      transport: { timeoutMs: 2000, userAgent: 't', pooled },
      requestId: () => 'rid-closed',
      sleep: async () => {},
    });
    await client.close();
    const err = await client.call('alipay.marketing.card.template.query', { retrySafe: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientClosedError);
    expect((err as Error).message).toBe(`not sent: the connection to ${base.slice(7)} was closed (request id rid-closed)`);
    expect(seen).toEqual([]);
  });
});

describe('node:http', () => {
  it("keeps the connection: a command's two calls share one socket (undici's pool hands a socket back only after the answer is read, so its next call may open another)", async () => {
    const transport = await openTransport(`${base}/gateway.do`, { timeoutMs: 2000, userAgent: 't' }, undefined);
    handle = (_req, res) => res.end('{}');
    await transport.post(signed(''), { requestId: 'a' });
    await transport.post(signed(''), { requestId: 'b' });
    await transport.close();
    expect(seen).toHaveLength(2);
    expect(seen[0]!.socket).toBe(seen[1]!.socket);
  });

  it('closes its connection when closed: the gateway sees it end', async () => {
    const transport = await openTransport(`${base}/gateway.do`, { timeoutMs: 2000, userAgent: 't' }, undefined);
    handle = (_req, res) => res.end('{}');
    await transport.post(signed(''), { requestId: 'a' });
    const socket = seen[0]!.socket;
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    // The connection is idle in the agent's pool by the time a command closes its client.
    await new Promise((resolve) => setImmediate(resolve));
    await transport.close();
    await ended;
    expect(seen).toHaveLength(1);
  });

  it('closes its connection even when the gateway never closes its own side', async () => {
    // A gateway that answers, then keeps its side open after our end (allowHalfOpen), silent. Two
    // seconds on it writes again: a write fails, and its socket closes, only if the client's is gone.
    let poke: NodeJS.Timeout | undefined;
    const halfOpen = createNetServer({ allowHalfOpen: true }, (socket) => {
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}'));
      socket.on('error', () => undefined).once('close', () => clearInterval(poke));
      socket.once('end', () => setTimeout(() => (poke = setInterval(() => socket.write(' '), 100)), 2000));
    });
    await new Promise<void>((resolve) => halfOpen.listen(0, '127.0.0.1', resolve));
    const closedByClient = new Promise<void>((resolve) => halfOpen.once('connection', (socket) => socket.once('close', () => resolve())));
    try {
      const port = (halfOpen.address() as AddressInfo).port;
      const transport = await openTransport(`http://127.0.0.1:${port}/gateway.do`, { timeoutMs: 2000, userAgent: 't' }, undefined);
      await transport.post(signed('', { url: `http://127.0.0.1:${port}/gateway.do?app_id=1` }), { requestId: 'a' });
      await new Promise((resolve) => setImmediate(resolve));
      await transport.close();
      await closedByClient;
    } finally {
      clearInterval(poke);
      halfOpen.close();
    }
  }, 10_000);
});

describe.each(TRANSPORTS)('a gateway that is not there, through %s', (_name, pooled) => {
  it('is a refused connection, named with its address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const transport = await openTransport(`http://127.0.0.1:${port}/gateway.do`, { timeoutMs: 2000, userAgent: 't', pooled }, undefined);
    const err = await transport.post(signed('', { url: `http://127.0.0.1:${port}/gateway.do` }), { requestId: 'x' }).catch((e: unknown) => e);
    await transport.close();
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toBe(`connection to 127.0.0.1:${port} refused`);
  });
});
