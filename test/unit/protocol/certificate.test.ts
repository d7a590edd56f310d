import { createPrivateKey, sign, verify } from 'node:crypto';
import { certSn, parseCertificates, ProtocolError, rootCertSn } from '../../../src/protocol/index.js';
import { bareKeyToPem, vectorJson, vectorText } from './fixtures.js';

const certSnOf = (file: string): string[] => parseCertificates(vectorText(file)).map((cert) => cert.sn);

describe('cert SN (published values)', () => {
  it.each([
    ['appCertPublicKey_2021001161683774.crt', '866efef280dec9137a87d047ac446315'],
    ['alipayCertPublicKey_RSA2.crt', '7513daaaa48aa3ba2e4018d84402479c'],
    ['cert-mode-alipayAppPublicCert.crt', 'e90dd23a37c5c7b616e003970817ff82'],
  ])('%s → %s', (file, sn) => {
    expect(certSnOf(file)).toEqual([sn]);
  });

  it('alipayRootCert.crt → the RSA roots only, in file order', () => {
    expect(rootCertSn(parseCertificates(vectorText('alipayRootCert.crt')))).toBe(
      '687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6',
    );
  });

  it('cert-mode-alipayRootCert.crt → the root SN of cert-mode-sign.json', () => {
    const { alipayRootCertSn } = vectorJson<{ alipayRootCertSn: string }>('cert-mode-sign.json');
    expect(rootCertSn(parseCertificates(vectorText('cert-mode-alipayRootCert.crt')))).toBe(alipayRootCertSn);
  });

  it('certSn is md5 of the reversed issuer and the decimal serial', () => {
    expect(certSn({ issuer: 'CN=ROOTCA,O=NRCAC,C=CN', serialNumber: '7629940819692799611' })).toMatch(/^[0-9a-f]{32}$/);
    const [, rsaRoot] = parseCertificates(vectorText('alipayRootCert.crt'));
    expect(certSn({ issuer: rsaRoot!.issuer, serialNumber: rsaRoot!.serialNumber })).toBe('687b59193f3f462dd5336e5abf83c5d8');
  });
});

describe('parseCertificates', () => {
  it('reads the root bundle: four certs with issuer, serial, algorithm and validity as openssl prints them', () => {
    const bundle = parseCertificates(vectorText('alipayRootCert.crt'));
    expect(bundle.map((c) => [c.issuer, c.serialNumber, c.signatureAlgorithmOid])).toEqual([
      ['CN=ROOTCA,O=NRCAC,C=CN', '7629940819692799611', '1.2.156.10197.1.501'],
      [
        'CN=Ant Financial Certification Authority R1,OU=Certification Authority,O=Ant Financial,C=CN',
        '2292228364100439313',
        '1.2.840.113549.1.1.11',
      ],
      [
        'CN=Ant Financial Certification Authority E1,OU=Certification Authority,O=Ant Financial,C=CN',
        '4719484692854726474',
        '1.2.840.10045.4.3.3',
      ],
      [
        'CN=iTrusChina Class 2 Root CA - G3,OU=China Trust Network,O=iTrusChina,C=CN',
        BigInt('0x10C764E9D560384212D9C08FD10E373FDD0FB396').toString(10),
        '1.2.840.113549.1.1.5',
      ],
    ]);
    expect(bundle[1]!.notBefore.toISOString()).toBe('2018-03-21T13:48:40.000Z');
    expect(bundle[1]!.notAfter.toISOString()).toBe('2038-02-28T13:48:40.000Z');
    expect(bundle[1]!.subject).toBe(bundle[1]!.issuer);
    expect(bundle[2]!.publicKey.asymmetricKeyType).toBe('ec');
  });

  it('decodes UTF-8 subjects', () => {
    const [cert] = parseCertificates(vectorText('alipayCertPublicKey_RSA2.crt'));
    expect(cert!.subject).toBe('CN=支付宝(中国)网络技术有限公司-2088831204659217,OU=Alipay,O=杭州焕旭信息技术有限公司,C=CN');
  });

  it('reads a chain file (cert then its issuer) in order', () => {
    const chain = parseCertificates(vectorText('cert-mode-alipayPublicCert.crt'));
    expect(chain).toHaveLength(2);
    expect(chain[0]!.issuer).toBe(chain[1]!.subject);
  });

  it("gives the cert's public key, matching the cert-mode private key", () => {
    const [cert] = parseCertificates(vectorText('cert-mode-alipayAppPublicCert.crt'));
    const { privateKey } = vectorJson<{ privateKey: string }>('cert-mode-sign.json');
    const signature = sign('sha256', Buffer.from('x'), createPrivateKey(bareKeyToPem(privateKey, 'RSA PRIVATE KEY')));
    expect(verify('sha256', Buffer.from('x'), cert!.publicKey, signature)).toBe(true);
  });

  it('gives each cert as its own canonical PEM that parses back to the same SN', () => {
    const bundle = parseCertificates(vectorText('alipayRootCert.crt'));
    for (const cert of bundle) {
      expect(cert.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
      expect(parseCertificates(cert.pem).map((c) => c.sn)).toEqual([cert.sn]);
    }
  });

  it('accepts CRLF line endings and text around the blocks', () => {
    const crlf = 'Bag Attributes: none\r\n' + vectorText('appCertPublicKey_2021001161683774.crt').replaceAll('\n', '\r\n');
    expect(parseCertificates(crlf).map((c) => c.sn)).toEqual(['866efef280dec9137a87d047ac446315']);
  });

  const valid = vectorText('appCertPublicKey_2021001161683774.crt');
  it.each([
    ['no block at all', 'hello', /no "-----BEGIN CERTIFICATE-----" block/],
    ['a public key instead of a cert', vectorText('app-public-key.pem'), /no "-----BEGIN CERTIFICATE-----" block/],
    ['a truncated block', valid + valid.slice(0, 200), /found 2 BEGIN CERTIFICATE lines but only 1 complete block/],
    ['bad base64', '-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----', /certificate #1 \(line 1\): body is not valid base64/],
    [
      'base64 that is not a certificate',
      `${valid}\n-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n`,
      /certificate #2 \(line \d+\): not an X.509 certificate/,
    ],
  ])('refuses %s with bad-certificate', (_what, text, message) => {
    expect(() => parseCertificates(text)).toThrow(expect.objectContaining({ code: 'bad-certificate', message: expect.stringMatching(message) }));
  });
});

describe('rootCertSn', () => {
  it('refuses a bundle with no RSA-signed cert', () => {
    const [sm2, , ecdsa] = parseCertificates(vectorText('alipayRootCert.crt'));
    expect(() => rootCertSn([sm2!, ecdsa!])).toThrow(ProtocolError);
  });
});
