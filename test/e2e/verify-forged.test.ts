// verify on bodies that were altered after Alipay signed them: each is a verdict (exit 5, a reason
// on stdout for scripts), never a usage error, and Alipay's own Node SDK agrees where it can check.
import { sign, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseQuery } from 'node:querystring';
import { AlipaySdk } from 'alipay-sdk';
import { projectWithConfig, runCli, vectorsDir } from './cli.js';

const vector = (name: string) => readFileSync(join(vectorsDir, name), 'utf8');
const realNotify = JSON.parse(vector('real-notify.json')) as { params: Record<string, string>; alipayPublicKey: string };
const REAL_APP_ID = realNotify.params['app_id']!;

function formBody(params: Record<string, string>): string {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function realProject(): string {
  return projectWithConfig(
    { profiles: { p: { appId: REAL_APP_ID, privateKeyFile: 'app.pem', alipayPublicKey: realNotify.alipayPublicKey } } },
    { 'app.pem': vector('app-private-key.pem') },
  );
}

const sdk = () =>
  new AlipaySdk({ appId: REAL_APP_ID, privateKey: vector('app-private-key.pem'), alipayPublicKey: realNotify.alipayPublicKey });

describe('verify --notify: a param given twice makes the notification not valid (exit 5)', () => {
  // The real signed notification with the attacker's values put first: Python's parse_qs and a
  // servlet's getParameter read those; the signature covers the real ones.
  const forged = `total_amount=100000.00&trade_status=WAIT_BUYER_PAY&${formBody(realNotify.params)}`;

  it('a form body: exit 5, {"valid":false} and a reason naming each repeated param', async () => {
    const dir = realProject();
    writeFileSync(join(dir, 'evil.form'), forged);
    const r = await runCli(['verify', '--notify', '@evil.form', '--json'], { cwd: dir });
    expect(r.code).toBe(5);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: false, kind: 'notify' });
    expect(out.reason).toContain('"trade_status", "total_amount"');
    expect(out).not.toHaveProperty('signContent');
    expect(out).not.toHaveProperty('signType'); // nothing was checked, with RSA2 or the RSA one sign_type says
    expect(r.stderr).toContain('hint: refuse it whatever its signature');
    expect(r.stderr).not.toContain('Alipay public key');
    // Alipay's Node SDK, fed the body as querystring parses it, refuses it too.
    expect(sdk().checkNotifySign(parseQuery(forged))).toBe(false);
    // And the body without the injected params still verifies, with us and with the SDK.
    writeFileSync(join(dir, 'real.form'), formBody(realNotify.params));
    const real = await runCli(['verify', '--notify', '@real.form', '--json'], { cwd: dir });
    expect([real.code, JSON.parse(real.stdout).valid]).toEqual([0, true]);
    expect(sdk().checkNotifySign(parseQuery(formBody(realNotify.params)))).toBe(true);
  });

  it('JSON params with a key given twice: exit 5 naming it, in English and in Chinese', async () => {
    const dir = realProject();
    const json = `{"total_amount":"9999.00",${JSON.stringify(realNotify.params).slice(1)}`;
    const r = await runCli(['verify', '--notify', '-', '--json'], { cwd: dir, input: json });
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, reason: expect.stringContaining('param "total_amount" more than once') });
    const wrapped = await runCli(['verify', '--notify', '-', '-o', 'table', '--lang', 'zh-CN'], { cwd: dir, input: `{"params":${json}}` });
    expect(wrapped.code).toBe(5);
    expect(wrapped.stdout).toContain('通知中参数 "total_amount" 出现了不止一次');
    expect(wrapped.stdout).not.toContain('验签的内容');
  });
});

describe('verify --notify: a query string as copied', () => {
  it("a bare '?query' verifies as the same query after a URL does (the first key is not '?gmt_create')", async () => {
    const dir = realProject();
    const query = formBody(realNotify.params);
    for (const text of [`?${query}`, `https://example.com/notify?${query}`]) {
      const r = await runCli(['verify', '--notify', '-', '--json'], { cwd: dir, input: text });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, signContent: expect.not.stringContaining('?') });
    }
  });
});

describe('verify --response: a key twice at the top is a forged response (exit 5), not bad input', () => {
  // A node signed by node:crypto with the key the profile trusts as Alipay's: the signature is genuine.
  const node = '{"code":"10000","msg":"Success","card_info":{"point":"10"}}';
  const signature = sign('RSA-SHA256', Buffer.from(node), vector('app-private-key.pem')).toString('base64');
  const evil = '{"code":"10000","msg":"Success","card_info":{"point":"99999"}}';
  const ownKeyProject = () =>
    projectWithConfig(
      { profiles: { p: { appId: '2021000000000001', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } },
      { 'app.pem': vector('app-private-key.pem'), 'alipay.pem': vector('app-public-key.pem') },
    );

  it.each([
    ['the node', `{"alipay_marketing_card_query_response":${node},"alipay_marketing_card_query_response":${evil},"sign":"${signature}"}`, 'alipay_marketing_card_query_response'],
    ['sign', `{"alipay_marketing_card_query_response":${node},"sign":"${signature}","sign":"AAAA"}`, 'sign'],
  ])('%s twice: {"valid":false} with a reason naming the key; the table says it too', async (_name, body, key) => {
    expect(verify('RSA-SHA256', Buffer.from(node), vector('app-public-key.pem'), Buffer.from(signature, 'base64'))).toBe(true);
    // Alipay's Node SDK refuses the body too (the text it checks runs from the first node to the last "sign").
    const ownSdk = new AlipaySdk({ appId: '2021000000000001', privateKey: vector('app-private-key.pem'), alipayPublicKey: vector('app-public-key.pem') });
    expect(() => ownSdk.checkResponseSign(body, 'alipay_marketing_card_query_response', signature, 'trace')).toThrow(/验签失败/);
    const dir = ownKeyProject();
    const r = await runCli(['verify', '--response', '-', '--json'], { cwd: dir, input: body });
    expect(r.code).toBe(5);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: false, kind: 'response', reason: expect.stringContaining(`top-level key "${key}" appears twice`) });
    expect(Object.keys(out)).toEqual(['valid', 'kind', 'charset', 'reason']);
    expect(r.stderr).toContain('hint: refuse it whatever its signature');
    const table = await runCli(['verify', '--response', '-', '-o', 'table'], { cwd: dir, input: body });
    expect(table.code).toBe(5);
    expect(table.stdout).toMatch(new RegExp(`reason +top-level key "${key}" appears twice .*not the response Alipay signed`));
  });
});

describe('verify --response: an unsigned node says which kind it is, and no hint blames the key', () => {
  const project = () =>
    projectWithConfig(
      { profiles: { p: { appId: '2021000000000001', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } },
      { 'app.pem': vector('app-private-key.pem'), 'alipay.pem': vector('app-public-key.pem') },
    );

  it.each([
    ['a success (10000) is always signed: not the answer as sent', '{"alipay_marketing_card_query_response":{"code":"10000","msg":"Success"},"sign":""}',
      'Alipay signs every alipay_marketing_card_query_response that is not an error, so this one is not the gateway\'s answer as sent', 'hint: refuse it; check the body exactly as it was received'],
    ['an error the gateway may leave unsigned', '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-signature"}}',
      'error_response answers code 40002, an error, which the gateway may send unsigned; it cannot be authenticated', 'hint: read its code and sub_code'],
  ])('%s', async (_name, body, reason, hint) => {
    const r = await runCli(['verify', '--response', '-', '--json'], { cwd: project(), input: body });
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, reason: `the response carries no signature: ${reason}` });
    expect(r.stdout).not.toContain('is a gateway error');
    expect(r.stderr).toContain(hint);
    expect(r.stderr).not.toContain('Alipay public key');
  });
});
