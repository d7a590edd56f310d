import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readResponse } from '../../../src/client/response.js';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { parseCertificates, rootCertSn } from '../../../src/protocol/index.js';
import { call, METHOD, startTestGateway, VECTORS } from './helpers.js';

const vector = JSON.parse(readFileSync(`${VECTORS}/cert-mode-sign.json`, 'utf8')) as { privateKey: string; appCertSn: string; params: { app_id: string } };
const certAppKey = createPrivateKey({ key: Buffer.from(vector.privateKey, 'base64'), format: 'der', type: 'pkcs1' });
const certAppId = vector.params.app_id;
const biz = { template_id: '20240501000000000000000000000001' };

describe('local gateway: certificate mode', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
    gateway.registerApp({ appId: certAppId, appCert: readFileSync(`${VECTORS}/cert-mode-alipayAppPublicCert.crt`, 'utf8') });
  });
  afterAll(() => gateway.close());

  const certIdentity = (appCertSn: string | undefined) => ({ appId: certAppId, privateKey: certAppKey, appCertSn, alipayRootCertSn: gateway.alipayRootCertSn });

  it('publishes an Alipay cert for its key, issued by its root, with SNs as the protocol computes them', () => {
    const [alipay] = parseCertificates(gateway.alipayCert);
    const roots = parseCertificates(gateway.alipayRootCert);
    expect(alipay!.sn).toBe(gateway.alipayCertSn);
    expect(rootCertSn(roots)).toBe(gateway.alipayRootCertSn);
    expect(alipay!.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')).toBe(gateway.alipayPublicKey);
    expect(new X509Certificate(gateway.alipayCert).verify(new X509Certificate(gateway.alipayRootCert).publicKey)).toBe(true);
    expect(new X509Certificate(gateway.alipayRootCert).ca).toBe(true);
  });

  it("verifies with the registered app cert's key when app_cert_sn matches, and answers with alipay_cert_sn", async () => {
    const reply = await call(gateway, METHOD.query, biz, { identity: certIdentity(vector.appCertSn) });
    expect(reply).toMatchObject({ verified: true, alipayCertSn: gateway.alipayCertSn, node: { code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' } });
    expect(reply.text).toMatch(/^\{"alipay_marketing_card_template_query_response":\{.*\},"alipay_cert_sn":"[0-9a-f]{32}","sign":"[^"]+"\}$/);

    // Our own client, in certificate mode, picks the key by alipay_cert_sn and accepts the answer.
    const [alipay] = parseCertificates(gateway.alipayCert);
    const read = readResponse(reply.text, METHOD.query, {
      signType: 'RSA2',
      charset: 'utf-8',
      keyFor: (sn) => (sn === alipay!.sn ? alipay!.publicKey : { error: `no cert ${sn}` }),
    });
    expect(read.node.sub_code).toBe('TEMPLATE_NOT_EXIT');
  });

  it('refuses a request without app_cert_sn (no public key is configured) or with another SN', async () => {
    expect((await call(gateway, METHOD.query, biz, { identity: certIdentity(undefined) })).node).toMatchObject({
      code: '40002',
      sub_code: 'isv.missing-signature-config',
    });
    const wrong = await call(gateway, METHOD.query, biz, { identity: certIdentity('866efef280dec9137a87d047ac446315') });
    expect(wrong.node).toMatchObject({ code: '40002', sub_code: 'isv.invalid-app-cert-sn' });
    expect(wrong.alipayCertSn).toBe(gateway.alipayCertSn);
  });

  it('issues an app cert from its own root for any key, and accepts that app in certificate mode', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = gateway.issueAppCert('2021000000000777', publicKey);
    const [cert] = parseCertificates(pem);
    expect(new X509Certificate(pem).verify(new X509Certificate(gateway.alipayRootCert).publicKey)).toBe(true);
    const reply = await call(gateway, METHOD.query, biz, { identity: { appId: '2021000000000777', privateKey, appCertSn: cert!.sn } });
    expect(reply).toMatchObject({ verified: true, node: { sub_code: 'TEMPLATE_NOT_EXIT' } });
  });
});
