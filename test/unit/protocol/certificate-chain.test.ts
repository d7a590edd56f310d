import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { issueCertificate, type DistinguishedName } from '../../../src/gateway/certificates.js';
import { alipayCertStanding, parseCertificates, type CertificateInfo } from '../../../src/protocol/index.js';
import { vectorText } from './fixtures.js';

const now = new Date('2024-05-01T00:00:00Z');
const keys = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const dn = (cn: string): DistinguishedName => [['C', 'CN'], ['O', 'Test'], ['CN', cn]];

interface Made { cert: CertificateInfo; key: KeyObject; name: DistinguishedName }
function make(cn: string, issuer?: Made, isCa = issuer === undefined): Made {
  const pair = keys();
  const name = dn(cn);
  const pem = issueCertificate({ subject: name, issuer: issuer?.name ?? name, publicKey: pair.publicKey, signingKey: issuer?.key ?? pair.privateKey, isCa, now });
  return { cert: parseCertificates(pem)[0]!, key: pair.privateKey, name };
}

const root = make('Test Root CA');
const intermediate = make('Test Class 2 CA', root, true);
const alipay = make('Alipay', root);
const alipayUnderIntermediate = make('Alipay 2', intermediate);
// Another key under the same name: a root that never issued the Alipay cert, though named as its issuer.
const impostor = make('Test Root CA');
const otherRoot = make('Other Root CA');
// The real Alipay bundle: SM2, RSA, ECDSA and RSA roots (rootCertSn counts only the RSA ones).
const alipayBundle = parseCertificates(vectorText('alipayRootCert.crt'));

describe('alipayCertStanding: is the Alipay cert issued under the root bundle?', () => {
  it('issued: signed by a root of the bundle, whatever the other roots are (SM2 and ECDSA ones among them)', () => {
    expect(alipayCertStanding([alipay.cert], [...alipayBundle, root.cert])).toEqual({ kind: 'issued', root: root.cert });
  });

  it('issued: through an intermediate that alipayCertFile holds after the Alipay cert', () => {
    expect(alipayCertStanding([alipayUnderIntermediate.cert, intermediate.cert], [root.cert])).toEqual({ kind: 'issued', root: root.cert });
  });

  it('the two files swapped: the Alipay cert is a CA', () => {
    expect(alipayCertStanding([root.cert], [alipay.cert])).toEqual({ kind: 'alipay-cert-is-root', cert: root.cert });
    expect(alipayCertStanding([intermediate.cert], [root.cert])).toEqual({ kind: 'alipay-cert-is-root', cert: intermediate.cert });
  });

  it('a cert that is not a root in the bundle (an Alipay or app cert put there)', () => {
    expect(alipayCertStanding([alipay.cert], [root.cert, alipayUnderIntermediate.cert])).toEqual({ kind: 'bundle-holds-non-root', cert: alipayUnderIntermediate.cert });
  });

  it('a root of the issuer\'s name that did not sign it', () => {
    expect(alipayCertStanding([alipay.cert], [impostor.cert])).toEqual({ kind: 'not-signed-by', cert: alipay.cert, issuer: impostor.cert });
  });

  it('a chain in alipayCertFile whose next cert did not sign the one before', () => {
    const forged = make('Test Class 2 CA', otherRoot, true);
    expect(alipayCertStanding([alipayUnderIntermediate.cert, forged.cert], [root.cert])).toEqual({ kind: 'not-signed-by', cert: alipayUnderIntermediate.cert, issuer: forged.cert });
  });

  it('a chain that ends at a root the bundle does not hold', () => {
    expect(alipayCertStanding([alipay.cert, root.cert], [otherRoot.cert])).toEqual({ kind: 'other-root', root: root.cert });
  });

  it('issuer in neither file: nothing can be told', () => {
    expect(alipayCertStanding([alipayUnderIntermediate.cert], [root.cert])).toEqual({ kind: 'issuer-absent', cert: alipayUnderIntermediate.cert });
  });

  // The published vectors are real files: they must not be refused. The production Alipay cert
  // alone (its intermediate, Class 2 R1, left out) and the sandbox chain (its root, "R1 test", is
  // not in the sandbox's root bundle, which is the production one) cannot be traced to the bundle.
  it.each([
    ['alipayCertPublicKey_RSA2.crt', 'alipayRootCert.crt', 'CN=Ant Financial Certification Authority Class 2 R1,OU=Certification Authority,O=Ant Financial,C=CN'],
    ['cert-mode-alipayPublicCert.crt', 'cert-mode-alipayRootCert.crt', 'CN=Ant Financial Certification Authority R1 test,OU=Certification Authority test,O=Ant Financial,C=CN'],
  ])('vectors: %s under %s is not refused (its issuer %s is in neither file)', (alipayFile, rootFile, issuer) => {
    const standing = alipayCertStanding(parseCertificates(vectorText(alipayFile)), parseCertificates(vectorText(rootFile)));
    expect(standing.kind).toBe('issuer-absent');
    expect(standing.kind === 'issuer-absent' && standing.cert.issuer).toBe(issuer);
  });

  it('isCa: from basicConstraints; the vectors\' Alipay certs have none, the bundle\'s roots say so', () => {
    expect(parseCertificates(vectorText('alipayCertPublicKey_RSA2.crt'))[0]!.isCa).toBe(false);
    expect(alipayBundle.map((c) => c.isCa)).toEqual([true, true, true, true]);
    expect([root.cert.isCa, alipay.cert.isCa]).toEqual([true, false]);
  });
});
