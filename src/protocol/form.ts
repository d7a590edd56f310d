import { decodeText, encodeText, type Charset } from './charset.js';
import { ProtocolError } from './errors.js';
import type { Params } from './sign-content.js';

// Java's URLEncoder rules, which the gateway decodes with: only A-Z a-z 0-9 - _ . * pass through,
// space becomes '+', every other byte of the charset's encoding becomes %XX. (encodeURIComponent
// differs: it keeps ! ' ( ) ~ and encodes '*', and only knows UTF-8.)
const UNRESERVED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.*') UNRESERVED[c.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';

/** `{a: '中 *'}` in GBK → `a=%D6%D0+*`. Null/undefined params are left out; '' is sent as `a=`. */
export function encodeForm(params: Params, charset: Charset): string {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    fields.push(`${percentEncode(key, charset)}=${percentEncode(value, charset)}`);
  }
  return fields.join('&');
}

export function percentEncode(text: string, charset: Charset): string {
  let out = '';
  for (const byte of encodeText(text, charset)) {
    if (byte === 0x20) out += '+';
    else if (byte < 0x80 && UNRESERVED[byte] === 1) out += String.fromCharCode(byte);
    else out += '%' + HEX[byte >> 4] + HEX[byte & 15];
  }
  return out;
}

/** `a=%D6%D0+*` in GBK → `{a: '中 *'}`. A repeated key keeps its last value, as servlet maps do. */
export function parseForm(body: string, charset: Charset): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let offset = 0;
  for (const field of body.split('&')) {
    if (field !== '') {
      const eq = field.indexOf('=');
      const key = eq === -1 ? field : field.slice(0, eq);
      const value = eq === -1 ? '' : field.slice(eq + 1);
      fields[percentDecode(key, charset, offset)] = percentDecode(value, charset, offset + eq + 1);
    }
    offset += field.length + 1;
  }
  return fields;
}

/** `offset` is where `text` starts in the whole body, so errors can point at the bad escape. */
export function percentDecode(text: string, charset: Charset, offset = 0): string {
  if (!text.includes('%')) return text.replaceAll('+', ' ');
  // Escapes are bytes of the charset, not code points: '中' in GBK is two escapes, %D6%D0, which
  // only decode together, so bytes are gathered first and decoded once.
  const chunks: Uint8Array[] = [];
  let i = 0;
  while (i < text.length) {
    const percent = text.indexOf('%', i);
    const literalEnd = percent === -1 ? text.length : percent;
    if (literalEnd > i) chunks.push(encodeText(text.slice(i, literalEnd).replaceAll('+', ' '), charset));
    if (percent === -1) break;
    const escaped: number[] = [];
    for (i = percent; text.charCodeAt(i) === 0x25 /* % */; i += 3) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new ProtocolError(
          'malformed-form',
          `malformed %-escape ${JSON.stringify(text.slice(i, i + 3))} at position ${offset + i}: '%' must be followed by two hex digits`,
        );
      }
      escaped.push(Number.parseInt(hex, 16));
    }
    chunks.push(Uint8Array.from(escaped));
  }
  return decodeText(Buffer.concat(chunks), charset);
}
