import { generateKeyPairSync } from 'node:crypto';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { formatTimestamp } from '../../src/protocol/index.js';
import { call, METHOD } from '../unit/gateway/helpers.js';
import { runCli } from './cli.js';
import { APP_ID, serveGateway, type ServedGateway } from './serve.js';

/** One request with exactly these headers, to `address` (default loopback). */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: string, address?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: address ?? (hostname === '0.0.0.0' ? '127.0.0.1' : hostname), port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** stderr and stdout are separate pipes: what serve wrote to stderr before its first stdout line may come after it. */
async function stderrOf(gw: ServedGateway, awaited: string): Promise<string> {
  for (let i = 0; i < 100 && !gw.stderr().includes(awaited); i++) await new Promise((r) => setTimeout(r, 20));
  return gw.stderr();
}

const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('gateway serve: the unauthenticated /_local/* API', () => {
  let gw: ServedGateway | undefined;
  afterEach(async () => {
    await gw?.stop();
    gw = undefined;
  });

  it('refuses a web page: a text/plain POST from a foreign Origin, a rebound Host; the app key and faults stay as they were', async () => {
    gw = await serveGateway();
    const host = new URL(gw.base).host;
    const replace = await raw(gw.base, 'POST', '/_local/apps', { Host: host, Origin: 'http://evil.example', 'Content-Type': 'text/plain' }, JSON.stringify({ app_id: APP_ID, public_key: otherKey }));
    expect(replace.status).toBe(403);
    expect((await raw(gw.base, 'POST', '/_local/faults', { Host: host, 'Content-Type': 'text/plain' }, '{"fault":"unavailable"}')).status).toBe(415);
    const rebound = await raw(gw.base, 'GET', '/_local/cards', { Host: 'evil.example:18080' });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toEqual({ error: expect.stringContaining('answers only a loopback Host') });
    // The app still signs with its own key and no fault was added.
    const answer = await call(gw, METHOD.query, { template_id: 'x' }, { timestamp: formatTimestamp(new Date()) });
    expect(answer).toMatchObject({ verified: true, node: { sub_code: 'TEMPLATE_NOT_EXIT' } });
  });

  it('a --host other machines can reach is exit 2 without --allow-remote; --expose-local-api alone is exit 2', async () => {
    const bare = await runCli(['gateway', 'serve', '--host', '0.0.0.0', '--port', '0'], { timeoutMs: 10_000 });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--host 0.0.0.0 is not a loopback address');
    expect(bare.stderr).toContain('--allow-remote');
    const expose = await runCli(['gateway', 'serve', '--expose-local-api', '--port', '0'], { timeoutMs: 10_000 });
    expect(expose.code).toBe(2);
    expect(expose.stderr).toContain('--expose-local-api opens /_local/* to other machines: it needs --allow-remote');
  });

  (lanAddress ? it : it.skip)('--allow-remote: a warning; gateway.do answers other machines, /_local/* only this one unless --expose-local-api', async () => {
    gw = await serveGateway(['--host', '0.0.0.0', '--allow-remote']);
    expect(await stderrOf(gw, 'Ctrl-C')).toContain('may be reachable from other machines (--allow-remote); /_local/* still answers only this machine');
    const port = new URL(gw.base).port;
    const fromLan = await raw(gw.base, 'GET', '/_local/cards', { Host: `${lanAddress}:${port}` }, undefined, lanAddress);
    expect(fromLan.status).toBe(403);
    expect((await raw(gw.base, 'GET', '/_local/cards', { Host: `localhost:${port}` })).status).toBe(200);
    expect((await gw.cards())).toEqual([]);
    const gatewayDo = await raw(gw.base, 'POST', '/gateway.do', { Host: `${lanAddress}:${port}`, 'Content-Type': 'application/x-www-form-urlencoded' }, 'charset=utf-8', lanAddress);
    expect(gatewayDo.body).toContain('isv.missing-method');
    await gw.stop();

    gw = await serveGateway(['--host', '0.0.0.0', '--allow-remote', '--expose-local-api']);
    expect(await stderrOf(gw, 'Ctrl-C')).toContain('is unauthenticated and now answers other machines (--expose-local-api)');
    const exposedPort = new URL(gw.base).port;
    expect((await raw(gw.base, 'GET', '/_local/cards', { Host: `${lanAddress}:${exposedPort}` }, undefined, lanAddress)).status).toBe(200);
    expect((await raw(gw.base, 'GET', '/_local/cards', { Host: `${lanAddress}:${exposedPort}`, Origin: 'http://evil.example' }, undefined, lanAddress)).status).toBe(403);
  });
});
