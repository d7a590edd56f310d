import { decodeText, encodeText, type Charset } from './charset.js';
import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';
import type { Params } from './sign-content.js';

// Java's URLEncoder rules, which the gateway decodes with: only A-Z a-z 0-9 - _ . * pass through,
// space becomes '+', every other byte of the charset's encoding becomes %XX. (encodeURIComponent
// differs: it keeps ! ' ( ) ~ and encodes '*', and only knows UTF-8.)
const UNRESERVED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.*') UNRESERVED[c.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';
const HEX_CODES = Uint8Array.from(HEX, (c) => c.charCodeAt(0));
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE[HEX.charCodeAt(i)] = i;
  HEX_VALUE[HEX.toLowerCase().charCodeAt(i)] = i;
}

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
  const bytes = encodeText(text, charset);
  // Written as bytes into one buffer, read back once: a string built a character at a time costs
  // twice as much, and this runs over every request's biz_content.
  const out = Buffer.allocUnsafe(bytes.length * 3);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x20) out[n++] = 0x2b; // '+'
    else if (byte < 0x80 && UNRESERVED[byte] === 1) out[n++] = byte;
    else {
      out[n++] = 0x25; // '%'
      out[n++] = HEX_CODES[byte >> 4]!;
      out[n++] = HEX_CODES[byte & 15]!;
    }
  }
  return out.toString('latin1', 0, n);
}

/**
 * `a=%D6%D0+*` in GBK → `{a: '中 *'}`. A repeated key keeps its last value (a servlet's
 * getParameter keeps the first, Python's parse_qs lists both): where a repeat must not pass
 * unseen, as in a notification to verify, read the fields with parseFormPairs instead.
 */
export function parseForm(body: string, charset: Charset): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of parseFormPairs(body, charset)) fields[key] = value;
  return fields;
}

/** `a=1&b=%E4%B8%AD&a=2` → `[['a', '1'], ['b', '中'], ['a', '2']]`: every field, decoded, in body order. */
export function parseFormPairs(body: string, charset: Charset): Array<[key: string, value: string]> {
  const fields: Array<[string, string]> = [];
  let offset = 0;
  for (const field of body.split('&')) {
    if (field !== '') {
      const eq = field.indexOf('=');
      const key = eq === -1 ? field : field.slice(0, eq);
      const value = eq === -1 ? '' : field.slice(eq + 1);
      fields.push([percentDecode(key, charset, offset), percentDecode(value, charset, offset + eq + 1)]);
    }
    offset += field.length + 1;
  }
  return fields;
}

/** `offset` is where `text` starts in the whole body, so errors can point at the bad escape. */
export function percentDecode(text: string, charset: Charset, offset = 0): string {
  if (!text.includes('%')) return text.replaceAll('+', ' ');
  // Escapes are bytes of the charset, not code points: '中' in GBK is two escapes, %D6%D0, which
  // only decode together, so bytes are gathered first and decoded once. A form is ASCII (what is
  // not is escaped): its bytes are its characters, gathered in one pass.
  const bytes = Buffer.allocUnsafe(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25 /* % */) {
      bytes[n++] = escapedByte(text, i, offset);
      i += 2;
    } else if (code === 0x2b /* + */) bytes[n++] = 0x20;
    else if (code < 0x80) bytes[n++] = code;
    else return decodeWithText(text, charset, offset);
  }
  return decodeText(bytes.subarray(0, n), charset);
}

/** The byte that the escape at `i` stands for; a ProtocolError naming the escape if it is not %XX. */
function escapedByte(text: string, i: number, offset: number): number {
  const high = hexValue(text.charCodeAt(i + 1));
  const low = hexValue(text.charCodeAt(i + 2));
  if (high < 0 || low < 0) {
    throw new ProtocolError(
      'malformed-form',
      protocolText.malformedEscape({ escape: JSON.stringify(text.slice(i, i + 3)), position: offset + i }),
    );
  }
  return (high << 4) | low;
}

/** -1 for anything that is not a hex digit (NaN past the end of the text included). */
function hexValue(code: number): number {
  return code < 128 ? HEX_VALUE[code]! : -1;
}

/** A form with characters beyond ASCII left unescaped: those parts are encoded in the charset, between the escaped bytes. */
function decodeWithText(text: string, charset: Charset, offset: number): string {
  const chunks: Uint8Array[] = [];
  let i = 0;
  while (i < text.length) {
    const percent = text.indexOf('%', i);
    const literalEnd = percent === -1 ? text.length : percent;
    if (literalEnd > i) chunks.push(encodeText(text.slice(i, literalEnd).replaceAll('+', ' '), charset));
    if (percent === -1) break;
    const escaped: number[] = [];
    for (i = percent; text.charCodeAt(i) === 0x25 /* % */; i += 3) escaped.push(escapedByte(text, i, offset));
    chunks.push(Uint8Array.from(escaped));
  }
  return decodeText(Buffer.concat(chunks), charset);
}
