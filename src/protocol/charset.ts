import { packageRequire } from '../loader/packages.js';
import type IconvLite from 'iconv-lite';
import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';

/** The request charsets the gateway accepts; the `charset` param names which one the bytes are in. */
export type Charset = 'utf-8' | 'gbk' | 'gb2312';

export const CHARSETS: readonly Charset[] = Object.freeze(['utf-8', 'gbk', 'gb2312'] as const);

const ALIASES: ReadonlyMap<string, Charset> = new Map<string, Charset>([
  ['utf-8', 'utf-8'],
  ['utf8', 'utf-8'],
  ['gbk', 'gbk'],
  ['gb2312', 'gb2312'],
]);

// iconv-lite (and its code tables) load on the first GBK/GB2312 text, not at start-up: a UTF-8
// profile never pays for them, and start-up time is a performance bar.
let iconvModule: typeof IconvLite | undefined;
export function iconvLite(): typeof IconvLite {
  iconvModule ??= packageRequire(import.meta.url)('iconv-lite') as typeof IconvLite;
  return iconvModule;
}

export function normalizeCharset(value: string): Charset | undefined {
  return ALIASES.get(value.trim().toLowerCase());
}

// A lone surrogate has no UTF-8 form: Buffer would write U+FFFD while the gateway (Java) writes '?',
// so the two sides would sign different bytes.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const QUESTION_MARK = 0x3f;

/** Whether `text` has no lone surrogate (String.prototype.isWellFormed: Node 20, ES2024). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

export function encodeText(text: string, charset: Charset): Buffer {
  switch (charset) {
    case 'utf-8': {
      // isWellFormed first: V8 compiles the expression on its first use, in every run.
      const lone = isWellFormed(text) ? null : LONE_SURROGATE.exec(text);
      if (lone) throw new UnencodableTextError(text, lone.index, charset);
      return Buffer.from(text, 'utf8');
    }
    case 'gbk':
    case 'gb2312':
      return encodeDoubleByte(text, charset);
    default:
      throw unsupportedCharset(charset);
  }
}

/** Whether `charset` has every character of `text` (so encodeText would not throw UnencodableTextError). */
export function canEncode(text: string, charset: Charset): boolean {
  try {
    encodeText(text, charset);
    return true;
  } catch (err) {
    if (err instanceof UnencodableTextError) return false;
    throw err;
  }
}

export function decodeText(bytes: Uint8Array, charset: Charset): string {
  switch (charset) {
    case 'utf-8':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    case 'gbk':
    case 'gb2312':
      // A pure codec: a leading U+FEFF is content here, not something to drop silently.
      return iconvLite().decode(bytes, charset, { stripBOM: false });
    default:
      throw unsupportedCharset(charset);
  }
}

function encodeDoubleByte(text: string, charset: 'gbk' | 'gb2312'): Buffer {
  const bytes = iconvLite().encode(text, charset);
  // iconv-lite writes '?' for a character the charset lacks, silently changing what gets signed and
  // sent. '?' (0x3F) is never a GBK trail byte, so any extra 0x3F byte is such a substitution.
  if (countByte(bytes, QUESTION_MARK) !== countChar(text, '?')) {
    throw new UnencodableTextError(text, firstCharWithout(text, (ch) => iconvLite().encode(ch, charset)[0] !== QUESTION_MARK), charset);
  }
  // iconv-lite's gb2312 is really CP936 (GBK), but a gateway decoding strict GB2312 (EUC-CN) turns
  // the GBK-only characters into U+FFFD and the signature no longer matches.
  if (charset === 'gb2312' && !isEucCn(bytes)) {
    throw new UnencodableTextError(text, firstCharWithout(text, (ch) => isEucCn(iconvLite().encode(ch, charset))), charset);
  }
  return bytes;
}

function isEucCn(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const trail = bytes[i + 1] ?? 0;
    if (lead < 0xa1 || lead > 0xf7 || trail < 0xa1 || trail > 0xfe) return false;
    i++;
  }
  return true;
}

function firstCharWithout(text: string, encodes: (ch: string) => boolean): number {
  let index = 0;
  for (const ch of text) {
    if (ch !== '?' && !encodes(ch)) return index;
    index += ch.length;
  }
  return -1;
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (const b of bytes) if (b === byte) n++;
  return n;
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * A character the request charset has no bytes for. It carries the character and where it stands
 * so a caller can name the field that holds it; the message keeps to what this layer knows.
 */
export class UnencodableTextError extends ProtocolError {
  /** The character itself (a whole code point: an emoji is one, not two halves). */
  readonly character: string;
  /** `U+1F600`. */
  readonly codePoint: string;
  /** Position in the encoded text, in UTF-16 code units. */
  readonly index: number;
  readonly charset: Charset;

  constructor(text: string, index: number, charset: Charset) {
    const codePoint = `U+${(text.codePointAt(index) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    super('unencodable-text', protocolText.unencodableCharacter({ codePoint, index, charset }));
    this.name = 'UnencodableTextError';
    this.character = String.fromCodePoint(text.codePointAt(index) ?? 0);
    this.codePoint = codePoint;
    this.index = index;
    this.charset = charset;
  }
}

function unsupportedCharset(charset: string): ProtocolError {
  return new ProtocolError('unsupported-charset', protocolText.unsupportedCharset({ charset, expected: CHARSETS.join(', ') }));
}
