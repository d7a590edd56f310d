import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectWithConfig, repoRoot, runCli, vectorsDir } from './cli.js';

const vector = (name: string) => readFileSync(join(vectorsDir, name), 'utf8');
const realResponse = JSON.parse(vector('real-response.json')) as { body: string; method: string };
const realNotify = JSON.parse(vector('real-notify.json')) as { params: Record<string, string>; alipayPublicKey: string };
const signCase = (JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/cli/sign-cases.json'), 'utf8')) as { cases: Array<{ content: string; expectedSign: string }> }).cases[0]!;

function project(alipayKey: string) {
  return projectWithConfig(
    { profiles: { p: { appId: '2021000000000000', gateway: 'sandbox', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } },
    { 'app.pem': vector('app-private-key.pem'), 'alipay.pem': alipayKey },
  );
}

function formBody(params: Record<string, string>): string {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

describe('alipay-card verify --response', () => {
  it('accepts the response signed by the real gateway and prints the exact content checked', async () => {
    const dir = project(vector('alipay-public-key.pem'));
    writeFileSync(join(dir, 'resp.json'), realResponse.body);
    const r = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: true, kind: 'response', nodeName: 'alipay_open_file_upload_response' });
    expect(out.signContent).toBe('{"code":"10000","msg":"Success","file_id":"CAxAToWB1JsAAAAAAAAAAAAADgSLAQBr"}');
  });

  it('rejects it with exit 5 when one byte of the node changes, from stdin', async () => {
    const dir = project(vector('alipay-public-key.pem'));
    const tampered = realResponse.body.replace('CAxATo', 'CAxATp');
    const r = await runCli(['verify', '--response', '-', '--json'], { cwd: dir, input: tampered });
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false });
    expect(r.stderr).toMatch(/NOT valid/);
  });

  it('rejects a response checked against the wrong key', async () => {
    const dir = project(vector('app-public-key.pem'));
    writeFileSync(join(dir, 'resp.json'), realResponse.body);
    const r = await runCli(['verify', '--response', '@resp.json', '-o', 'table'], { cwd: dir });
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('INVALID');
  });

  it('a file that is not a response is exit 2 naming the file', async () => {
    const dir = project(vector('alipay-public-key.pem'));
    writeFileSync(join(dir, 'resp.json'), '<html>bad gateway</html>');
    const r = await runCli(['verify', '--response', '@resp.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('resp.json');
  });
});

describe('alipay-card verify --notify', () => {
  it('accepts the real notification as a form body (v1 and auto), not as v2', async () => {
    const dir = projectWithConfig(
      { profiles: { p: { appId: '2021000000000000', privateKeyFile: 'app.pem', alipayPublicKey: realNotify.alipayPublicKey } } },
      { 'app.pem': vector('app-private-key.pem') },
    );
    writeFileSync(join(dir, 'notify.txt'), formBody(realNotify.params) + '\n');
    for (const mode of ['v1', 'auto']) {
      const r = await runCli(['verify', '--notify', '@notify.txt', '--notify-mode', mode, '--json'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, notifyMode: 'v1' });
    }
    const v2 = await runCli(['verify', '--notify', '@notify.txt', '--notify-mode', 'v2'], { cwd: dir });
    expect(v2.code).toBe(5);
  });

  it('accepts it as JSON params on stdin and rejects a changed amount', async () => {
    const dir = projectWithConfig(
      { profiles: { p: { appId: '2021000000000000', privateKeyFile: 'app.pem', alipayPublicKey: realNotify.alipayPublicKey } } },
      { 'app.pem': vector('app-private-key.pem') },
    );
    const ok = await runCli(['verify', '--notify', '-', '--json'], { cwd: dir, input: JSON.stringify(realNotify.params) });
    expect(ok.code).toBe(0);
    const changed = await runCli(['verify', '--notify', '-', '--json'], { cwd: dir, input: JSON.stringify({ ...realNotify.params, total_amount: '0.11' }) });
    expect(changed.code).toBe(5);
    expect(JSON.parse(changed.stdout).signContent).toContain('total_amount=0.11');
  });
});

describe('alipay-card verify --content --sign', () => {
  it('checks a content/signature pair made by openssl', async () => {
    const dir = project(vector('app-public-key.pem'));
    const ok = await runCli(['verify', '--content', signCase.content, '--sign', signCase.expectedSign, '--json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).valid).toBe(true);
    const bad = await runCli(['verify', '--content', signCase.content + ' ', '--sign', signCase.expectedSign], { cwd: dir });
    expect(bad.code).toBe(5);
  });
});

describe('alipay-card keys check in certificate mode', () => {
  it('prints appCertSn, alipayCertSn and alipayRootCertSn', async () => {
    const certVector = JSON.parse(vector('cert-mode-sign.json')) as { privateKey: string; appCertSn: string; alipayRootCertSn: string };
    const dir = projectWithConfig(
      { profiles: { cert: { appId: '9021000122682882', privateKeyFile: 'app.key', appCertFile: 'app.crt', alipayCertFile: 'alipay.crt', alipayRootCertFile: 'root.crt' } } },
      {
        'app.key': certVector.privateKey,
        'app.crt': vector('cert-mode-alipayAppPublicCert.crt'),
        'alipay.crt': vector('alipayCertPublicKey_RSA2.crt'),
        'root.crt': vector('cert-mode-alipayRootCert.crt'),
      },
    );
    const r = await runCli(['keys', 'check', '--json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      mode: 'cert',
      appCertSn: certVector.appCertSn,
      alipayCertSn: '7513daaaa48aa3ba2e4018d84402479c',
      alipayRootCertSn: certVector.alipayRootCertSn,
    });
    expect(out.checks.find((c: { name: string }) => c.name === 'private key ↔ app cert').ok).toBe(true);
  });
});

describe('alipay-card config show', () => {
  it('masks every secret and says where each value came from', async () => {
    const key = vector('app-private-key-no-wrapper.pem').trim();
    const dir = projectWithConfig({ profiles: { p: { appId: '2021000000000000', privateKey: key, appAuthToken: '202401BBxxxxxxxxxxxxSECRETTOKEN1234' } } });
    const r = await runCli(['config', 'show', '--json'], { cwd: dir, env: { ALIPAY_SIGN_TYPE: 'RSA' } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(key.slice(0, 40));
    expect(r.stdout).not.toContain('SECRETTOKEN');
    expect(r.stderr).not.toContain(key.slice(0, 40));
    const out = JSON.parse(r.stdout);
    expect(out.values.signType).toBe('RSA');
    expect(out.sources.signType).toContain('ALIPAY_SIGN_TYPE');
  });
});
