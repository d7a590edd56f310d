import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { ConfigError } from '../errors.js';
import { MIN_RSA_BITS } from '../protocol/index.js';
import { describePemLabel, isBase64, normalizeKeyText, scanPem, whyNotBase64, type PemBlock } from './pem.js';

/** Whether key text came from a file (an empty one is "an empty file") or a value (env var, flag). */
export type KeyTextKind = 'file' | 'value';

const EXPECT_PRIVATE = 'expected an RSA private key (PEM PKCS#1, PEM PKCS#8 or bare base64)';
const EXPECT_PUBLIC = 'expected an RSA public key (PEM, bare base64 or a certificate)';

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
export function parsePrivateKey(text: string, origin: string, kind: KeyTextKind = kindOf(origin)): KeyObject {
  const fail = (found: string, hint?: string) => keyError(origin, EXPECT_PRIVATE, found, hint);
  const normalized = normalizeKeyText(text);
  if (normalized === '') throw fail(kind === 'file' ? 'an empty file' : 'an empty value');
  const pem = scanPem(normalized);
  if (pem.truncated !== undefined) throw fail(`a truncated PEM block (BEGIN ${pem.truncated} with no matching END line)`);
  if (pem.blocks.length > 0) {
    const keys = pem.blocks.filter((b) => Object.hasOwn(PRIVATE_LABELS, b.label));
    if (keys.length > 1) throw fail(`${keys.length} private keys`, 'keep one private key per file');
    const block = keys[0];
    if (block === undefined) throw fail(describePemLabel(pem.blocks[0]!.label), wrongKindHint('private', pem.blocks[0]!.label));
    if (block.encrypted) throw fail(`a passphrase-protected private key (Proc-Type: 4,ENCRYPTED)`, DECRYPT_HINT);
    const key = privateFromDer(decodeBody(block, origin, EXPECT_PRIVATE), PRIVATE_LABELS[block.label]!);
    if (key === undefined) throw fail(`${describePemLabel(block.label)} that does not parse (corrupted or truncated)`);
    return requireRsa(key, origin, EXPECT_PRIVATE, `BEGIN ${block.label}`);
  }
  const der = decodeBare(normalized, origin, EXPECT_PRIVATE);
  const key = privateFromDer(der, ['pkcs8', 'pkcs1']);
  if (key !== undefined) return requireRsa(key, origin, EXPECT_PRIVATE, 'bare base64');
  if (publicFromDer(der) !== undefined) throw fail('a public key (bare base64)', wrongKindHint('private', 'PUBLIC KEY'));
  if (certificateKey(der) !== undefined) throw fail('a certificate (bare base64)', wrongKindHint('private', 'CERTIFICATE'));
  throw fail('base64 that is neither a PKCS#8 nor a PKCS#1 private key');
}

/** Whose public key a setting takes: Alipay's (verifies responses) or the app's (`--app`, `--app-public-key`). */
export type PublicKeyOwner = 'alipay' | 'app';

/**
 * A public key: PEM SPKI (`BEGIN PUBLIC KEY`), PEM PKCS#1 (`BEGIN RSA PUBLIC KEY`), bare base64
 * SPKI (as the Alipay console shows it), or a certificate, whose key is taken (the first one of a chain).
 */
export function parsePublicKey(text: string, origin: string, kind: KeyTextKind = kindOf(origin), whose: PublicKeyOwner = 'alipay'): KeyObject {
  const fail = (found: string, hint?: string) => keyError(origin, EXPECT_PUBLIC, found, hint);
  const normalized = normalizeKeyText(text);
  if (normalized === '') throw fail(kind === 'file' ? 'an empty file' : 'an empty value');
  const pem = scanPem(normalized);
  if (pem.truncated !== undefined) throw fail(`a truncated PEM block (BEGIN ${pem.truncated} with no matching END line)`);
  if (pem.blocks.length > 0) {
    const block = pem.blocks.find((b) => PUBLIC_LABELS.has(b.label));
    if (block === undefined) throw fail(describePemLabel(pem.blocks[0]!.label), wrongKindHint('public', pem.blocks[0]!.label, whose));
    const der = decodeBody(block, origin, EXPECT_PUBLIC);
    const key = block.label === 'CERTIFICATE' ? certificateKey(der) : publicFromDer(der, block.label === 'RSA PUBLIC KEY' ? 'pkcs1' : 'spki');
    if (key === undefined) throw fail(`${describePemLabel(block.label)} that does not parse (corrupted or truncated)`);
    return requireRsa(key, origin, EXPECT_PUBLIC, `BEGIN ${block.label}`);
  }
  const der = decodeBare(normalized, origin, EXPECT_PUBLIC);
  // Private first: node's createPublicKey happily derives a public key from private DER, which
  // would hide a private key pasted where Alipay's public key belongs.
  if (privateFromDer(der, ['pkcs8', 'pkcs1']) !== undefined) throw fail('a private key (bare base64)', wrongKindHint('public', 'PRIVATE KEY', whose));
  const key = publicFromDer(der) ?? certificateKey(der);
  if (key !== undefined) return requireRsa(key, origin, EXPECT_PUBLIC, 'bare base64');
  throw fail('base64 that is neither an SPKI public key nor a certificate');
}

const DECRYPT_HINT = 'alipay-card reads unencrypted keys only: write a decrypted copy with `openssl pkey -in <file> -out <new file>` and chmod 600 it';

function wrongKindHint(wanted: 'private' | 'public', label: string, whose: PublicKeyOwner = 'alipay'): string | undefined {
  if (label === 'ENCRYPTED PRIVATE KEY') return DECRYPT_HINT;
  if (label === 'OPENSSH PRIVATE KEY') return 'convert a copy to PEM: `ssh-keygen -p -m PEM -f <copy>` (and it must be an RSA key)';
  if (wanted === 'private' && (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY' || label === 'CERTIFICATE')) {
    return 'this setting takes the app private key (应用私钥) that signs requests; public keys and certificates go in alipayPublicKey / the cert settings';
  }
  if (wanted === 'public' && Object.hasOwn(PRIVATE_LABELS, label)) {
    return whose === 'app'
      ? "this takes the app's public key (应用公钥), the one uploaded to the open platform console, never a private key: `openssl pkey -in <private key> -pubout` prints it"
      : "this setting takes Alipay's public key (支付宝公钥) as shown in the open platform console, never a private key";
  }
  return undefined;
}

function keyError(origin: string, expectation: string, found: string, hint?: string): ConfigError {
  return new ConfigError(`${origin}: ${expectation}, found ${found}`, { hint });
}

function kindOf(origin: string): KeyTextKind {
  return /^--/.test(origin) || /^[A-Z][A-Z0-9_]*$/.test(origin) ? 'value' : 'file';
}

function decodeBody(block: PemBlock, origin: string, expectation: string): Buffer {
  if (!isBase64(block.body)) throw keyError(origin, expectation, `${describePemLabel(block.label)} whose body is not base64`);
  return Buffer.from(block.body, 'base64');
}

function decodeBare(text: string, origin: string, expectation: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!isBase64(compact)) throw keyError(origin, expectation, whyNotBase64(text));
  return Buffer.from(compact, 'base64');
}

function requireRsa(key: KeyObject, origin: string, expectation: string, form: string): KeyObject {
  const generate = 'generate a 2048-bit pair with `alipay-card keys generate`';
  if (key.asymmetricKeyType !== 'rsa') {
    throw keyError(origin, expectation, `${keyTypeName(key.asymmetricKeyType)} (${form})`, `Alipay signs with RSA only (RSA2 = SHA256withRSA): ${generate}`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw keyError(origin, `${expectation} of at least ${MIN_RSA_BITS} bits`, `a ${bits}-bit RSA key (${form})`, `keys shorter than ${MIN_RSA_BITS} bits can be broken: ${generate} and upload its public key`);
  }
  return key;
}

const KEY_TYPE_NAMES: Readonly<Record<string, string>> = {
  dsa: 'a DSA key',
  dh: 'a Diffie-Hellman key',
  ec: 'an EC key',
  ed25519: 'an Ed25519 key',
  ed448: 'an Ed448 key',
  x25519: 'an X25519 key',
  x448: 'an X448 key',
  'rsa-pss': 'an RSA-PSS key (RSA2 is PKCS#1 v1.5)',
};

/** `a DSA key`, `an Ed25519 key`: each with its article and its usual spelling. */
function keyTypeName(type: string | undefined): string {
  return (type !== undefined ? KEY_TYPE_NAMES[type] : undefined) ?? `a key of type ${type ?? 'unknown'}`;
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
