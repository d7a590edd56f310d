// Canonical standard base64 only. Buffer.from(…, 'base64') silently skips junk characters and
// accepts the URL-safe alphabet, so a mangled signature, key or ciphertext would still decode.
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isStandardBase64(text: string): boolean {
  return STANDARD_BASE64.test(text);
}
