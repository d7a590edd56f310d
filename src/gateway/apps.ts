import { createPublicKey, KeyObject } from 'node:crypto';
import { MIN_RSA_BITS, parseCertificates, ProtocolError } from '../protocol/index.js';
import { ConfigError } from '../errors.js';
import { gatewayLocalText } from '../i18n/en/gateway-local.js';
import { english } from '../i18n/text.js';

/**
 * An app the gateway accepts requests from, as the Alipay console would know it: its public key
 * (PEM, bare base64 SPKI or a KeyObject), or in certificate mode its app public cert (PEM), whose
 * SN requests must carry as app_cert_sn; and its AES encryptKey when it uses content encryption.
 */
export interface AppRegistration {
  appId: string;
  publicKey?: KeyObject | string;
  appCert?: string;
  encryptKey?: string;
}

export interface RegisteredApp {
  appId: string;
  publicKey: KeyObject;
  /** Set in certificate mode: the SN of the registered app cert. */
  appCertSn?: string;
  encryptKey?: string;
  /** How the state file keeps it (the key as bare base64 SPKI). */
  record: AppRecord;
}

export interface AppRecord {
  app_id: string;
  public_key?: string;
  app_cert?: string;
  encrypt_key?: string;
}

const APP_ID = /^\d{1,32}$/;

/** Parsed once at registration, so no request ever parses a key. */
export function registerApp(app: AppRegistration): RegisteredApp {
  if (!APP_ID.test(app.appId)) throw new ConfigError(gatewayLocalText.appIdInvalid({ appId: JSON.stringify(app.appId) }));
  const encrypt = app.encryptKey ? { encryptKey: checkEncryptKey(app.encryptKey, app.appId) } : {};
  if (app.appCert !== undefined) {
    const [cert] = parseWith(() => parseCertificates(app.appCert!), app.appId, 'app cert');
    requireStrongKey(cert!.publicKey, app.appId, 'app cert');
    return {
      appId: app.appId,
      publicKey: cert!.publicKey,
      appCertSn: cert!.sn,
      ...encrypt,
      record: { app_id: app.appId, app_cert: cert!.pem, ...(encrypt.encryptKey ? { encrypt_key: encrypt.encryptKey } : {}) },
    };
  }
  if (app.publicKey === undefined) throw new ConfigError(gatewayLocalText.appNoKey({ appId: app.appId }));
  const publicKey = app.publicKey instanceof KeyObject ? app.publicKey : parseWith(() => parsePublicKeyText(app.publicKey as string), app.appId, 'public key');
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'rsa') {
    throw new ConfigError(gatewayLocalText.appNotRsa({ appId: app.appId }), { hint: gatewayLocalText.appKeyHint() });
  }
  requireStrongKey(publicKey, app.appId, 'public key');
  const bare = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    appId: app.appId,
    publicKey,
    ...encrypt,
    record: { app_id: app.appId, public_key: bare, ...(encrypt.encryptKey ? { encrypt_key: encrypt.encryptKey } : {}) },
  };
}

export function appFromRecord(record: AppRecord): RegisteredApp {
  return registerApp({ appId: record.app_id, publicKey: record.public_key, appCert: record.app_cert, encryptKey: record.encrypt_key });
}

/** As on Alipay: an app key of fewer bits than MIN_RSA_BITS is refused. */
function requireStrongKey(key: KeyObject, appId: string, what: 'app cert' | 'public key'): void {
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    const weak = { appId, bits, min: MIN_RSA_BITS };
    throw new ConfigError(what === 'app cert' ? gatewayLocalText.appCertWeakKey(weak) : gatewayLocalText.appPublicKeyWeak(weak), { hint: gatewayLocalText.weakKeyHint() });
  }
}

/** PEM (SPKI or PKCS#1) or the bare base64 SPKI that Alipay's console shows. */
function parsePublicKeyText(text: string): KeyObject {
  const trimmed = text.trim();
  // createPublicKey would take a private key and quietly derive its public half.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed)) throw new PrivateKeyGiven();
  if (trimmed.includes('-----BEGIN')) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
}

function checkEncryptKey(key: string, appId: string): string {
  const bytes = Buffer.from(key.trim(), 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== key.trim()) {
    throw new ConfigError(gatewayLocalText.appEncryptKeyInvalid({ appId }));
  }
  return key.trim();
}

function parseWith<T>(parse: () => T, appId: string, what: 'app cert' | 'public key'): T {
  try {
    return parse();
  } catch (err) {
    const reason = err instanceof PrivateKeyGiven ? gatewayLocalText.privateKeyGiven() : err instanceof ProtocolError ? err.text : err instanceof Error ? err.message : String(err);
    if (what === 'app cert') throw new ConfigError(gatewayLocalText.appCertDoesNotParse({ appId, reason }), { cause: err });
    throw new ConfigError(gatewayLocalText.appPublicKeyDoesNotParse({ appId, reason }), { hint: gatewayLocalText.appKeyHint(), cause: err });
  }
}

/** A private key given where the app's public key goes: said in the person's words by parseWith. */
class PrivateKeyGiven extends Error {
  constructor() {
    super(english(gatewayLocalText.privateKeyGiven()));
  }
}
