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

// GBK bytes from Python's gbk codec ('张三'.encode('gbk')), not from the iconv-lite the CLI uses.
const GBK: Record<string, string> = { 张三: 'd5c5c8fd', 成功: 'b3c9b9a6', 专业: 'd7a8d2b5', 会员卡: 'bbe1d4b1bfa8', 开卡: 'bfaabfa8', 会员: 'bbe1d4b1', 路: 'c2b7' };
function gbk(text: string): Buffer {
  return Buffer.concat(text.split(/([^\x00-\x7f]+)/).map((part, i) => {
    if (i % 2 === 0) return Buffer.from(part, 'latin1');
    if (GBK[part] === undefined) throw new Error(`no GBK bytes for ${part}`);
    return Buffer.from(GBK[part]!, 'hex');
  }));
}

// Signatures by `openssl dgst -sha256 -sign test/fixtures/vectors/app-private-key.pem` over the GBK
// bytes of each text, base64 (the profile takes app-public-key.pem as "Alipay's" key).
const OPENSSL = {
  gbkNode: 'Wmarnldi26V4DBnQHy0FxfI6vM7ruq3It8dTD5HXpm7RfAPT/a4ZZcMCIVpSbi080RyH1PzodYgS5Ro9CqJ6OTZojd0JCe5p1PPEGnoPEkO/G7/thoUTto/GZkkDI1Bxq82QGtH14bIxfwrNM7rHxYiHq2GuXzhKcItNJYDUqCcXhpmwXH0rjCSY9P6Xs8tmDB4acIUU9R4gEkJYiJwCoQgDz6iveMNoXz7apHHGQv+cqgzCOawIHMmuVZye60FZUed0oINZ0CrzxmzVhXCqPx1c0YsoZhFSE0BksTlJClWl15x8o7XbxdxeTTGfifXvpxYwBBQI40dDWBYKq5TnWA==',
  ambiguousNode: 'PwmiNvjb/SGe5MMqJmlXkrMH5g+XyVTrr0/PD5ig2pAlG5vOj3fb52VmstwBjghVefypNDrOdUKHW47BnDmU7rOTQ/SiT+CCZJNsOgmLUbOYh+NGb75TnkHxInDHxDf9wqCWC8S+TEjgoACaQkRvKP0tPmXSez9/lCHbO0hQx2oqBB3hT8ScpmU5cuP5X/xhsSfvB5l9lmMUwJcWHV+gya5SaZRq/MWn8O4+9XliMAYQT7bWCk875zIpF90ZAdS44wYK9QVWX8Uc2NpY608N57d2/rUeCQPWlU3naDemnCx2WlITuJIQRcMe6l5pEJywjo/FrwIoLA0CgstBxODYBA==',
  gbkNotify: 'NbWuMiHkeZyKaypOxwZVNIcZFpfHuQtaE3JvGCcxWdQddJypyTau2qs9uvyVaqfb5cMI52klRQCV8x3e7ktVVXO8ePSkmaSPxlz4nlMyfdmWtxFT1vVnd/pdlV0DhBRwYdbCkqbOld7aunjqT1+I527W+kYU59rb5GTb8EnhDemP71KYUwUwKmQII29HbIJbeGN4t9ZsJDHmYDOyKHwKQ7AFRXEhD4BDaMfTZhXTGbStuOxtrK53z4mWf2n8Bid3R2+5QQj9AkS3EYd44lR8FJkRwVFl4lLaNrfcYCNfbdD3EM18s8rfX3FqfysBNC0zVe5GSgfHgMnOKPaLHw4LfA==',
  roadNode: 'Q/0a5+U1TjRy9lZ83vcf9OAFRvVeoMzq5DZ8RyKEUVWdP4JpdZS6DeewPhgMYtwuGJpzzLV3/QryqEKES2MsKSvwm1z38Py6x0ai9d/NgAcNPdYVfIf0p8L+aBAiEcGjuHVhTOiqAtDnAmTrP2LXuWsA4ncuD2X03FGPLZTBLSZXa+9XXyr2ItWdcqEIFwmfmhlZTHkz9pTagdvaRiEcrYTs3ytgcll4MXmDSNXUjguasYzkQvmtwjO8d3m4d5DhBstfffYB4smp4Rv1FCpF67lBYMu+xfOe32vJ8tUnGxnWfLDDN8yTDEGX7STjZ9rxR3MFsujAnoAgoP4jYjl6SQ==',
  gbkContent: 'CaG76etTKrU2U2TASEYCvSOgvHURIKNRbIJJdBMwkFhYMHiCRbH22V9JHFh7dLkm2hVywhZ7NujZiu0S5Ce63l9ZaH7mT9NoWiLG02zsV1eX7DOLwveFHCCCeMS1oK7oDzd7zaXvvn3WfmhuTGGnVTby0AGUPCH+HLfC9VELNPlRj6UY7iXPox+Y+vWB92TTHn7Mx6Uw659Ovzkdm+VmvnSyC9MqLde9Kim32Uudmk1866rAvw6ZCV0ZUmgWT1fq5z9Q+UEVMLg6k3L2MDZUxDVMRMX3bwehHOz+RUhYZKp70xiv2xbEg4LKYK9sQnsNnTxEFmimIoT3xpCrVYMWtQ==',
};

function gbkProject(files: Record<string, Buffer> = {}, charset = 'gbk') {
  const dir = projectWithConfig(
    { profiles: { p: { appId: '2021000000000000', charset, privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } },
    { 'app.pem': vector('app-private-key.pem'), 'alipay.pem': vector('app-public-key.pem') },
  );
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

describe('alipay-card verify: input in the charset it was signed in', () => {
  const node = '{"code":"10000","msg":"成功","card_info":{"biz_card_no":"001","member_name":"张三"}}';
  const body = (n: string, sign: string) => gbk(`{"alipay_marketing_card_open_response":${n},"sign":"${sign}"}\n`);

  it('a GBK response body (as the gateway sends it for a gbk profile) verifies and shows the text', async () => {
    const dir = gbkProject({ 'resp.json': body(node, OPENSSL.gbkNode) });
    const r = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, charset: 'gbk', signContent: node });
    const piped = await runCli(['verify', '--response', '-', '--json'], { cwd: dir, input: body(node, OPENSSL.gbkNode) });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout).signContent).toBe(node);
  });

  it('and fails with exit 5 when one character of it changes', async () => {
    const dir = gbkProject({ 'resp.json': body(node.replace('张三', '成功'), OPENSSL.gbkNode) });
    const r = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, signContent: node.replace('张三', '成功') });
  });

  it('the same response saved as UTF-8 still verifies (the text is the same)', async () => {
    const dir = gbkProject({ 'resp.json': Buffer.from(`{"alipay_marketing_card_open_response":${node},"sign":"${OPENSSL.gbkNode}"}`) });
    const r = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).signContent).toBe(node);
  });

  it('GBK text that is also valid UTF-8 (专业 = D7A8 D2B5) is read as GBK', async () => {
    const ambiguous = '{"code":"10000","msg":"Success","level":"专业"}';
    const dir = gbkProject({ 'resp.json': body(ambiguous, OPENSSL.ambiguousNode) });
    const r = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).signContent).toBe(ambiguous);
  });

  it('GBK text whose UTF-8 reading is also GBK text (路 = C2B7 = "·") verifies as the GBK the gateway signed', async () => {
    const road = '{"code":"10000","address":"路"}';
    const dir = gbkProject({ 'resp.json': body(road, OPENSSL.roadNode) });
    const r = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).signContent).toBe(road);
    const tampered = await runCli(['verify', '--response', '-', '--json'], { cwd: dir, input: body(road.replace('10000', '10001'), OPENSSL.roadNode) });
    expect(tampered.code).toBe(5);
  });

  it('a GBK body checked as UTF-8 is exit 2 naming the byte, not a mojibake verdict', async () => {
    const dir = gbkProject({ 'resp.json': body(node, OPENSSL.gbkNode) }, 'utf-8');
    const r = await runCli(['verify', '--response', '@resp.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--response resp\.json: not UTF-8 text \(byte 0xB3 at offset \d+\)/);
    const withFlag = await runCli(['verify', '--response', '@resp.json', '--charset', 'gbk', '--json'], { cwd: dir });
    expect(withFlag.code).toBe(0);
  });

  it('a raw (not percent-encoded) GBK notification body is decoded in the charset it declares', async () => {
    const raw = gbk(`app_id=2021000000000001&charset=gbk&notify_id=n1&subject=会员卡+开卡&sign_type=RSA2&sign=${encodeURIComponent(OPENSSL.gbkNotify)}`);
    const dir = gbkProject({ 'notify.txt': raw }, 'utf-8');
    const r = await runCli(['verify', '--notify', '@notify.txt', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, charset: 'gbk', notifyMode: 'v1', signContent: 'app_id=2021000000000001&charset=gbk&notify_id=n1&subject=会员卡 开卡' });
    const piped = await runCli(['verify', '--notify', '-', '--json'], { cwd: dir, input: raw });
    expect(piped.code).toBe(0);
  });

  it('a GBK --content file verifies against its signature', async () => {
    const dir = gbkProject({ 'content.txt': gbk('会员=张三&level=专业\n') });
    const r = await runCli(['verify', '--content', '@content.txt', '--sign', OPENSSL.gbkContent, '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, signContent: '会员=张三&level=专业' });
  });
});

describe('alipay-card verify --notify: what cannot be checked is exit 2 in one line', () => {
  const signed = `sign=${encodeURIComponent(OPENSSL.gbkNotify)}`;
  it.each([
    ['sign_type=MD5', `app_id=1&charset=utf-8&sign_type=MD5&${signed}`, /--notify notify\.txt: unsupported sign_type "MD5"/],
    ['charset=latin1', `app_id=1&charset=latin1&sign_type=RSA2&${signed}`, /--notify notify\.txt: the notification declares charset "latin1"/],
  ])('%s', async (_name, text, message) => {
    const dir = gbkProject({ 'notify.txt': Buffer.from(text) });
    const r = await runCli(['verify', '--notify', '@notify.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines.filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe('alipay-card verify loads only the keys it checks with', () => {
  it('a damaged app private key does not stop a verification', async () => {
    const dir = projectWithConfig(
      { profiles: { p: { appId: '2021000000000000', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } },
      { 'app.pem': '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n', 'alipay.pem': vector('alipay-public-key.pem') },
    );
    writeFileSync(join(dir, 'resp.json'), realResponse.body);
    const r = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).valid).toBe(true);
  });
});
