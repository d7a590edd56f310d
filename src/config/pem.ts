import { configKeysText } from '../i18n/en/config-keys.js';
import type { Text } from '../i18n/text.js';

/** One `-----BEGIN <label>-----` … `-----END <label>-----` block of a PEM text. */
export interface PemBlock {
  label: string;
  /** The base64 body with all whitespace removed. */
  body: string;
  /** RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`): an OpenSSL-encrypted legacy key. */
  encrypted: boolean;
}

export interface PemScan {
  blocks: PemBlock[];
  /** Label of a BEGIN line with no matching END line (a copy cut short), if any. */
  truncated?: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;

export function scanPem(text: string): PemScan {
  const blocks: PemBlock[] = [];
  const starts = new Set<number>();
  for (const match of text.matchAll(BLOCK)) {
    const inner = match[2] ?? '';
    const encrypted = /^\s*Proc-Type:\s*4,ENCRYPTED/m.test(inner);
    const body = inner.replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
    blocks.push({ label: match[1]!, body, encrypted });
    starts.add(match.index);
  }
  const unmatched = [...text.matchAll(BEGIN)].find((m) => !starts.has(m.index));
  return unmatched ? { blocks, truncated: unmatched[1]! } : { blocks };
}

/** What a block is, in the words of an error message: `a public key (BEGIN PUBLIC KEY)`. */
export function describePemLabel(label: string): Text {
  const what = Object.hasOwn(LABELS, label) ? LABELS[label]!() : configKeysText.pemOther({ label });
  return configKeysText.pemBlock({ what, label });
}

const LABELS: Readonly<Record<string, () => Text>> = {
  'RSA PRIVATE KEY': configKeysText.pemPrivateKey,
  'PRIVATE KEY': configKeysText.pemPrivateKey,
  'ENCRYPTED PRIVATE KEY': configKeysText.pemEncryptedPrivateKey,
  'EC PRIVATE KEY': configKeysText.pemEcPrivateKey,
  'OPENSSH PRIVATE KEY': configKeysText.pemOpensshPrivateKey,
  'PUBLIC KEY': configKeysText.pemPublicKey,
  'RSA PUBLIC KEY': configKeysText.pemPublicKey,
  CERTIFICATE: configKeysText.pemCertificate,
  'CERTIFICATE REQUEST': configKeysText.pemCertificateRequest,
  'NEW CERTIFICATE REQUEST': configKeysText.pemCertificateRequest,
};

/**
 * Key text as users paste it: a BOM from a Windows editor, CRLF line ends, or a PEM pasted into a CI
 * secret with its newlines written as literal `\n` (base64 never contains a backslash).
 */
export function normalizeKeyText(text: string): string {
  let out = text.replace(/^\uFEFF/, '');
  if (out.includes('-----BEGIN') && out.includes('\\n')) out = out.replace(/(?:\\r)?\\n/g, '\n');
  return out.trim();
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(text: string): boolean {
  return text !== '' && BASE64.test(text);
}

/**
 * Why text is not base64, without quoting it (it may be key material): the position of the first
 * character outside the alphabet, or a length that says it was cut short.
 */
export function whyNotBase64(text: string): Text {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const column = lines[line]!.search(/[^A-Za-z0-9+/=\s]/);
    if (column !== -1) return configKeysText.notBase64At({ line: line + 1, column: column + 1 });
  }
  const compact = text.replace(/\s+/g, '');
  if (/=[^=]/.test(compact)) return configKeysText.notBase64Padding();
  return configKeysText.base64Length({ length: compact.length });
}
