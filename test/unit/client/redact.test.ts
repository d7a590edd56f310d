import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildRequest } from '../../../src/client/request.js';
import { maskMobileNumbers, redactRequest, redactSecrets } from '../../../src/client/redact.js';

const appKey = createPrivateKey(readFileSync('test/fixtures/vectors/app-private-key.pem'));
const identity = { appId: '2021000000000001', privateKey: appKey, signType: 'RSA2' as const, charset: 'utf-8' as const, appAuthToken: '202405BB0123456789abcdef' };

describe('redactSecrets', () => {
  it('replaces auth_token and app_auth_token values in a string to sign, a query or free text', () => {
    expect(redactSecrets('app_auth_token=A1&app_id=1&auth_token=B2&biz_content={}')).toBe('app_auth_token=<redacted app_auth_token>&app_id=1&auth_token=<redacted auth_token>&biz_content={}');
    expect(redactSecrets('failed: auth_token=B2 is wrong')).toBe('failed: auth_token=<redacted auth_token> is wrong');
    expect(redactSecrets('{"sub_msg":"auth_token=B2"}')).toBe('{"sub_msg":"auth_token=<redacted auth_token>"}');
    expect(redactSecrets('auth_token=B2&amp;x=1')).toBe('auth_token=<redacted auth_token>&amp;x=1');
  });

  it('is idempotent and leaves other params alone', () => {
    const once = redactSecrets('auth_token=B2&my_auth_token=keep&x=auth_token');
    expect(once).toBe('auth_token=<redacted auth_token>&my_auth_token=keep&x=auth_token');
    expect(redactSecrets(once)).toBe(once);
  });
});

describe('redactRequest', () => {
  it('redacts app_auth_token and auth_token in the string to sign, params and url', () => {
    const request = buildRequest('https://gw.example.com/gateway.do', { method: 'alipay.marketing.card.template.query', bizContent: '{"template_id":"T"}', timestamp: '2024-05-01 09:30:00', authToken: 'user token/+=' }, identity);
    const shown = redactRequest(request);
    const printed = JSON.stringify(shown);
    expect(printed).not.toContain('202405BB0123456789abcdef');
    expect(printed).not.toContain('user token');
    expect(printed).not.toContain('user%20token');
    expect(shown.params).toMatchObject({ app_auth_token: '<redacted app_auth_token>', auth_token: '<redacted auth_token>' });
    expect(shown.signContent).toContain('app_auth_token=<redacted app_auth_token>&app_id=');
    expect(shown.signContent).toContain('auth_token=<redacted auth_token>&biz_content=');
    // The signature is over the real values and stays (sign prints it); logs ask for it hidden.
    expect(shown.sign).toBe(request.sign);
    expect(redactRequest(request, { sign: true }).sign).toBe('<redacted sign>');
  });
});

describe('maskMobileNumbers (--verbose)', () => {
  it.each([
    ['"cell":"13655556666"', '"cell":"136****6666"'],
    ['%22cell%22%3A%2213655556666%22', '%22cell%22%3A%22136****6666%22'],
    ['"cell":"+8613800002222"', '"cell":"+86138****2222"'],
    ['%22%2B8613800002222%22', '%22%2B86138****2222%22'],
    ['cell=8613800003333&x=1', 'cell=86138****3333&x=1'],
    ['+86 13800001111', '+86 138****1111'],
    ['{\\"OPEN_FORM_FIELD_MOBILE\\":\\"13900001111\\"}', '{\\"OPEN_FORM_FIELD_MOBILE\\":\\"139****1111\\"}'],
  ])('masks %s', (text, masked) => {
    expect(maskMobileNumbers(text)).toBe(masked);
  });

  it.each([['VIP15712348326'], ['EXT13912345678'], ['"out_serial_no":"2026120613655556666"'], ['213655556666'], ['"point":"12345678901"']])('leaves %s: not a phone number', (text) => {
    expect(maskMobileNumbers(text)).toBe(text);
  });
});
