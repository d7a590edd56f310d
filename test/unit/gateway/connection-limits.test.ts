import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { buildSignContent, encodeForm, signContent } from '../../../src/protocol/index.js';
import { appPrivateKey, call, METHOD, startTestGateway } from './helpers.js';
import { baseParams } from './raw-request.js';

const KB = 1024;

interface Held {
  socket: Socket;
  /** Settles when the gateway ends the connection. */
  closed: Promise<void>;
  isClosed: () => boolean;
  answer: () => string;
}

/** A connection that sends `bytes` and then nothing more, reading whatever the gateway answers (unless `read` is false). */
function holdOpen(port: number, bytes: string, read = true): Held {
  const socket = connect(port, '127.0.0.1');
  let closedFlag = false;
  let answer = '';
  socket.on('error', () => undefined);
  if (read) socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve(void (closedFlag = true))));
  if (bytes) socket.write(bytes);
  return { socket, closed, isClosed: () => closedFlag, answer: () => answer };
}

const halfHead = (padding: number) => `GET /gateway.do?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ${'a'.repeat(padding)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const within = (closed: Promise<void>, ms: number) => Promise.race([closed.then(() => true), sleep(ms).then(() => false)]);

describe('local gateway: what clients can hold is bounded', () => {
  const opened: Socket[] = [];
  const track = (held: Held) => (opened.push(held.socket), held);
  let gateway: LocalGateway | undefined;
  afterEach(async () => {
    for (const socket of opened.splice(0)) socket.destroy();
    await gateway?.close();
  });
  const alive = async (g: LocalGateway) => expect((await call(g, METHOD.query, { template_id: 'x' })).node.sub_code).toBe('TEMPLATE_NOT_EXIT');

  it('a half-sent request, or a connection that sends nothing, is cut once headersTimeoutMs has passed', async () => {
    gateway = await startTestGateway({ connectionLimits: { headersTimeoutMs: 300 } });
    const half = track(holdOpen(gateway.port, halfHead(100)));
    const silent = track(holdOpen(gateway.port, ''));
    expect(await within(half.closed, 2000)).toBe(true);
    expect(await within(silent.closed, 500)).toBe(true);
    expect(half.answer()).toMatch(/^HTTP\/1\.1 408 /);
    await alive(gateway);
  });

  it('past maxConnections a new connection is closed at once; the ones open are still served', async () => {
    gateway = await startTestGateway({ connectionLimits: { maxConnections: 3 } });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const held = [track(holdOpen(gateway.port, halfHead(10))), track(holdOpen(gateway.port, halfHead(10)))];
    const served = await new Promise<number>((resolve, reject) => {
      request({ port: gateway!.port, host: '127.0.0.1', path: '/_local/cards', agent }, (res) => res.resume().on('end', () => resolve(res.statusCode!))).on('error', reject).end();
    });
    expect(served).toBe(200);
    await sleep(50);
    const extra = track(holdOpen(gateway.port, halfHead(10)));
    expect(await within(extra.closed, 1000)).toBe(true);
    expect(held.some((h) => h.isClosed())).toBe(false);
    agent.destroy();
  });

  it('a timed-out client that never reads its 408 does not keep its place under maxConnections', async () => {
    gateway = await startTestGateway({ connectionLimits: { headersTimeoutMs: 200, maxConnections: 2 } });
    track(holdOpen(gateway.port, halfHead(10), false));
    track(holdOpen(gateway.port, halfHead(10), false));
    await sleep(2000);
    await alive(gateway);
  });

  it('bodies being read hold at most bodyBudgetBytes: the requests holding most are cut', async () => {
    gateway = await startTestGateway({ connectionLimits: { bodyBudgetBytes: 2 * 1024 * KB } });
    const stalledPost = (sent: number) => `POST /gateway.do HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${1024 * KB}\r\n\r\n${'b'.repeat(sent)}`;
    const large = Array.from({ length: 6 }, () => track(holdOpen(gateway!.port, stalledPost(600 * KB))));
    const small = track(holdOpen(gateway.port, stalledPost(10 * KB)));
    await sleep(1000);
    const stillHeld = large.filter((h) => !h.isClosed()).length * 600 * KB;
    expect(stillHeld).toBeLessThanOrEqual(2 * 1024 * KB - 10 * KB);
    expect(stillHeld).toBeGreaterThan(0);
    expect(small.isClosed()).toBe(false);
    await alive(gateway);
  });

  it('a head over 64 KB is answered with the gateway\'s signed error, not held', async () => {
    gateway = await startTestGateway();
    const over = track(holdOpen(gateway.port, halfHead(70 * KB)));
    expect(await within(over.closed, 2000)).toBe(true);
    expect(over.answer()).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(over.answer()).toContain('the request line and headers are over the 64 KB limit');
  });

  it('by default 300 clients at once are all served (card batch --concurrency goes up to 256)', async () => {
    gateway = await startTestGateway();
    const params = baseParams(METHOD.query, { template_id: 'x' });
    const path = `/gateway.do?${encodeForm({ ...params, sign: signContent(buildSignContent(params), appPrivateKey, 'RSA2', 'utf-8') }, 'utf-8')}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 300 });
    const statuses = await Promise.all(Array.from({ length: 300 }, () => new Promise<string>((resolve, reject) => {
      request({ port: gateway!.port, host: '127.0.0.1', path, agent }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(/TEMPLATE_NOT_EXIT/.test(text) ? 'answered' : text));
      }).on('error', (err) => reject(err)).end();
    })));
    expect(new Set(statuses)).toEqual(new Set(['answered']));
    agent.destroy();
  });
});
