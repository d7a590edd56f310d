import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { ConfigError } from '../errors.js';
import { configKeysText } from '../i18n/en/config-keys.js';
import { english, type Text } from '../i18n/text.js';
import { MIN_RSA_BITS } from '../protocol/index.js';
import { describePemLabel, isBase64, normalizeKeyText, scanPem, whyNotBase64, type PemBlock } from './pem.js';

/** Whether key text came from a file (an empty one is "an empty file") or a value (env var, flag). */
export type KeyTextKind = 'file' | 'value';

const EXPECT_PRIVATE = configKeysText.expectPrivate();
const EXPECT_PUBLIC = configKeysText.expectPublic();

const PRIVATE_LABELS: Readonly<Record<string, readonly DerPrivateType[]>> = {
  'RSA PRIVATE KEY': ['pkcs1', 'pkcs8'],
  'PRIVATE KEY': ['pkcs8', 'pkcs1'],
};
const PUBLIC_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE']);

type DerPrivateType = 'pkcs1' | 'pkcs8';

/**
 * The app private key in any form Alipay's tools produce: PEM PKCS#1 (`BEGIN RSA PRIVATE KEY`),
 * PEM PKCS#8 (`BEGIN PRIVATE KEY`), or the bare base64 the key tool prints (PKCS#8 or PKCS#1 DER,
 * one line or wrapped). `origin` (a path or env var name) starts every error message; no message
 * ever contains key material.
 */
export function parsePrivateKey(text: string, origin: Text | string, kind: KeyTextKind = kindOf(english(origin))): KeyObject {
  const fail = (found: Text, hint?: Text) => keyError(origin, EXPECT_PRIVATE, found, hint);
  const normalized = normalizeKeyText(text);
  if (normalized === '') throw fail(kind === 'file' ? configKeysText.foundEmptyFile() : configKeysText.foundEmptyValue());
  const pem = scanPem(normalized);
  if (pem.truncated !== undefined) throw fail(configKeysText.foundTruncatedPem({ label: pem.truncated }));
  if (pem.blocks.length > 0) {
    const keys = pem.blocks.filter((b) => Object.hasOwn(PRIVATE_LABELS, b.label));
    if (keys.length > 1) throw fail(configKeysText.foundPrivateKeys({ count: keys.length }), configKeysText.onePrivateKeyHint());
    const block = keys[0];
    if (block === undefined) throw fail(describePemLabel(pem.blocks[0]!.label), wrongKindHint('private', pem.blocks[0]!.label));
    if (block.encrypted) throw fail(configKeysText.foundEncryptedPem(), configKeysText.decryptHint());
    const key = privateFromDer(decodeBody(block, origin, EXPECT_PRIVATE), PRIVATE_LABELS[block.label]!);
    if (key === undefined) throw fail(configKeysText.foundUnparsable({ what: describePemLabel(block.label) }));
    return requireRsa(key, origin, EXPECT_PRIVATE, `BEGIN ${block.label}`);
  }
  const der = decodeBare(normalized, origin, EXPECT_PRIVATE);
  const key = privateFromDer(der, ['pkcs8', 'pkcs1']);
  if (key !== undefined) return requireRsa(key, origin, EXPECT_PRIVATE, configKeysText.formBareBase64());
  if (publicFromDer(der) !== undefined) throw fail(configKeysText.foundPublicKeyBare(), wrongKindHint('private', 'PUBLIC KEY'));
  if (certificateKey(der) !== undefined) throw fail(configKeysText.foundCertificateBare(), wrongKindHint('private', 'CERTIFICATE'));
  throw fail(configKeysText.foundNeitherPrivate());
}

/** Whose public key a setting takes: Alipay's (verifies responses) or the app's (`--app`, `--app-public-key`). */
export type PublicKeyOwner = 'alipay' | 'app';

/**
 * A public key: PEM SPKI (`BEGIN PUBLIC KEY`), PEM PKCS#1 (`BEGIN RSA PUBLIC KEY`), bare base64
 * SPKI (as the Alipay console shows it), or a certificate, whose key is taken (the first one of a chain).
 */
export function parsePublicKey(text: string, origin: Text | string, kind: KeyTextKind = kindOf(english(origin)), whose: PublicKeyOwner = 'alipay'): KeyObject {
  const fail = (found: Text, hint?: Text) => keyError(origin, EXPECT_PUBLIC, found, hint);
  const normalized = normalizeKeyText(text);
  if (normalized === '') throw fail(kind === 'file' ? configKeysText.foundEmptyFile() : configKeysText.foundEmptyValue());
  const pem = scanPem(normalized);
  if (pem.truncated !== undefined) throw fail(configKeysText.foundTruncatedPem({ label: pem.truncated }));
  if (pem.blocks.length > 0) {
    const block = pem.blocks.find((b) => PUBLIC_LABELS.has(b.label));
    if (block === undefined) throw fail(describePemLabel(pem.blocks[0]!.label), wrongKindHint('public', pem.blocks[0]!.label, whose));
    const der = decodeBody(block, origin, EXPECT_PUBLIC);
    const key = block.label === 'CERTIFICATE' ? certificateKey(der) : publicFromDer(der, block.label === 'RSA PUBLIC KEY' ? 'pkcs1' : 'spki');
    if (key === undefined) throw fail(configKeysText.foundUnparsable({ what: describePemLabel(block.label) }));
    return requireRsa(key, origin, EXPECT_PUBLIC, `BEGIN ${block.label}`);
  }
  const der = decodeBare(normalized, origin, EXPECT_PUBLIC);
  // Private first: node's createPublicKey happily derives a public key from private DER, which
  // would hide a private key pasted where Alipay's public key belongs. Not when the DER cannot be
  // one: each failed try costs as much as two parses (valgrind, Node 20: 4.5M instructions for
  // the bare SPKI the Alipay console shows).
  if (mayBePrivateKey(der) && privateFromDer(der, ['pkcs8', 'pkcs1']) !== undefined) throw fail(configKeysText.foundPrivateKeyBare(), wrongKindHint('public', 'PRIVATE KEY', whose));
  const key = publicFromDer(der) ?? certificateKey(der);
  if (key !== undefined) return requireRsa(key, origin, EXPECT_PUBLIC, configKeysText.formBareBase64());
  throw fail(configKeysText.foundNeitherPublic());
}

function wrongKindHint(wanted: 'private' | 'public', label: string, whose: PublicKeyOwner = 'alipay'): Text | undefined {
  if (label === 'ENCRYPTED PRIVATE KEY') return configKeysText.decryptHint();
  if (label === 'OPENSSH PRIVATE KEY') return configKeysText.opensshHint();
  if (wanted === 'private' && (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY' || label === 'CERTIFICATE')) {
    return configKeysText.wantPrivateHint();
  }
  if (wanted === 'public' && Object.hasOwn(PRIVATE_LABELS, label)) {
    return whose === 'app' ? configKeysText.wantAppPublicHint() : configKeysText.wantAlipayPublicHint();
  }
  return undefined;
}

function keyError(origin: Text | string, expected: Text, found: Text, hint?: Text): ConfigError {
  return new ConfigError(configKeysText.keyProblem({ origin, expected, found }), { hint });
}

function kindOf(origin: string): KeyTextKind {
  return /^--/.test(origin) || /^[A-Z][A-Z0-9_]*$/.test(origin) ? 'value' : 'file';
}

function decodeBody(block: PemBlock, origin: Text | string, expectation: Text): Buffer {
  if (!isBase64(block.body)) throw keyError(origin, expectation, configKeysText.foundBodyNotBase64({ what: describePemLabel(block.label) }));
  return Buffer.from(block.body, 'base64');
}

function decodeBare(text: string, origin: Text | string, expectation: Text): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!isBase64(compact)) throw keyError(origin, expectation, whyNotBase64(text));
  return Buffer.from(compact, 'base64');
}

/** `form`: how the key was written, `BEGIN PRIVATE KEY` or bare base64. */
function requireRsa(key: KeyObject, origin: Text | string, expectation: Text, form: Text | string): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') {
    throw keyError(origin, expectation, configKeysText.foundKeyInForm({ what: keyTypeName(key.asymmetricKeyType), form }), configKeysText.rsaOnlyHint());
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw keyError(origin, configKeysText.expectAtLeastBits({ expected: expectation, bits: MIN_RSA_BITS }), configKeysText.foundRsaBits({ bits, form }), configKeysText.shortKeyHint({ bits: MIN_RSA_BITS }));
  }
  return key;
}

const KEY_TYPE_NAMES: Readonly<Record<string, () => Text>> = {
  dsa: configKeysText.keyTypeDsa,
  dh: configKeysText.keyTypeDh,
  ec: configKeysText.keyTypeEc,
  ed25519: configKeysText.keyTypeEd25519,
  ed448: configKeysText.keyTypeEd448,
  x25519: configKeysText.keyTypeX25519,
  x448: configKeysText.keyTypeX448,
  'rsa-pss': configKeysText.keyTypeRsaPss,
};

/** `a DSA key`, `an Ed25519 key`: each with its article and its usual spelling. */
function keyTypeName(type: string | undefined): Text {
  if (type === undefined) return configKeysText.keyTypeUnknown();
  return Object.hasOwn(KEY_TYPE_NAMES, type) ? KEY_TYPE_NAMES[type]!() : configKeysText.keyTypeOther({ type });
}

/**
 * Whether DER may be a private key: both PKCS#8 and PKCS#1 private keys are a SEQUENCE whose first
 * member is an INTEGER (the version). A public key (SPKI) or a certificate begins with a SEQUENCE
 * in the SEQUENCE. Anything it cannot read may be.
 */
export function mayBePrivateKey(der: Uint8Array): boolean {
  if (der.length < 2 || der[0] !== 0x30) return true;
  const lengthBytes = der[1]! & 0x80 ? der[1]! & 0x7f : 0;
  const first = der[2 + lengthBytes];
  return first === undefined || first !== 0x30;
}

function privateFromDer(der: Buffer, order: readonly DerPrivateType[]): KeyObject | undefined {
  for (const type of order) {
    try {
      return createPrivateKey({ key: der, format: 'der', type });
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

function publicFromDer(der: Buffer, first: 'spki' | 'pkcs1' = 'spki'): KeyObject | undefined {
  for (const type of first === 'spki' ? (['spki', 'pkcs1'] as const) : (['pkcs1', 'spki'] as const)) {
    try {
      return createPublicKey({ key: der, format: 'der', type });
    } catch {
      // try the next encoding
    }
  }
  return undefined;
}

function certificateKey(der: Buffer): KeyObject | undefined {
  try {
    return new X509Certificate(der).publicKey;
  } catch {
    return undefined;
  }
}
