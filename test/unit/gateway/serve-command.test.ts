import { createPublicKey } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Context } from '../../../src/cli/context.js';
import { runGatewayServe } from '../../../src/cli/commands/gateway.js';
import { VECTORS } from './helpers.js';

function context(globals: Context['globals'] = {}): { ctx: Context; out: () => string; err: () => string } {
  const home = mkdtempSync(join(tmpdir(), 'gateway-serve-'));
  let out = '';
  let err = '';
  const stdout = Object.assign(new PassThrough(), { isTTY: false });
  const stderr = Object.assign(new PassThrough(), { isTTY: false });
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ctx: Context = { stdout, stderr, stdin: Readable.from([]), env: {}, cwd: home, homeDir: home, now: () => new Date(), globals };
  return { ctx, out: () => out, err: () => err };
}

/** Runs `gateway serve` until `stop` is called; resolves with what it printed once it listens. */
async function serveUntilStopped(c: ReturnType<typeof context>, opts: Parameters<typeof runGatewayServe>[1]) {
  let stop!: () => void;
  const until = new Promise<void>((resolve) => (stop = resolve));
  const done = runGatewayServe(c.ctx, opts, until);
  while (!c.out().includes('\n')) await new Promise((r) => setTimeout(r, 10));
  return { stop: async () => (stop(), await done) };
}

describe('gateway serve (command)', () => {
  it('signs with the --key key, registers --app keys and certs, and writes state when stopped', async () => {
    const c = context({ json: true });
    copyFileSync(`${VECTORS}/app-private-key.pem`, join(c.ctx.cwd, 'gw-key.pem'));
    copyFileSync(`${VECTORS}/app-public-key-no-wrapper.pem`, join(c.ctx.cwd, 'app.txt'));
    copyFileSync(`${VECTORS}/cert-mode-alipayAppPublicCert.crt`, join(c.ctx.cwd, 'app-cert.crt'));
    const run = await serveUntilStopped(c, { host: '127.0.0.1', port: '0', state: 'gw.json', key: 'gw-key.pem', app: ['2021000000000001=app.txt', '9021000122682882=app-cert.crt'] });
    const line = JSON.parse(c.out().split('\n')[0]!) as { url: string; alipayPublicKey: string };
    const expectedKey = createPublicKey(readFileSync(`${VECTORS}/app-private-key.pem`)).export({ type: 'spki', format: 'der' }).toString('base64');
    expect(line.alipayPublicKey).toBe(expectedKey);
    await run.stop();
    const state = JSON.parse(readFileSync(join(c.ctx.cwd, 'gw.json'), 'utf8'));
    expect(state.apps.map((a: { app_id: string; app_cert?: string }) => [a.app_id, Boolean(a.app_cert)])).toEqual([
      ['2021000000000001', false],
      ['9021000122682882', true],
    ]);
    expect(c.err()).toContain('state written to');
  });

  it('prints a readable summary in table output', async () => {
    const c = context({ output: 'table' });
    const run = await serveUntilStopped(c, { host: '127.0.0.1', port: '0', fault: ['unavailable:0.1'] });
    await new Promise((r) => setTimeout(r, 20));
    await run.stop();
    expect(c.out()).toMatch(/^Local gateway listening on http:\/\/127\.0\.0\.1:\d+\/gateway\.do\nAlipay public key \(alipayPublicKey\): [A-Za-z0-9+/]+=*\n/);
    expect(c.out()).toContain('Faults: unavailable:0.1');
    expect(c.out()).toContain(`State file: ${join(c.ctx.homeDir, '.local/state/alipay-card/gateway.json')}`);
  });

  it('refuses a port that is taken', async () => {
    const first = context({ json: true });
    const run = await serveUntilStopped(first, { host: '127.0.0.1', port: '0' });
    const port = new URL((JSON.parse(first.out().split('\n')[0]!) as { url: string }).url).port;
    await expect(runGatewayServe(context().ctx, { host: '127.0.0.1', port }, new Promise(() => undefined))).rejects.toThrow(/cannot listen on 127.0.0.1:\d+: EADDRINUSE/);
    await run.stop();
  });
});
