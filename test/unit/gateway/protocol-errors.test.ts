import { generateKeyPairSync } from 'node:crypto';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { buildSignContent, encodeForm, formatTimestamp, signContent } from '../../../src/protocol/index.js';
import { appPrivateKey, call, METHOD, NOW, postRaw, readReply, startTestGateway } from './helpers.js';
import { baseParams, rawCall } from './raw-request.js';

const QUERY_NODE = 'alipay_marketing_card_template_query_response';
const biz = { template_id: '20240501000000000000000000000001' };

describe('local gateway: protocol checks answer with the real codes', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const without = (name: string) => {
    const params = baseParams(METHOD.query, biz);
    delete params[name];
    return params;
  };
  const withParam = (name: string, value: string) => ({ ...baseParams(METHOD.query, biz), [name]: value });

  it.each([
    ['method', 'error_response', 'isv.missing-method', '缺少方法名参数'],
    ['app_id', QUERY_NODE, 'isv.missing-app-id', '缺少appId参数'],
    ['version', QUERY_NODE, 'isv.missing-version', '缺少版本参数'],
    ['timestamp', QUERY_NODE, 'isv.missing-timestamp', '缺少时间戳参数'],
    ['sign_type', QUERY_NODE, 'isv.missing-signature-type', '缺少签名类型参数'],
    ['charset', 'error_response', 'isv.missing-charset', '缺少字符集参数'],
  ])('no %s → 40001 %s', async (param, nodeName, subCode, subMsg) => {
    const reply = await rawCall(gateway, without(param));
    expect(reply).toMatchObject({ status: 200, nodeName, verified: true });
    expect(reply.node).toEqual({ code: '40001', msg: 'Missing Required Arguments', sub_code: subCode, sub_msg: subMsg });
  });

  it('no sign → 40001 isv.missing-signature', async () => {
    const reply = await rawCall(gateway, baseParams(METHOD.query, biz), { unsigned: true });
    expect(reply.node).toMatchObject({ code: '40001', sub_code: 'isv.missing-signature' });
    expect(reply.nodeName).toBe(QUERY_NODE);
  });

  it.each([
    ['method', 'alipay.trade.pay', 'error_response', 'isv.invalid-method'],
    ['app_id', '2021009999999999', 'error_response', 'isv.invalid-app-id'],
    ['charset', 'big5', 'error_response', 'isv.invalid-charset'],
    ['format', 'XML', QUERY_NODE, 'isv.invalid-format'],
    ['sign_type', 'MD5', QUERY_NODE, 'isv.invalid-signature-type'],
    ['version', '2.0', QUERY_NODE, 'isv.invalid-parameter'],
    ['timestamp', '2024-05-01T09:30:00', QUERY_NODE, 'isv.invalid-timestamp'],
    ['timestamp', '2024-02-30 09:30:00', QUERY_NODE, 'isv.invalid-timestamp'],
    ['encrypt_type', 'DES', QUERY_NODE, 'isv.invalid-encrypt-type'],
    ['encrypt_type', 'AES', QUERY_NODE, 'isv.decryption-error-not-valid-encrypt-key'],
  ])('%s=%s → 40002 %s', async (param, value, nodeName, subCode) => {
    const reply = await rawCall(gateway, withParam(param, value));
    expect(reply).toMatchObject({ nodeName, verified: true });
    expect(reply.node).toMatchObject({ code: '40002', msg: 'Invalid Arguments', sub_code: subCode });
  });

  it('accepts a timestamp 15 minutes off, refuses one more than 15 minutes off either way', async () => {
    const at = (ms: number) => formatTimestamp(new Date(NOW.getTime() + ms));
    expect((await call(gateway, METHOD.query, biz, { timestamp: at(15 * 60_000) })).node.sub_code).toBe('TEMPLATE_NOT_EXIT');
    expect((await call(gateway, METHOD.query, biz, { timestamp: at(-15 * 60_000) })).node.sub_code).toBe('TEMPLATE_NOT_EXIT');
    for (const skew of [15 * 60_000 + 1000, -(15 * 60_000 + 1000), 8 * 3600_000]) {
      const reply = await call(gateway, METHOD.query, biz, { timestamp: at(skew) });
      expect(reply.node).toMatchObject({ code: '40002', sub_code: 'isv.invalid-timestamp', sub_msg: expect.stringContaining('more than 15 minutes') });
    }
  });

  it('refuses a wrong signature quoting its own string to sign, HTML-escaped as the real gateway does', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const params = baseParams(METHOD.query, { template_id: 'a&b"c' });
    const reply = await rawCall(gateway, params, { key: stranger });
    expect(reply).toMatchObject({ nodeName: QUERY_NODE, verified: true });
    const expected = buildSignContent(params).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
    expect(reply.node).toEqual({
      code: '40002',
      msg: 'Invalid Arguments',
      sub_code: 'isv.invalid-signature',
      sub_msg: `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${expected}`,
    });
  });

  it('refuses a signature made with the other algorithm (RSA2 sign claimed as RSA)', async () => {
    const reply = await rawCall(gateway, withParam('sign_type', 'RSA'), { signType: 'RSA2' });
    expect(reply.node.sub_code).toBe('isv.invalid-signature');
    // The answer is signed with the algorithm the request named.
    expect(reply.verified).toBe(true);
  });

  it('speaks RSA (SHA1withRSA) as well as RSA2', async () => {
    const reply = await call(gateway, METHOD.query, biz, { identity: { signType: 'RSA' } });
    expect(reply).toMatchObject({ verified: true, node: { code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' } });
  });

  it('takes every param in a GET query string', async () => {
    const params = baseParams(METHOD.query, biz);
    const sign = signContent(buildSignContent(params), appPrivateKey, 'RSA2', 'utf-8');
    const response = await fetch(`${gateway.url}?${encodeForm({ ...params, sign }, 'utf-8')}`);
    const reply = await readReply(response, gateway.alipayPublicKey);
    expect(reply).toMatchObject({ verified: true, node: { code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' } });
  });

  it('takes every param in the form body (no query string), as some SDKs send them', async () => {
    const params = baseParams(METHOD.query, biz);
    const sign = signContent(buildSignContent(params), appPrivateKey, 'RSA2', 'utf-8');
    const reply = await readReply(await postRaw(gateway.url, '', encodeForm({ ...params, sign }, 'utf-8')), gateway.alipayPublicKey);
    expect(reply.node.sub_code).toBe('TEMPLATE_NOT_EXIT');
  });
});
