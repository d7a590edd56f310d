import type { Credentials } from '../../config/index.js';
import { keysText } from '../../i18n/en/keys-command.js';
import { alipayCertStanding, type CertificateInfo } from '../../protocol/index.js';
import type { KeyCheck } from './keys.js';

/**
 * Certificate mode: whether the Alipay cert (alipayCertFile) is issued under a cert of the root
 * bundle (alipayRootCertFile). The two swapped, or a root of another CA, put a wrong
 * alipay_root_cert_sn in every request; the gateway then refuses it with no word of which file.
 */
export function rootCertCheck(credentials: Credentials): KeyCheck[] {
  const alipayCert = credentials.alipayCerts?.[0];
  const bundle = credentials.alipayRootCerts;
  if (credentials.mode !== 'cert' || alipayCert === undefined || bundle === undefined) return [];
  const name = keysText.rootCheck();
  const standing = alipayCertStanding(credentials.alipayCerts!, bundle);
  switch (standing.kind) {
    case 'issued':
      return [{ name, ok: true, detail: keysText.rootIssued({ root: shown(standing.root) }) }];
    case 'issuer-absent':
      return [{ name, ok: true, unchecked: true, detail: keysText.rootIssuerAbsent({ issuer: standing.cert.issuer }) }];
    case 'alipay-cert-is-root':
      return [{ name, ok: false, detail: keysText.alipayCertIsRoot({ subject: shown(standing.cert) }) }];
    case 'bundle-holds-non-root':
      return [{ name, ok: false, detail: keysText.rootFileHoldsNonRoot({ subject: shown(standing.cert), issuer: standing.cert.issuer }) }];
    case 'not-signed-by':
      return [{ name, ok: false, detail: standing.cert === alipayCert
        ? keysText.alipayCertNotSignedBy({ issuer: shown(standing.issuer) })
        : keysText.chainCertNotSignedBy({ subject: shown(standing.cert), issuer: shown(standing.issuer) }) }];
    case 'other-root':
      return [{ name, ok: false, detail: keysText.alipayCertOtherRoot({ root: shown(standing.root) }) }];
  }
}

/** A cert as a person finds it in `openssl x509 -subject`: its subject name. */
function shown(cert: CertificateInfo): string {
  return cert.subject;
}
