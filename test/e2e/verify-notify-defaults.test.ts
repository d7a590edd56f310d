// verify --notify for a notification that names no sign_type or no charset: the flag, else the
// profile (env included), as for a response; the notification's own param always comes first.
import { readFileSync, writeFileSync } from 'node:fs';
import { sign } from 'node:crypto';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { projectWithConfig, runCli, vectorsDir } from './cli.js';

const vector = (name: string) => readFileSync(join(vectorsDir, name), 'utf8');
const APP_ID = '2021000000000001';

/** A profile whose "Alipay" key is the app's own public key, so what the test signs counts as Alipay's. */
function project(profile: Record<string, string> = {}): string {
  return projectWithConfig(
    { profiles: { p: { appId: APP_ID, privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem', ...profile } } },
    { 'app.pem': vector('app-private-key.pem'), 'alipay.pem': vector('app-public-key.pem') },
  );
}

function formBody(params: Record<string, string>): string {
  return Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

describe('verify --notify without sign_type: --sign-type, else the profile signType, else RSA2', () => {
  // SHA1withRSA over the v1 content, by node:crypto; the body has no sign_type.
  const params = { app_id: APP_ID, notify_id: 'n1', notify_type: 'card_open', biz_content: '{"a":"x+y z","b":"中文"}' };
  const content = 'app_id=2021000000000001&biz_content={"a":"x+y z","b":"中文"}&notify_id=n1&notify_type=card_open';
  const signed = { ...params, sign: sign('RSA-SHA1', Buffer.from(content), readFileSync(join(vectorsDir, 'app-private-key.pem'))).toString('base64') };
  const body = formBody(signed);

  it.each([
    ['--sign-type RSA', {}, ['--sign-type', 'RSA'], {}],
    ['the profile signType RSA', { signType: 'RSA' }, [], {}],
    ['ALIPAY_SIGN_TYPE=RSA', {}, [], { ALIPAY_SIGN_TYPE: 'RSA' }],
  ])('an RSA notification verifies with %s', async (_name, profile, flags, env) => {
    const r = await runCli(['verify', '--notify', '-', '--json', ...flags], { cwd: project(profile), input: body, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, signType: 'RSA', notifyMode: 'v1', signContent: content });
  });

  it("and is not valid as RSA2, the default; Alipay's SDK agrees on both", async () => {
    const r = await runCli(['verify', '--notify', '-', '--json'], { cwd: project(), input: body });
    expect(r.code).toBe(5);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, signType: 'RSA2' });
    const sdk = (signType: 'RSA' | 'RSA2') => new AlipaySdk({ appId: APP_ID, privateKey: vector('app-private-key.pem'), alipayPublicKey: vector('app-public-key.pem'), signType });
    expect([sdk('RSA').checkNotifySign(signed), sdk('RSA2').checkNotifySign(signed)]).toEqual([true, false]);
  });

  it("the notification's own sign_type wins over --sign-type", async () => {
    const r = await runCli(['verify', '--notify', '-', '--json', '--sign-type', 'RSA2', '--notify-mode', 'v1'], { cwd: project(), input: `${body}&sign_type=RSA` });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, signType: 'RSA' });
  });
});

describe('verify --notify without charset: --charset, else the profile charset', () => {
  // GBK bytes of 会员卡 (Python's gbk codec), and SHA256withRSA over the GBK bytes of the content.
  const subjectGbk = Buffer.from('bbe1d4b1bfa8', 'hex');
  const contentBytes = Buffer.concat([Buffer.from('app_id=2021000000000001&notify_id=n1&subject='), subjectGbk]);
  const signature = sign('RSA-SHA256', contentBytes, readFileSync(join(vectorsDir, 'app-private-key.pem'))).toString('base64');
  const body = `app_id=${APP_ID}&notify_id=n1&subject=%BB%E1%D4%B1%BF%A8&sign_type=RSA2&sign=${encodeURIComponent(signature)}`;

  it.each([
    ['a gbk profile', { charset: 'gbk' }, [], {}],
    ['ALIPAY_CHARSET=gbk', {}, [], { ALIPAY_CHARSET: 'gbk' }],
    ['--charset gbk on a utf-8 profile', { charset: 'utf-8' }, ['--charset', 'gbk'], {}],
  ])('a GBK notification with no charset param verifies with %s', async (_name, profile, flags, env) => {
    const r = await runCli(['verify', '--notify', '-', '--json', ...flags], { cwd: project(profile), input: body, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, charset: 'gbk', signContent: 'app_id=2021000000000001&notify_id=n1&subject=会员卡' });
  });

  it("the notification's own charset param wins over the profile's", async () => {
    const r = await runCli(['verify', '--notify', '-', '--json'], { cwd: project({ charset: 'utf-8' }), input: `charset=gbk&${body}` });
    expect(r.code).toBe(5); // charset=gbk is now signed too, and was not
    expect(JSON.parse(r.stdout)).toMatchObject({ charset: 'gbk', signContent: 'app_id=2021000000000001&charset=gbk&notify_id=n1&subject=会员卡' });
  });
});
