import { generateKeyPairSync } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { buildSignContent, encodeForm, signContent } from '../../../src/protocol/index.js';
import { APP_ID, appPrivateKey, call, METHOD, publicKeyBase64, startTestGateway } from './helpers.js';
import { baseParams } from './raw-request.js';

interface RawAnswer {
  status: number;
  body: string;
}

/** One request with exactly these headers (Host included: Node adds none when it is given). */
function raw(port: number, method: string, path: string, headers: Record<string, string>, body?: string, address = '127.0.0.1'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A request written byte for byte (HTTP/1.0 with no Host, which http.request cannot send). */
function rawBytes(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.end(bytes);
  });
}

function signedQuery(): string {
  const params = baseParams(METHOD.query, { template_id: 'x' });
  return encodeForm({ ...params, sign: signContent(buildSignContent(params), appPrivateKey, 'RSA2', 'utf-8') }, 'utf-8');
}

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
const EVIL = 'http://evil.example';

describe('local gateway: /_local/* answers this machine, not web pages', () => {
  let gateway: LocalGateway;
  let port: number;
  const host = () => `127.0.0.1:${port}`;
  // The registered app still signs with its own key, and no fault was added: the template is simply not there.
  const untouched = async () => expect((await call(gateway, METHOD.query, { template_id: 'x' })).node.sub_code).toBe('TEMPLATE_NOT_EXIT');

  beforeAll(async () => {
    gateway = await startTestGateway();
    port = gateway.port;
  });
  afterAll(() => gateway.close());

  it('a text/plain POST (no CORS preflight) from a foreign Origin cannot replace an app key or add a fault', async () => {
    const replace = JSON.stringify({ app_id: APP_ID, public_key: publicKeyBase64(otherKey) });
    const fromPage = await raw(port, 'POST', '/_local/apps', { Host: host(), Origin: EVIL, 'Content-Type': 'text/plain' }, replace);
    expect(fromPage.status).toBe(403);
    expect(JSON.parse(fromPage.body).error).toContain(`Origin "${EVIL}" is not a loopback origin`);
    const fault = await raw(port, 'POST', '/_local/faults', { Host: host(), Origin: EVIL, 'Content-Type': 'text/plain' }, '{"fault":"unavailable:next=1"}');
    expect(fault.status).toBe(403);
    await untouched();
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx'])('a POST as %s is refused with 415 even with no Origin', async (contentType) => {
    const apps = await raw(port, 'POST', '/_local/apps', { Host: host(), 'Content-Type': contentType }, JSON.stringify({ app_id: APP_ID, public_key: publicKeyBase64(otherKey) }));
    expect(apps.status).toBe(415);
    expect(JSON.parse(apps.body).error).toContain('Content-Type: application/json');
    expect((await raw(port, 'POST', '/_local/faults', { Host: host(), 'Content-Type': contentType }, '{"fault":"unavailable:next=1"}')).status).toBe(415);
    await untouched();
  });

  it('a POST with no Content-Type is refused too', async () => {
    expect((await raw(port, 'POST', '/_local/faults', { Host: host() }, '{"fault":"unavailable:next=1"}')).status).toBe(415);
    await untouched();
  });

  it.each(['evil.example:PORT', 'evil.example', '127.0.0.1.evil.example:PORT', 'localhost.evil.example', '192.0.2.2:PORT', 'user@localhost:PORT'])('Host: %s (DNS rebinding) cannot read /_local/cards or write', async (hostHeader) => {
    const h = hostHeader.replace('PORT', String(port));
    const cards = await raw(port, 'GET', '/_local/cards', { Host: h });
    expect(cards.status).toBe(403);
    expect(JSON.parse(cards.body).error).toContain('answers only a loopback Host');
    expect((await raw(port, 'POST', '/_local/faults', { Host: h, 'Content-Type': 'application/json' }, '{"fault":"unavailable:next=1"}')).status).toBe(403);
    expect((await raw(port, 'DELETE', '/_local/faults', { Host: h })).status).toBe(403);
    await untouched();
  });

  it('a request with no Host at all is refused', async () => {
    expect(await rawBytes(port, 'GET /_local/cards HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 403 /);
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', '[::1]:PORT', 'LOCALHOST:PORT', 'localhost', '127.0.0.1'])('Host: %s is answered', async (hostHeader) => {
    const cards = await raw(port, 'GET', '/_local/cards', { Host: hostHeader.replace('PORT', String(port)) });
    expect(cards).toEqual({ status: 200, body: '[]' });
  });

  it.each([EVIL, 'null', 'https://localhost.evil.example', 'file://', 'chrome-extension://abc'])('Origin: %s is refused, even for a GET', async (origin) => {
    expect((await raw(port, 'GET', '/_local/cards', { Host: host(), Origin: origin })).status).toBe(403);
    expect((await raw(port, 'DELETE', '/_local/faults', { Host: host(), Origin: origin })).status).toBe(403);
  });

  it('a loopback Origin, a JSON POST (with a charset) and a DELETE with no body are answered', async () => {
    expect((await raw(port, 'GET', '/_local/cards', { Host: host(), Origin: 'http://localhost:5173' })).status).toBe(200);
    expect((await raw(port, 'GET', '/_local/gateway', { Host: host(), Origin: 'http://[::1]:3000' })).status).toBe(200);
    const added = await raw(port, 'POST', '/_local/faults', { Host: host(), 'Content-Type': 'Application/JSON; charset=utf-8' }, '{"fault":"throttle:next=1"}');
    expect(added).toEqual({ status: 200, body: '{"added":["throttle:next=1"]}' });
    expect((await raw(port, 'DELETE', '/_local/faults', { Host: host() })).status).toBe(200);
    await untouched();
  });

  it('gateway.do answers any Host and Origin: its requests are authenticated by their signatures', async () => {
    const answer = await raw(port, 'GET', `/gateway.do?${signedQuery()}`, { Host: 'evil.example:8080', Origin: EVIL });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('TEMPLATE_NOT_EXIT');
  });
});

// A non-loopback address of this machine: connecting to it, the gateway sees that address as the peer.
const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;
const onLan = lanAddress ? describe : describe.skip;

onLan('local gateway bound beyond loopback', () => {
  it("/_local/* answers only connections from loopback by default; gateway.do answers everyone", async () => {
    const gateway = await startTestGateway({ host: '0.0.0.0' });
    try {
      const remote = await raw(gateway.port, 'GET', '/_local/cards', { Host: `localhost:${gateway.port}` }, undefined, lanAddress);
      expect(remote.status).toBe(403);
      expect(JSON.parse(remote.body).error).toContain('answers only this machine');
      expect((await raw(gateway.port, 'GET', '/_local/cards', { Host: `localhost:${gateway.port}` })).status).toBe(200);
      const signed = await raw(gateway.port, 'GET', `/gateway.do?${signedQuery()}`, { Host: `${lanAddress}:${gateway.port}` }, undefined, lanAddress);
      expect(signed.body).toContain('TEMPLATE_NOT_EXIT');
    } finally {
      await gateway.close();
    }
  });

  it("with localApiReach 'any-machine' /_local/* answers other machines under any Host, still refusing web pages and non-JSON writes", async () => {
    const gateway = await startTestGateway({ host: '0.0.0.0', localApiReach: 'any-machine' });
    try {
      const hostHeader = `${lanAddress}:${gateway.port}`;
      expect((await raw(gateway.port, 'GET', '/_local/cards', { Host: hostHeader }, undefined, lanAddress)).status).toBe(200);
      expect((await raw(gateway.port, 'GET', '/_local/cards', { Host: hostHeader, Origin: EVIL }, undefined, lanAddress)).status).toBe(403);
      expect((await raw(gateway.port, 'POST', '/_local/faults', { Host: hostHeader, 'Content-Type': 'text/plain' }, '{"fault":"throttle"}', lanAddress)).status).toBe(415);
    } finally {
      await gateway.close();
    }
  });
});
