import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AlipaySdk } from 'alipay-sdk';
import { startGateway, type LocalGateway } from '../../../src/gateway/index.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { APP_ID, appPublicKey, METHOD, VECTORS } from './helpers.js';

/**
 * The SDK stamps `timestamp` with the host's local wall time, assuming the host is in China. On a
 * host in another zone that time is off by the zone's distance from Beijing, and the real gateway
 * would refuse it (isv.invalid-timestamp); the injected clock puts the gateway in the host's zone
 * instead, so the test runs anywhere.
 */
const hostOffsetFromBeijingMs = (-new Date().getTimezoneOffset() - 8 * 60) * 60_000;

describe("Alipay's Node SDK (alipay-sdk) against the local gateway", () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startGateway({ apps: [{ appId: APP_ID, publicKey: appPublicKey }], clock: () => new Date(Date.now() + hostOffsetFromBeijingMs) });
  });
  afterAll(() => gateway.close());

  const sdk = (privateKey: string) =>
    new AlipaySdk({ appId: APP_ID, privateKey, alipayPublicKey: gateway.alipayPublicKey, gateway: gateway.url, signType: 'RSA2', camelcase: false });

  it('creates a template, queries it and opens a card, verifying every answer (validateSign: true)', async () => {
    const client = sdk(readFileSync(`${VECTORS}/app-private-key.pem`, 'utf8'));
    const created = (await client.exec(METHOD.create, { bizContent: templateSample() }, { validateSign: true })) as Record<string, any>;
    expect(created).toMatchObject({ code: '10000', msg: 'Success', template_id: expect.stringMatching(/^\d{32}$/) });

    const queried = (await client.exec(METHOD.query, { bizContent: { template_id: created.template_id } }, { validateSign: true })) as Record<string, any>;
    expect(queried).toMatchObject({ code: '10000', card_type: 'OUT_MEMBER_CARD', template_style_info: { card_show_name: '花呗联名卡' } });

    const opened = (await client.exec(METHOD.open, { bizContent: cardOpenSample(created.template_id, 'sdk-1') }, { validateSign: true })) as Record<string, any>;
    expect(opened).toMatchObject({ code: '10000', card_info: { biz_card_no: expect.stringMatching(/^prex\d{10}$/), balance: '124.89' } });
    expect(gateway.cards().map((c) => c.out_serial_no)).toEqual(['sdk-1']);
  });

  it('gets isv.invalid-signature when it signs with a key the gateway does not know for the app', async () => {
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const result = (await sdk(wrongKey).exec(METHOD.query, { bizContent: { template_id: 'x' } }, { validateSign: true })) as Record<string, any>;
    expect(result).toMatchObject({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' });
    expect(result.sub_msg).toMatch(/^验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：app_id=2021000000000001&amp;biz_content=/);
  });

  it('really checks: a wrongly signed answer (bad-sign fault) makes the SDK throw', async () => {
    gateway.injectFault('bad-sign:next=1');
    const client = sdk(readFileSync(`${VECTORS}/app-private-key.pem`, 'utf8'));
    await expect(client.exec(METHOD.query, { bizContent: { template_id: 'x' } }, { validateSign: true })).rejects.toThrow(/验签失败/);
  });
});
