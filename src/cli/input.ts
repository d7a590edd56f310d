import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { isUtf16, startsWithUtf8Bom } from '../batch/input-file.js';
import { formatBytes, osReasonText, readStreamUpTo, readUpTo } from '../config/index.js';
import { UsageError } from '../errors.js';
import { inputText } from '../i18n/en/input-arguments.js';
import type { Text } from '../i18n/text.js';
import { MAX_BODY_BYTES } from '../gateway/http-body.js';
import { canEncode, compactJson, decodeText, encodeText, MAX_JSON_DEPTH, tooDeepAt, type Charset } from '../protocol/index.js';

export interface InputSource {
  kind: 'inline' | 'file' | 'stdin';
  /** For messages: the flag and, for files, the path (for stdin, words: a Text). */
  label: Text | string;
}

/**
 * The most a `<text|@file|->` argument holds: a request's content or a gateway's answer, so the
 * local gateway's own limit for one request body (1 MiB). A file or pipe past it is refused, after
 * reading one byte more than this, never the whole of it.
 */
export const ARGUMENT_MAX_BYTES = MAX_BODY_BYTES;

/** What a capped argument holds, for the message when it is over its cap. */
export interface ArgumentCap {
  maxBytes: number;
  /** `a request's content`, `a key`. */
  what: Text | string;
}

const CONTENT_CAP: ArgumentCap = { maxBytes: ARGUMENT_MAX_BYTES, what: inputText.contentCap() };

/**
 * Reads a flag value of the form `<text|@file|->` (curl's convention): `@path` reads a file,
 * `-` reads stdin, anything else is the text itself. Bytes are returned so the caller decides the
 * charset; most callers want `readTextArgument`. A file or pipe longer than `cap` is a usage error.
 */
export async function readArgumentBytes(
  flag: string,
  value: string,
  io: { cwd: string; stdin: Readable & { isTTY?: boolean } },
  cap: ArgumentCap = CONTENT_CAP,
): Promise<{ bytes: Buffer; source: InputSource }> {
  const tooLarge = (name: Text | string) => new UsageError(inputText.tooLarge({ flag, name, max: formatBytes(cap.maxBytes), what: cap.what }));
  if (value === '-') {
    if (io.stdin.isTTY) {
      throw new UsageError(inputText.stdinIsTerminal({ flag }), { hint: inputText.stdinIsTerminalHint({ flag }) });
    }
    const bytes = await readStreamUpTo(io.stdin, cap.maxBytes + 1);
    if (bytes.length > cap.maxBytes) throw tooLarge(inputText.stdin());
    return { bytes, source: { kind: 'stdin', label: inputText.stdinLabel({ flag }) } };
  }
  if (value.startsWith('@')) {
    const name = value.slice(1);
    let bytes: Buffer;
    try {
      bytes = readUpTo(resolve(io.cwd, name), cap.maxBytes + 1);
    } catch (err) {
      // Named as a key file's read error is ('it is a directory, not a file (EISDIR)'), not Node's raw words.
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? inputText.noSuchFile() : osReasonText(err);
      throw new UsageError(inputText.cannotRead({ flag, name, reason }));
    }
    if (bytes.length > cap.maxBytes) throw tooLarge(name);
    return { bytes, source: { kind: 'file', label: `${flag} ${name}` } };
  }
  return { bytes: Buffer.from(value, 'utf8'), source: { kind: 'inline', label: flag } };
}

/** How a command that reads `--biz` before its profile reads a file: UTF-8, else GBK (decodeInput). */
export const BIZ_FILE_CHARSET: Charset = 'gbk';

/**
 * The text of a `<text|@file|->` flag. Without `charset` a file or pipe is read as UTF-8 (lenient);
 * with it, as `decodeInput` says: UTF-8 when the bytes are valid UTF-8, else text in `charset` (a GBK
 * file for a GBK profile), else a usage error naming the byte. `alternative` is the other reading
 * when both are valid and differ, for a caller that can tell which one is meant (a signature check).
 */
export async function readTextArgument(
  flag: string,
  value: string,
  io: { cwd: string; stdin: Readable & { isTTY?: boolean } },
  charset?: Charset,
  cap?: ArgumentCap,
): Promise<ArgumentText> {
  const { bytes, source } = await readArgumentBytes(flag, value, io, cap);
  return argumentText(bytes, source, charset);
}

export interface ArgumentText {
  text: string;
  source: InputSource;
  alternative?: string;
}

/** `readTextArgument` for bytes already read (a caller that looks at them first to choose the charset). */
export function argumentText(bytes: Buffer, source: InputSource, charset?: Charset): ArgumentText {
  let text: string;
  let alternative: string | undefined;
  // An inline value is already text: the shell and Node have decoded argv.
  if (charset === undefined || source.kind === 'inline') {
    text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  } else {
    const decoded = decodeInput(bytes, charset);
    if (!decoded.ok) throw undecodableInput(source, bytes, decoded);
    ({ text, alternative } = decoded);
  }
  // A file or a pipe almost always ends with one newline that is not part of the content.
  const chomp = (t: string) => (source.kind === 'inline' ? t : t.replace(/\r?\n$/, ''));
  return alternative === undefined ? { text: chomp(text), source } : { text: chomp(text), source, alternative: chomp(alternative) };
}

/**
 * Parses JSON for a flag, naming the flag and where the syntax broke. `hint` shows valid input for
 * this flag; the default fits `sign --biz`.
 */
export function parseJsonArgument(
  text: string,
  source: InputSource,
  hint: Text | string = inputText.bizJsonHint(),
): unknown {
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    throw new UsageError(inputText.jsonTooDeep({ source: source.label, max: MAX_JSON_DEPTH, position: deep }), {
      hint: inputText.jsonTooDeepHint({ hint }),
    });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(inputText.invalidJson({ source: source.label, reason: (err as Error).message }), { hint });
  }
}

/**
 * A JSON argument compacted (whitespace between tokens removed, nothing re-serialised: big numbers
 * and escapes stay as written), or exit 2 for a key given twice in one object: JSON.parse keeps
 * the last without a word, so the request a person read might not be the one sent.
 */
export function compactJsonArgument(text: string, source: InputSource): string {
  const { json, duplicateKey } = compactJson(text);
  if (duplicateKey === undefined) return json;
  const key = JSON.stringify(duplicateKey.key);
  const message = duplicateKey.path === ''
    ? inputText.duplicateKey({ source: source.label, key })
    : inputText.duplicateKeyIn({ source: source.label, key, path: duplicateKey.path });
  throw new UsageError(message, { hint: inputText.duplicateKeyHint() });
}

/** `key=value` pairs from a repeatable flag; the value may itself contain '='. `example` is one valid item. */
export function parseKeyValue(flag: string, item: string, example = 'notify_url=https://example.com/notify'): [string, string] {
  const eq = item.indexOf('=');
  if (eq <= 0) {
    throw new UsageError(inputText.expectedKeyValue({ flag, item }), { hint: inputText.keyValueExample({ flag, example }) });
  }
  return [item.slice(0, eq), item.slice(eq + 1)];
}

export type DecodedInput = { ok: true; text: string; alternative?: string } | { ok: false; charsets: Charset[]; offset: number };

/**
 * Bytes from a file or pipe as text for content in `charset`. A UTF-8 BOM means UTF-8. Otherwise
 * valid UTF-8 is read as UTF-8 — what editors, JSON tools and terminals write, also for a GBK
 * profile — and bytes that are not are read as `charset`: a GBK response body, notification or
 * biz file. Short GBK text can pass for UTF-8 (专业 is D7 A8 D2 B5, UTF-8 for רҵ): a UTF-8 reading
 * that `charset` cannot encode was never content in it, so the other one is taken; when both are
 * possible the other comes back as `alternative`. Neither valid: where the first bad byte is.
 */
export function decodeInput(bytes: Uint8Array, charset: Charset): DecodedInput {
  const hasBom = startsWithUtf8Bom(bytes);
  const utf8 = strictDecode(bytes, 'utf-8');
  if (hasBom || charset === 'utf-8') {
    return utf8 !== undefined ? { ok: true, text: utf8 } : { ok: false, charsets: ['utf-8'], offset: firstUndecodable(bytes, 'utf-8') };
  }
  const own = strictDecode(bytes, charset);
  if (utf8 === undefined) return own !== undefined ? { ok: true, text: own } : { ok: false, charsets: ['utf-8', charset], offset: firstUndecodable(bytes, charset) };
  if (own === undefined || own === utf8) return { ok: true, text: utf8 };
  return canEncode(utf8, charset) ? { ok: true, text: utf8, alternative: own } : { ok: true, text: own };
}

/** The text when every byte is part of a character of `charset` (and encodes back to itself), else undefined. */
function strictDecode(bytes: Uint8Array, charset: Charset): string | undefined {
  if (charset === 'utf-8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
  const text = decodeText(bytes, charset);
  try {
    return Buffer.from(bytes).equals(encodeText(text, charset)) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Where the first byte that is not part of a character of `charset` stands. */
function firstUndecodable(bytes: Uint8Array, charset: Charset): number {
  // A lenient decoding writes U+FFFD for a bad sequence; the first character that does not encode
  // back to the bytes it stands on is where they start. The BOM is kept so offsets count it.
  const text = charset === 'utf-8' ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) : decodeText(bytes, charset);
  let offset = 0;
  for (const ch of text) {
    let encoded: Buffer;
    try {
      encoded = encodeText(ch, charset);
    } catch {
      return offset;
    }
    if (!encoded.equals(bytes.subarray(offset, offset + encoded.length))) return offset;
    offset += encoded.length;
  }
  return offset;
}

function undecodableInput(source: InputSource, bytes: Uint8Array, problem: { charsets: Charset[]; offset: number }): UsageError {
  if (isUtf16(bytes)) return new UsageError(inputText.utf16({ source: source.label }), { hint: inputText.utf16Hint() });
  const names = problem.charsets.map((c) => c.toUpperCase());
  const byte = bytes[problem.offset];
  const at = byte === undefined ? inputText.incompleteAtEnd() : inputText.badByteAt({ byte: `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`, offset: problem.offset });
  return new UsageError(inputText.notText({ source: source.label, charsets: inputText.charsetsEither({ items: names }), at }), {
    hint: problem.charsets.length === 1 ? inputText.notUtf8Hint() : inputText.notEitherHint({ charset: names[1]! }),
  });
}
