import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { packageRequire } from '../loader/packages.js';
import type * as AsnSchema from '@peculiar/asn1-schema';
import type * as AsnX509 from '@peculiar/asn1-x509';
import { formatName } from './distinguished-name.js';
import { isStandardBase64 } from './base64.js';
import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';
import type { Text } from '../i18n/text.js';

export interface CertificateInfo {
  /** certSn of this certificate: what `app_cert_sn` / `alipay_cert_sn` carry. */
  sn: string;
  /** Issuer RDNs in reverse order, e.g. 'CN=...,OU=...,O=...,C=CN'. */
  issuer: string;
  subject: string;
  /** Decimal, as Java's BigInteger.toString() prints it. */
  serialNumber: string;
  signatureAlgorithmOid: string;
  /** Its basicConstraints say it is a certificate authority (a root or an intermediate). */
  isCa: boolean;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** This certificate alone, re-encoded as a canonical PEM block. */
  pem: string;
}

// Alipay counts only the RSA roots in alipay_root_cert_sn; the bundle's SM2 and ECDSA roots are
// left out (SN of each, in file order, joined by '_').
const RSA_SIGNATURE_OIDS: ReadonlySet<string> = new Set(['1.2.840.113549.1.1.5', '1.2.840.113549.1.1.11']);

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([^-]*)-----END CERTIFICATE-----/g;

/** Every CERTIFICATE block of a PEM file, in file order (a chain or root bundle has several). */
export function parseCertificates(pemText: string): CertificateInfo[] {
  const certificates: CertificateInfo[] = [];
  for (const match of pemText.matchAll(PEM_BLOCK)) {
    const where = protocolText.certificateWhere({ number: certificates.length + 1, line: lineOf(pemText, match.index) });
    certificates.push(parseBlock(match[1] ?? '', where));
  }
  const begins = pemText.split('-----BEGIN CERTIFICATE-----').length - 1;
  if (begins !== certificates.length) {
    throw new ProtocolError(
      'bad-certificate',
      protocolText.certificateTruncated({ begins, complete: certificates.length }),
    );
  }
  if (certificates.length === 0) throw new ProtocolError('bad-certificate', protocolText.certificateNone());
  return certificates;
}

/** MD5 (lowercase hex) of issuer + decimal serial, e.g. '7513daaaa48aa3ba2e4018d84402479c'. */
export function certSn(cert: Pick<CertificateInfo, 'issuer' | 'serialNumber'>): string {
  return createHash('md5').update(cert.issuer + cert.serialNumber, 'utf8').digest('hex');
}

export function rootCertSn(bundle: readonly CertificateInfo[]): string {
  const rsaRoots = bundle.filter((cert) => RSA_SIGNATURE_OIDS.has(cert.signatureAlgorithmOid));
  if (rsaRoots.length === 0) {
    throw new ProtocolError('bad-certificate', protocolText.certificateNoRsaRoot());
  }
  return rsaRoots.map((cert) => cert.sn).join('_');
}

// The ASN.1 libraries are large; only certificate mode loads them (start-up is a performance bar).
let asn1: { AsnConvert: typeof AsnSchema.AsnConvert; x509: typeof AsnX509 } | undefined;
function asn1Modules() {
  if (!asn1) {
    const require = packageRequire(import.meta.url);
    asn1 = {
      AsnConvert: (require('@peculiar/asn1-schema') as typeof AsnSchema).AsnConvert,
      x509: require('@peculiar/asn1-x509') as typeof AsnX509,
    };
  }
  return asn1;
}

function parseBlock(body: string, where: Text): CertificateInfo {
  const base64 = body.replace(/\s+/g, '');
  if (!isStandardBase64(base64)) throw new ProtocolError('bad-certificate', protocolText.certificateBodyNotBase64({ where }));
  const der = Buffer.from(base64, 'base64');
  const { AsnConvert, x509 } = asn1Modules();
  let cert: AsnX509.Certificate;
  let publicKey: KeyObject;
  let isCa: boolean;
  try {
    cert = AsnConvert.parse(der, x509.Certificate);
    const spki = Buffer.from(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo));
    publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const constraints = cert.tbsCertificate.extensions?.find((e) => e.extnID === x509.id_ce_basicConstraints);
    isCa = constraints !== undefined && AsnConvert.parse(constraints.extnValue, x509.BasicConstraints).cA;
  } catch (error) {
    throw new ProtocolError('bad-certificate', protocolText.certificateNotX509({ where, reason: (error as Error).message }));
  }
  const tbs = cert.tbsCertificate;
  const info = {
    issuer: formatName(tbs.issuer),
    subject: formatName(tbs.subject),
    serialNumber: signedInteger(new Uint8Array(tbs.serialNumber)).toString(10),
    signatureAlgorithmOid: cert.signatureAlgorithm.algorithm,
    isCa,
    publicKey,
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    pem: toPem(der),
  };
  return { sn: certSn(info), ...info };
}

/** DER INTEGER content is two's complement; a serial is positive in practice, but read it right. */
function signedInteger(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  const first = bytes[0];
  return first !== undefined && first >= 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
