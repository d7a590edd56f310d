import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectWithConfig, repoRoot, runCli, vectorsDir } from './cli.js';

interface SignCase {
  name: string;
  args: string[];
  content: string;
  expectedSign: string;
  charset?: string;
  env?: Record<string, string>;
}

const { cases } = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/cli/sign-cases.json'), 'utf8')) as { cases: SignCase[] };
const privateKey = readFileSync(join(vectorsDir, 'app-private-key.pem'), 'utf8');
const alipayKey = readFileSync(join(vectorsDir, 'alipay-public-key.pem'), 'utf8');

function project(charset = 'utf-8') {
  return projectWithConfig(
    { profiles: { test: { appId: '2021000000000000', gateway: 'sandbox', charset, privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/alipay.pem' } } },
    { 'keys/app.pem': privateKey, 'keys/alipay.pem': alipayKey },
  );
}

describe('alipay-card sign: known answers (strings written by hand, signatures by openssl)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await runCli(['sign', ...c.args, '--json'], { cwd: project(c.charset), env: c.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.sign).toBe(c.expectedSign);
    expect(out.params.sign).toBe(c.expectedSign);
    // The printed string to sign is the hand-written one, with secrets redacted.
    const token = c.env?.ALIPAY_AUTH_TOKEN;
    expect(out.signContent).toBe(token ? c.content.replace(token, '<redacted auth_token>') : c.content);
    if (token) expect(r.stdout).not.toContain(token);
    expect(Object.keys(out).sort()).toEqual(['body', 'params', 'sign', 'signContent', 'url']);
  });

  it('puts protocol params in the URL query and biz_content in the body, percent-encoded in the charset', async () => {
    const gbk = cases.find((c) => c.name === 'chinese member name, gbk')!;
    const r = await runCli(['sign', ...gbk.args, '--json'], { cwd: project('gbk') });
    const out = JSON.parse(r.stdout);
    expect(out.url.startsWith('https://openapi-sandbox.dl.alipaydev.com/gateway.do?')).toBe(true);
    expect(out.url).toContain('timestamp=2024-05-01+09%3A30%3A00');
    expect(out.url).not.toContain('biz_content');
    // 张 is D5 C5 and 三 is C8 FD in GBK.
    expect(out.body).toBe('biz_content=%7B%22out_serial_no%22%3A%22s1%22%2C%22member_ext_info%22%3A%7B%22name%22%3A%22%D5%C5%C8%FD%22%7D%7D');
  });

  it('signs a raw --content string from stdin', async () => {
    const r = await runCli(['sign', '--content', '-', '--json'], { cwd: project(), input: cases[0]!.content + '\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ signContent: cases[0]!.content, sign: cases[0]!.expectedSign });
  });

  it('prints readable sections on a terminal-style table output', async () => {
    const r = await runCli(['sign', ...cases[0]!.args, '-o', 'table'], { cwd: project() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('String to sign');
    expect(r.stdout).toContain(cases[0]!.expectedSign);
  });
});

describe('alipay-card sign: bad input', () => {
  it('invalid --biz JSON is exit 2 naming the flag, nothing on stdout', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--biz', '{"a":'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--biz: invalid JSON/);
  });

  it('an impossible --timestamp is exit 2', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--timestamp', '2023-02-29 10:00:00'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timestamp/);
  });

  it('a missing key file is exit 3 naming the file', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: '2021000000000000', privateKeyFile: 'nope.pem' } } });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nope.pem');
  });

  it('a malformed PEM is exit 3', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: '2021000000000000', privateKeyFile: 'k.pem' } } }, { 'k.pem': '-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n' });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('k.pem');
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
  });

  it('a public key given as the private key is exit 3 saying so', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: '2021000000000000', privateKeyFile: 'k.pem' } } }, { 'k.pem': alipayKey });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/public key/i);
  });

  it('an unknown profile is exit 3 listing the profiles', async () => {
    const r = await runCli(['-p', 'nope', 'sign', '--method', 'm.x'], { cwd: project() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('test');
  });

  it('a config failing the schema is exit 3 naming each path', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: 'abc', signType: 'RSA3', charset: 'latin1' } } });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('signType');
    expect(r.stderr).toContain('charset');
  });

  it('an unknown flag is exit 2', async () => {
    const r = await runCli(['sign', '--metod', 'x'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option '--metod'/);
  });

  it('no key is never accepted as a flag value', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--private-key', 'MIIE...'], { cwd: project() });
    expect(r.code).toBe(2);
  });
});
