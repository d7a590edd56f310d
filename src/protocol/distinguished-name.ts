import type { Name } from '@peculiar/asn1-x509';

// OpenSSL's short names, which the SDKs that define the cert SN (PHP openssl_x509_parse, Node's
// x509 parsers) print; an attribute not listed here is written as its dotted OID.
const SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'street'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'title'],
  ['2.5.4.42', 'GN'],
  ['1.2.840.113549.1.9.1', 'emailAddress'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
]);

/**
 * A Name as the cert SN needs it: RDNs in reverse of their DER order (most specific first, as
 * Java's X500Principal.getName() prints them), e.g. 'CN=Ant Financial Certification Authority
 * R1,OU=Certification Authority,O=Ant Financial,C=CN'. Values are not RFC 2253-escaped: Alipay's
 * SDKs concatenate them raw, and the SN must match theirs byte for byte.
 */
export function formatName(name: Name): string {
  return [...name]
    .reverse()
    .map((rdn) => [...rdn].map((attribute) => `${SHORT_NAMES.get(attribute.type) ?? attribute.type}=${attribute.value.toString()}`).join('+'))
    .join(',');
}
