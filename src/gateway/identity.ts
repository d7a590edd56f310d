import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { parseCertificates, rootCertSn } from '../protocol/index.js';
import { issueCertificate, type DistinguishedName } from './certificates.js';

/** The gateway's key pair and its certificate chain, as the state file keeps them. */
export interface IdentityRecord {
  /** PKCS#8 PEM; absent when the key came from --key (the state file does not copy it). */
  private_key?: string;
  alipay_cert: string;
  root_cert: string;
}

/** Who the gateway is: the key that signs every response, and the certs that vouch for it. */
export interface GatewayIdentity {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Bare base64 SPKI, as the Alipay console shows "支付宝公钥". */
  publicKeyBase64: string;
  publicKeyPem: string;
  /** PEM of the "Alipay public cert" (alipayCertPublicKey_RSA2.crt) and the root cert bundle. */
  alipayCert: string;
  alipayCertSn: string;
  rootCert: string;
  rootCertSn: string;
  record: IdentityRecord;
}

const ORG: DistinguishedName = [['C', 'CN'], ['O', 'alipay-card local gateway']];
const ROOT_DN: DistinguishedName = [...ORG, ['OU', 'Local Certification Authority'], ['CN', 'alipay-card Local Root CA']];
const ALIPAY_DN: DistinguishedName = [...ORG, ['OU', 'Alipay Open Platform (local)'], ['CN', 'Alipay public key (local gateway)']];

/**
 * Loads the identity from the state file, or makes one: a generated RSA-2048 key unless `key` is
 * given, and a root cert (self-signed) plus an Alipay cert for that key, so certificate mode needs
 * no files from anywhere. Certs are reissued only when the key changed.
 */
export function loadIdentity(record: IdentityRecord | undefined, key: KeyObject | undefined, now: Date): GatewayIdentity {
  const privateKey = key ?? (record?.private_key ? createPrivateKey(record.private_key) : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  let certs = record && sameKey(record.alipay_cert, spki) ? { alipay_cert: record.alipay_cert, root_cert: record.root_cert } : undefined;
  if (certs === undefined) {
    const root_cert = issueCertificate({ subject: ROOT_DN, issuer: ROOT_DN, publicKey, signingKey: privateKey, isCa: true, now });
    const alipay_cert = issueCertificate({ subject: ALIPAY_DN, issuer: ROOT_DN, publicKey, signingKey: privateKey, isCa: false, now });
    certs = { alipay_cert, root_cert };
  }
  const [alipay] = parseCertificates(certs.alipay_cert);
  const privatePem = key ? undefined : (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  return {
    privateKey,
    publicKey,
    publicKeyBase64: spki.toString('base64'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    alipayCert: certs.alipay_cert,
    alipayCertSn: alipay!.sn,
    rootCert: certs.root_cert,
    rootCertSn: rootCertSn(parseCertificates(certs.root_cert)),
    record: { ...(privatePem ? { private_key: privatePem } : {}), ...certs },
  };
}

/** An app public cert for `appId`, issued by the gateway's root, for apps in certificate mode. */
export function issueAppCert(identity: GatewayIdentity, appId: string, appPublicKey: KeyObject, now: Date): string {
  return issueCertificate({
    subject: [...ORG, ['OU', 'Apps'], ['CN', appId]],
    issuer: ROOT_DN,
    publicKey: appPublicKey,
    signingKey: identity.privateKey,
    isCa: false,
    now,
  });
}

function sameKey(certPem: string, spki: Buffer): boolean {
  try {
    const [cert] = parseCertificates(certPem);
    return cert !== undefined && cert.publicKey.export({ type: 'spki', format: 'der' }).equals(spki);
  } catch {
    return false;
  }
}
