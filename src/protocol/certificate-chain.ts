import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from './certificate.js';

/**
 * How the Alipay public cert (alipayCertFile) stands to the root bundle (alipayRootCertFile):
 * - `issued`: its chain (through the certs after it in its own file) is signed by `root`, a cert of the bundle;
 * - `alipay-cert-is-root`: the Alipay cert is itself a CA (a root or an intermediate): the files are swapped, or the wrong file is there;
 * - `bundle-holds-non-root`: a cert of the bundle is issued by another (not a root): an Alipay or app cert put there;
 * - `not-signed-by`: `cert` names `issuer` (found by name, in the bundle or in alipayCertFile) but its signature does not verify under that key;
 * - `other-root`: the chain in alipayCertFile ends at `root`, a root that is not in the bundle;
 * - `issuer-absent`: the issuer of the chain's last cert is in neither file, so nothing can be told.
 *   Alipay's own files are like this: alipayCertPublicKey_RSA2.crt may hold the Alipay cert alone,
 *   whose issuer (an intermediate) is in no file, and sandbox certs chain to a test root that the
 *   sandbox's alipayRootCert.crt does not hold. Refusing that would refuse working configurations.
 */
export type AlipayCertStanding =
  | { kind: 'issued'; root: CertificateInfo }
  | { kind: 'alipay-cert-is-root'; cert: CertificateInfo }
  | { kind: 'bundle-holds-non-root'; cert: CertificateInfo }
  | { kind: 'not-signed-by'; cert: CertificateInfo; issuer: CertificateInfo }
  | { kind: 'other-root'; root: CertificateInfo }
  | { kind: 'issuer-absent'; cert: CertificateInfo };

/**
 * Whether `alipayCerts[0]` is issued under one of `bundle`'s certs, its signature checked at every
 * step (issuers are found by name, as X.509 path building does; a root is a self-issued cert).
 * Every cert of the bundle counts, not only the RSA ones that make alipay_root_cert_sn: an ECDSA
 * root can issue too. A signature this Node cannot check (SM2) counts as not verifying.
 */
export function alipayCertStanding(alipayCerts: readonly CertificateInfo[], bundle: readonly CertificateInfo[]): AlipayCertStanding {
  const leaf = alipayCerts[0]!;
  if (leaf.isCa || isSelfIssued(leaf)) return { kind: 'alipay-cert-is-root', cert: leaf };
  const nonRoot = bundle.find((cert) => !isSelfIssued(cert));
  if (nonRoot !== undefined) return { kind: 'bundle-holds-non-root', cert: nonRoot };
  const used = new Set<CertificateInfo>([leaf]);
  for (let cert = leaf; ;) {
    const roots = bundle.filter((root) => root.subject === cert.issuer);
    if (roots.length > 0) {
      const root = roots.find((candidate) => isSignedBy(cert, candidate));
      return root !== undefined ? { kind: 'issued', root } : { kind: 'not-signed-by', cert, issuer: roots[0]! };
    }
    const next = alipayCerts.find((candidate) => !used.has(candidate) && candidate.subject === cert.issuer);
    if (next === undefined) return { kind: 'issuer-absent', cert };
    if (!isSignedBy(cert, next)) return { kind: 'not-signed-by', cert, issuer: next };
    if (isSelfIssued(next)) return { kind: 'other-root', root: next };
    used.add(next);
    cert = next;
  }
}

function isSelfIssued(cert: CertificateInfo): boolean {
  return cert.subject === cert.issuer;
}

function isSignedBy(cert: CertificateInfo, issuer: CertificateInfo): boolean {
  try {
    return new X509Certificate(cert.pem).verify(issuer.publicKey);
  } catch {
    return false;
  }
}
