import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  id_ce_basicConstraints,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/** Attribute short name → OID, for the few a certificate subject here needs. */
const OIDS = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' } as const;
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const TEN_YEARS_MS = 10 * 365 * 86_400_000;

/** RDNs in DER order, most general first: [['C', 'CN'], ['O', '...'], ['CN', '...']]. */
export type DistinguishedName = ReadonlyArray<readonly [keyof typeof OIDS, string]>;

export interface IssueOptions {
  subject: DistinguishedName;
  issuer: DistinguishedName;
  publicKey: KeyObject;
  /** The issuer's private key (the subject's own for a self-signed root). */
  signingKey: KeyObject;
  isCa: boolean;
  now: Date;
}

/**
 * A sha256WithRSA X.509 v3 certificate, as PEM. The local gateway is its own certificate
 * authority so certificate mode works end to end on loopback: it issues the "Alipay public cert"
 * that signs its responses, and app certs for apps that want one.
 */
export function issueCertificate(options: IssueOptions): string {
  const algorithm = new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: null });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: positiveSerial(),
    signature: algorithm,
    issuer: toName(options.issuer),
    validity: new Validity({ notBefore: new Date(options.now.getTime() - 86_400_000), notAfter: new Date(options.now.getTime() + TEN_YEARS_MS) }),
    subject: toName(options.subject),
    subjectPublicKeyInfo: AsnConvert.parse(options.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions([
      new Extension({
        extnID: id_ce_basicConstraints,
        critical: true,
        extnValue: new OctetString(AsnConvert.serialize(new BasicConstraints({ cA: options.isCa }))),
      }),
    ]),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbs)), options.signingKey);
  const der = Buffer.from(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: toArrayBuffer(signature) })));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function toName(dn: DistinguishedName): Name {
  return new Name(
    dn.map(([type, value]) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type: OIDS[type], value: new AttributeValue({ utf8String: value }) })])),
  );
}

/** 16 random bytes, high bit clear so the DER INTEGER is positive without a leading zero. */
function positiveSerial(): ArrayBuffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return toArrayBuffer(bytes);
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
