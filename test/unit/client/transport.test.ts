import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { GatewayClient, type ExchangeEvent } from '../../../src/client/client.js';
import { isLoopbackHost, proxyFor } from '../../../src/client/proxy.js';
import type { ResponseVerifier } from '../../../src/client/response.js';
import { ConfigError, HttpStatusError, TransportError } from '../../../src/errors.js';

const gatewayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const verifier: ResponseVerifier = { signType: 'RSA2', charset: 'utf-8', keyFor: () => gatewayKeys.publicKey };
const identity = { appId: '2021000000000001', privateKey: createPrivateKey(readFileSync('test/fixtures/vectors/app-private-key.pem')), signType: 'RSA2' as const, charset: 'utf-8' as const };
const METHOD = 'alipay.marketing.card.template.query';
const ANY = { path: (p: string) => p.startsWith('/gateway.do?'), method: 'POST' };

function client(agent: MockAgent, events: ExchangeEvent[], ids: string[] = ['id-1', 'id-2', 'id-3']) {
  return new GatewayClient({
    gatewayUrl: 'https://gw.example.com/gateway.do',
    identity,
    verifier,
    transport: { timeoutMs: 1000, userAgent: 'alipay-card/test', dispatcher: agent },
    random: () => 0.5,
    sleep: async () => {},
    requestId: () => ids.shift()!,
    onExchange: (e) => events.push(e),
  });
}

function mockPool() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return { agent, pool: agent.get('https://gw.example.com') };
}

describe('HTTP status retries', () => {
  it('does not retry a 4xx: it answers the same every time', async () => {
    const { agent, pool } = mockPool();
    pool.intercept(ANY).reply(404, 'not found');
    const events: ExchangeEvent[] = [];
    const err = await client(agent, events).call(METHOD, { retrySafe: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpStatusError);
    expect((err as HttpStatusError).status).toBe(404);
    expect((err as Error).message).toBe('the gateway answered HTTP 404 (request id id-1)');
    expect(events).toHaveLength(1);
    expect(events[0]!.retryInMs).toBeUndefined();
  });

  it('retries a 5xx, each attempt with its own request id sent in x-request-id', async () => {
    const { agent, pool } = mockPool();
    const sent: string[] = [];
    const capture = { ...ANY, headers: (h: Record<string, string>) => (sent.push(h['x-request-id']!), true) };
    pool.intercept(capture).reply(503, 'busy').times(3);
    const events: ExchangeEvent[] = [];
    await expect(client(agent, events).call(METHOD, { retrySafe: true })).rejects.toThrow('the gateway answered HTTP 503 (request id id-3)');
    expect(events.map((e) => e.requestId)).toEqual(['id-1', 'id-2', 'id-3']);
    // MockAgent may ask the matcher more than once a request.
    expect([...new Set(sent)]).toEqual(['id-1', 'id-2', 'id-3']);
  });

  it('a body that is not a response names the request id', async () => {
    const { agent, pool } = mockPool();
    pool.intercept(ANY).reply(200, '<html>captive portal</html>');
    const err = await client(agent, []).call(METHOD, { retrySafe: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/not a response.*\(request id id-1\)$/);
  });
});

describe('proxyFor', () => {
  const env = { HTTPS_PROXY: 'http://user:pw@proxy.corp:3128', HTTP_PROXY: 'http://plain.corp:8080' };

  it('bypasses the proxy for loopback gateways, whatever the environment says', () => {
    for (const url of ['http://127.0.0.1:8080/gateway.do', 'http://localhost/gateway.do', 'http://[::1]:9/gateway.do', 'https://127.1.2.3/gateway.do']) {
      expect(proxyFor(new URL(url), env)).toBeUndefined();
    }
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
  });

  it('picks HTTPS_PROXY for https (HTTP_PROXY when it is unset) and names it without credentials', () => {
    expect(proxyFor(new URL('https://openapi.alipay.com/gateway.do'), env)).toEqual({ url: env.HTTPS_PROXY, host: 'proxy.corp:3128', variable: 'HTTPS_PROXY' });
    expect(proxyFor(new URL('https://openapi.alipay.com/gateway.do'), { http_proxy: 'http://p:1' })).toMatchObject({ host: 'p:1', variable: 'http_proxy' });
    expect(proxyFor(new URL('https://openapi.alipay.com/gateway.do'), {})).toBeUndefined();
  });

  it('honours NO_PROXY: hosts, subdomains, ports, *', () => {
    const url = new URL('https://openapi.alipay.com/gateway.do');
    expect(proxyFor(url, { ...env, NO_PROXY: 'alipay.com' })).toBeUndefined();
    expect(proxyFor(url, { ...env, no_proxy: '.alipay.com' })).toBeUndefined();
    expect(proxyFor(url, { ...env, NO_PROXY: 'openapi.alipay.com:443' })).toBeUndefined();
    expect(proxyFor(url, { ...env, NO_PROXY: 'openapi.alipay.com:8443' })).toBeDefined();
    expect(proxyFor(url, { ...env, NO_PROXY: '*' })).toBeUndefined();
    expect(proxyFor(url, { ...env, NO_PROXY: 'pay.com' })).toBeDefined();
  });

  it('a proxy variable that is not a URL is a configuration error that does not echo it', () => {
    expect(() => proxyFor(new URL('https://openapi.alipay.com/gateway.do'), { HTTPS_PROXY: 'not a url:secret' })).toThrow(ConfigError);
    expect(() => proxyFor(new URL('https://openapi.alipay.com/gateway.do'), { HTTPS_PROXY: 'not a url:secret' })).toThrow(/^HTTPS_PROXY is not a URL$/);
  });
});

describe('the request timeout', () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

  it.each([['node:http (a command\'s call or two)', false], ['undici (pooled: card batch, member serve)', true]])('covers the whole exchange through %s: an answer that trickles in, each piece within the read timeout, still ends at --timeout', async (_name, pooled) => {
    const open: ServerResponse[] = [];
    const server = createServer((_req, res) => {
      open.push(res);
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
      const drip = setInterval(() => (res.writableEnded ? clearInterval(drip) : res.write(' ')), 40);
      res.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const gateway = new GatewayClient({
      gatewayUrl: `http://127.0.0.1:${port}/gateway.do`, identity, verifier,
      transport: { timeoutMs: 300, userAgent: 'alipay-card/test', pooled }, requestId: () => 'id-slow',
    });
    const started = Date.now();
    const err = await gateway.call(METHOD, { retrySafe: false }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    await gateway.close();
    for (const res of open) res.destroy();
    server.close();
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toBe('no answer from 127.0.0.1:' + port + ' within the timeout (request id id-slow)');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(5000);
  });

  it('leaves no timer behind once an exchange has ended, answered or failed', async () => {
    const { agent, pool } = mockPool();
    pool.intercept(ANY).reply(404, 'not found').times(20);
    const before = timers();
    const gateway = client(agent, [], Array.from({ length: 20 }, (_, i) => `id-${i}`));
    for (let i = 0; i < 20; i++) await gateway.call(METHOD, { retrySafe: true }).catch(() => undefined);
    expect(timers()).toBe(before);
  });
});

