import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildRequest } from '../../../src/client/request.js';
import { redactRequest, redactSecrets } from '../../../src/client/redact.js';

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
