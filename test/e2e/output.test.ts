import { createServer, type Server } from 'node:net';
import stringWidth from 'string-width';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { projectWithConfig, runCli, vectorsDir } from './cli.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What people see at a terminal, and what leaks into CI logs: colour, secrets, errors, transport. */

let gw: ServedGateway;
let templateId: string;
/** A template whose field rules need nothing from the request: template and user are enough to open a card. */
let minimalTemplateId: string;
const USER = '2088302463082075';
const APP_AUTH_TOKEN = '202405BB7f3e9a1c5d2b8e4f6a0c9d7e';
const AUTH_TOKEN = 'authusrB9c8d7e6f5a4b3c2d1e0f9a8b7c6d';
const SGR = /\u001b\[[0-9;]*m/g;

function project(options: { gateway?: string; charset?: string; appAuthToken?: string; privateKey?: string } = {}) {
  const profile: Record<string, unknown> = { appId: APP_ID, gateway: options.gateway ?? gw.url, charset: options.charset ?? 'utf-8', alipayPublicKey: gw.alipayPublicKey };
  if (options.privateKey) profile.privateKey = options.privateKey;
  else profile.privateKeyFile = 'app.pem';
  if (options.appAuthToken) profile.appAuthToken = options.appAuthToken;
  return projectWithConfig({ profiles: { p: profile } }, { 'app.pem': appPrivateKeyPem });
}

/** A TCP port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  gw = await serveGateway();
  const client = gw.client();
  templateId = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('e2e-output-1')), retrySafe: false })).node.template_id);
  const minimal = { ...demoTemplate('e2e-output-2'), field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '12m' }] };
  minimalTemplateId = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(minimal), retrySafe: false })).node.template_id);
  await client.close();
});

afterAll(async () => {
  expect(await gw.stop()).toBe(0);
});

describe('colour', () => {
  it('--color colours a table piped to another program, and the coloured table is the plain one plus whole escape sequences', async () => {
    const cwd = project();
    const [coloured, plain] = await Promise.all([
      runCli(['--color', 'template', 'query', templateId, '-o', 'table'], { cwd }),
      runCli(['template', 'query', templateId, '-o', 'table'], { cwd }),
    ]);
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toContain('\u001b[36mbiz_no_suffix_len\u001b[39m');
    expect(plain.stdout).not.toContain('\u001b[');
    expect(coloured.stdout.replace(SGR, '')).toBe(plain.stdout);
    for (const line of plain.stdout.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('an issued card in colour (FORCE_COLOR) keeps external_card_no on one row', async () => {
    const r = await runCli(['card', 'open', '--template-id', minimalTemplateId, '--user-id', USER, '--external-card-no', 'EXT-E2E-0001', '-o', 'table'], { cwd: project(), env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.includes('external_card_no'))).toEqual([expect.stringMatching(/│ \u001b\[36mexternal_card_no\u001b\[39m +│ EXT-E2E-0001 +│$/)]);
    expect(r.stdout.replace(SGR, '')).not.toContain('\u001b');
  });

  it.each([
    ['no flag, not a terminal', [], {}, false],
    ['FORCE_COLOR', [], { NO_COLOR: '', FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR=0', [], { NO_COLOR: '', FORCE_COLOR: '0' }, false],
    ['NO_COLOR beats FORCE_COLOR', [], { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['--color', ['--color'], { NO_COLOR: '' }, true],
    ['--color beats NO_COLOR (a flag beats the environment)', ['--color'], { NO_COLOR: '1' }, true],
    ['--no-color beats FORCE_COLOR', ['--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' }, false],
  ] as const)('%s', async (_what, flags, env, coloured) => {
    const r = await runCli([...flags, '--dry-run', 'template', 'query', templateId, '-o', 'table'], { cwd: project(), env });
    expect(r.code).toBe(0);
    expect(r.stdout.includes('\u001b[')).toBe(coloured);
  });
});

describe('secrets', () => {
  it('template query --dry-run redacts app_auth_token in the string to sign, params and URL (table and JSON)', async () => {
    const cwd = project({ appAuthToken: APP_AUTH_TOKEN });
    const [table, json] = await Promise.all([
      runCli(['--dry-run', 'template', 'query', templateId, '-o', 'table'], { cwd }),
      runCli(['--dry-run', 'template', 'query', templateId, '--json'], { cwd }),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout + table.stderr + json.stdout + json.stderr).not.toContain(APP_AUTH_TOKEN);
    const shown = JSON.parse(json.stdout) as { signContent: string; params: Record<string, string>; url: string };
    expect(shown.signContent).toContain('app_auth_token=<redacted app_auth_token>');
    expect(shown.params.app_auth_token).toBe('<redacted app_auth_token>');
    expect(shown.url).toContain(`app_auth_token=${encodeURIComponent('<redacted app_auth_token>')}`);
  });

  it('sign and --verbose logs never show app_auth_token or auth_token', async () => {
    const cwd = project({ appAuthToken: APP_AUTH_TOKEN });
    const [sign, verbose] = await Promise.all([
      runCli(['sign', '--method', 'alipay.marketing.card.template.query', '--biz', `{"template_id":"${templateId}"}`, '--json'], { cwd, env: { ALIPAY_AUTH_TOKEN: AUTH_TOKEN } }),
      runCli(['--verbose', 'card', 'open', '--template-id', minimalTemplateId, '--user-id', USER, '--json'], { cwd, env: { ALIPAY_AUTH_TOKEN: AUTH_TOKEN } }),
    ]);
    expect(sign.code).toBe(0);
    // The gateway holds a card open's auth_token to a member it issued it to: this made-up one is
    // refused (exit 4). What matters here is the log of the exchange, both ways.
    expect(verbose.code).toBe(4);
    expect(verbose.stderr).toContain('aop.invalid-auth-token');
    for (const text of [sign.stdout, sign.stderr, verbose.stderr]) {
      expect(text).not.toContain(APP_AUTH_TOKEN);
      expect(text).not.toContain(AUTH_TOKEN);
    }
    expect(verbose.stderr).toContain('app_auth_token=<redacted app_auth_token>');
    expect(verbose.stderr).toContain('auth_token=<redacted auth_token>');
  });

  it("isv.invalid-signature: the gateway's string to sign is shown with the tokens redacted, and identical strings say identical", async () => {
    const other = JSON.parse(readFileSync(join(vectorsDir, 'cert-mode-sign.json'), 'utf8')) as { privateKey: string };
    const r = await runCli(['card', 'open', '--template-id', minimalTemplateId, '--user-id', USER],
      { cwd: project({ appAuthToken: APP_AUTH_TOKEN, privateKey: other.privateKey }), env: { ALIPAY_AUTH_TOKEN: AUTH_TOKEN } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('isv.invalid-signature');
    expect(r.stderr).not.toContain(APP_AUTH_TOKEN);
    expect(r.stderr).not.toContain(AUTH_TOKEN);
    expect(r.stderr).toMatch(/gateway signed: +app_auth_token=<redacted app_auth_token>&/);
    expect(r.stderr).toContain('the strings are identical');
    expect(r.stderr).not.toContain('first difference');
    // --json: the error node on stdout for scripts, still with no token in its quoted string to sign.
    const json = await runCli(['card', 'open', '--template-id', minimalTemplateId, '--user-id', USER, '--json'],
      { cwd: project({ appAuthToken: APP_AUTH_TOKEN, privateKey: other.privateKey }), env: { ALIPAY_AUTH_TOKEN: AUTH_TOKEN } });
    expect(json.code).toBe(4);
    const node = JSON.parse(json.stdout) as { sub_code: string; sub_msg: string };
    expect(node.sub_code).toBe('isv.invalid-signature');
    expect(node.sub_msg).toContain('app_auth_token=<redacted app_auth_token>');
    expect(json.stdout).not.toContain(AUTH_TOKEN);
    expect(json.stdout).not.toContain(APP_AUTH_TOKEN);
  });
});

describe('text the profile charset cannot encode', () => {
  it('is exit 2 naming the field and the character, suggesting utf-8, with nothing sent', async () => {
    const before = (await gw.cards()).length;
    for (const flags of [[], ['--dry-run']]) {
      const r = await runCli([...flags, 'card', 'open', '--template-id', minimalTemplateId, '--user-id', USER, '--valid-date', '2030-01-01 00:00:00', '--member-name', '😀李'], { cwd: project({ charset: 'gbk' }) });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('member_ext_info.name');
      expect(r.stderr).toContain('😀');
      expect(r.stderr).toContain('utf-8');
      expect(r.stderr).not.toContain('internal error');
    }
    expect((await gw.cards()).length).toBe(before);
  });
});

describe('transport', () => {
  it('a 404 is not retried, and the error and -v show the request id', async () => {
    const r = await runCli(['--verbose', 'template', 'query', templateId], { cwd: project({ gateway: `${gw.base}/not-the-gateway.do` }) });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('── attempt 1 ──');
    expect(r.stderr).not.toContain('attempt 2');
    const id = /x-request-id: ([0-9a-f-]{36})/.exec(r.stderr)?.[1];
    expect(id).toBeDefined();
    expect(r.stderr).toMatch(new RegExp(`error: the gateway answered HTTP 404 \\(request id ${id}\\)`));
  });

  it('a 5xx is retried', async () => {
    await gw.fault('http500:next=1');
    const r = await runCli(['--verbose', 'template', 'query', templateId, '--json'], { cwd: project() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/✗ the gateway answered HTTP 500 \(request id [0-9a-f-]{36}\)/);
    expect(r.stderr).toContain('── attempt 2 ──');
  });

  it('a loopback gateway bypasses HTTP(S)_PROXY; a remote one names the proxy that failed', async () => {
    const proxy = `http://user:secret@127.0.0.1:${await closedPort()}`;
    const local = await runCli(['template', 'query', templateId, '--json'], { cwd: project(), env: { HTTP_PROXY: proxy, HTTPS_PROXY: proxy } });
    expect(local.stderr).toBe('');
    expect(local.code).toBe(0);
    const remote = await runCli(['template', 'query', templateId, '--max-attempts', '1'], { cwd: project({ gateway: 'https://openapi.alipay.example/gateway.do' }), env: { HTTPS_PROXY: proxy } });
    expect(remote.code).toBe(6);
    expect(remote.stderr).toMatch(/connection to proxy 127\.0\.0\.1:\d+ \(HTTPS_PROXY\) refused/);
    expect(remote.stderr).toContain('NO_PROXY');
    expect(remote.stderr).not.toContain('secret');
  });
});
