import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

const VECTORS = new URL('../../fixtures/vectors/', import.meta.url);
const PROTOCOL = new URL('../../fixtures/protocol/', import.meta.url);

/** A file from the published vectors (copied from ../shared/vectors). */
export function vectorText(name: string): string {
  return readFileSync(new URL(name, VECTORS), 'utf8');
}

export function vectorJson<T>(name: string): T {
  return JSON.parse(vectorText(name)) as T;
}

/** A known-answer file made by openssl/iconv (see the generate-*.mjs scripts beside it). */
export function protocolFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, PROTOCOL), 'utf8')) as T;
}

export const appPrivateKey: KeyObject = createPrivateKey(vectorText('app-private-key.pem'));
export const appPublicKey: KeyObject = createPublicKey(vectorText('app-public-key.pem'));
export const alipayPublicKey: KeyObject = createPublicKey(vectorText('alipay-public-key.pem'));

/** Keys published bare (base64 DER without PEM armour), as Alipay's console shows them. */
export function bareKeyToPem(base64: string, label: 'RSA PRIVATE KEY' | 'PUBLIC KEY'): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
