import { createPublicKey } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Context } from '../../../src/cli/context.js';
import { formatTimestamp } from '../../../src/protocol/index.js';
import { runGatewayServe } from '../../../src/cli/commands/gateway.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { APP_ID, call, METHOD, VECTORS } from './helpers.js';

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

  describe('--templates and --app-encrypt-key', () => {
    const TEMPLATE_ID = '20240501000000000000000000000001';
    const ENCRYPT_KEY = Buffer.from('0123456789abcdef').toString('base64');
    const seed = (changes: Record<string, unknown> = {}) => {
      const { request_id: _requestId, ...biz } = templateSample();
      return { template_id: TEMPLATE_ID, ...biz, ...changes };
    };
    const setUp = (templates: unknown) => {
      const c = context({ json: true });
      copyFileSync(`${VECTORS}/app-public-key.pem`, join(c.ctx.cwd, 'app.pem'));
      writeFileSync(join(c.ctx.cwd, 'aes.txt'), `${ENCRYPT_KEY}\n`);
      writeFileSync(join(c.ctx.cwd, 'templates.json'), JSON.stringify(templates));
      return c;
    };
    const gatewayOf = (c: ReturnType<typeof context>) => JSON.parse(c.out().split('\n')[0]!) as { url: string; alipayPublicKey: string };

    it('starts with the templates of the file and the AES key of the file; a restart on the same state keeps them once', async () => {
      const c = setUp([seed()]);
      const opts = { host: '127.0.0.1', port: '0', state: 'gw.json', app: [`${APP_ID}=app.pem`], appEncryptKey: [`${APP_ID}=aes.txt`], templates: 'templates.json' };
      const run = await serveUntilStopped(c, opts);
      try {
        // gateway serve runs on the real clock.
        const aes = { identity: { encryptKey: ENCRYPT_KEY }, timestamp: formatTimestamp(new Date()) };
        const queried = await call(gatewayOf(c), METHOD.query, { template_id: TEMPLATE_ID }, aes);
        expect(queried).toMatchObject({ verified: true, node: { code: '10000', biz_no_prefix: 'prex', card_level_confs: [{ level: 'VIP1' }, { level: 'VIP2' }] } });
        const opened = await call(gatewayOf(c), METHOD.open, cardOpenSample(TEMPLATE_ID, 'seeded-1'), aes);
        expect(opened.node.card_info.biz_card_no).toMatch(/^prex\d{10}$/);
      } finally {
        await run.stop();
      }

      const again = context({ json: true });
      again.ctx.cwd = c.ctx.cwd;
      await (await serveUntilStopped(again, { ...opts, app: [], appEncryptKey: [] })).stop();
      const state = JSON.parse(readFileSync(join(c.ctx.cwd, 'gw.json'), 'utf8'));
      expect(state.templates.map((t: { template_id: string; request_id: string }) => [t.template_id, t.request_id])).toEqual([[TEMPLATE_ID, TEMPLATE_ID]]);
      expect(state.apps).toEqual([expect.objectContaining({ app_id: APP_ID, encrypt_key: ENCRYPT_KEY })]);
    });

    const refuse = (templates: unknown, extra: Record<string, unknown> = {}) => {
      const c = setUp(templates);
      return runGatewayServe(c.ctx, { host: '127.0.0.1', port: '0', app: [`${APP_ID}=app.pem`], templates: 'templates.json', ...extra }, Promise.resolve());
    };

    it.each([
      ['an invalid template', {}, [seed({ biz_no_suffix_len: '40', color: 'red' })], /templates.json\[0\] \(template 20240501000000000000000000000001\) is not a valid template: biz_no_suffix_len: must be .*; color: is not a member/],
      ['a template_id twice', {}, [seed(), seed()], /template_id 20240501000000000000000000000001 is given twice/],
      ['no template_id', {}, [{ ...seed(), template_id: undefined }], /templates.json\[0\]: template_id must be a string/],
      ['an app_id the gateway does not know', {}, [seed({ app_id: '2021000000000099' })], /app_id "2021000000000099" is not an app of this gateway \(2021000000000001\)/],
      ['no app to own a template', { app: [] }, [seed()], /give its app_id: no app is registered/],
      ['an AES key for an app the gateway does not know', { appEncryptKey: ['2021000000000099=aes.txt'] }, [], /no app 2021000000000099 to give an AES key to/],
      ['an --app-encrypt-key with no file', { appEncryptKey: ['2021000000000001'] }, [], /--app-encrypt-key "2021000000000001" is not <appId>=<keyFile>/],
    ])('refuses %s', async (_what, flags, templates, message) => {
      await expect(refuse(templates, flags)).rejects.toThrow(message);
    });

    it('refuses a file that is no JSON array, and a template_id the state holds as another template', async () => {
      const c = setUp({ not: 'an array' });
      await expect(runGatewayServe(c.ctx, { host: '127.0.0.1', port: '0', templates: 'templates.json' }, Promise.resolve())).rejects.toThrow(/must hold a JSON array of templates/);

      const first = setUp([seed()]);
      const opts = { host: '127.0.0.1', port: '0', state: 'gw.json', app: [`${APP_ID}=app.pem`], templates: 'templates.json' };
      await runGatewayServe(first.ctx, opts, Promise.resolve());
      writeFileSync(join(first.ctx.cwd, 'templates.json'), JSON.stringify([seed({ biz_no_prefix: 'other' })]));
      await expect(runGatewayServe(first.ctx, opts, Promise.resolve())).rejects.toThrow(/template 20240501000000000000000000000001 is already in the gateway's state as a different template/);
    });
  });
});
