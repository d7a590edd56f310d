import { createReadStream } from 'node:fs';
import { UsageError } from '../errors.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import type { Text } from '../i18n/text.js';
import { iconvLite } from '../protocol/charset.js';

type Decodable = 'utf-8' | 'gb18030';

/** Where a decoding first fails: the line (as an editor numbers it), the byte offset, the byte. */
interface DecodeBreak {
  line: number;
  offset: number;
  byte: number | undefined;
  /** Characters beyond ASCII that decoded cleanly before it. */
  nonAscii: number;
}

/**
 * GBK text makes valid UTF-8 only by chance, a character or two at a time: this many characters
 * beyond ASCII read cleanly as UTF-8 before the first bad byte say the file is UTF-8, damaged.
 */
const UTF8_EVIDENCE = 8;

/**
 * For a file that is not UTF-8: GB18030 (GBK is a subset) if every byte of it decodes as GB18030
 * (`gb18030Clean`, when the caller has already found out) and it does not look like UTF-8 with a
 * damaged byte; else a usage error naming where the
 * readings break. Guessing would put mojibake on members' cards: GB18030 decodes most byte soup,
 * so a UTF-8 export with one bad byte often "decodes" as GB18030 too.
 */
export async function gb18030OrExplain(path: string, hasUtf8Bom: boolean, gb18030Clean?: boolean): Promise<'gb18030'> {
  const utf8 = await firstBreak(path, 'utf-8');
  const looksLikeUtf8 = hasUtf8Bom || (utf8?.nonAscii ?? 0) >= UTF8_EVIDENCE;
  if (!looksLikeUtf8 && (gb18030Clean ?? (await decodesCleanly(path, 'gb18030')))) return 'gb18030';
  const hint = batchInputText.rewriteHint();
  if (looksLikeUtf8) {
    const why = hasUtf8Bom ? batchInputText.startsWithBom() : batchInputText.readAsUtf8({ count: utf8!.nonAscii });
    throw new UsageError(batchInputText.damagedUtf8({ path, at: at(utf8), why }), { hint });
  }
  throw new UsageError(batchInputText.neitherEncoding({ path, utf8: at(utf8), gb18030: at(await firstBreak(path, 'gb18030')) }), { hint });
}

/**
 * `--encoding` names one the file is not in (a GBK export read as UTF-8, say): where it first
 * breaks, and the encoding the file does read as, if one does.
 */
export async function forcedEncodingFails(path: string, forced: 'utf-8' | 'gbk' | 'gb18030'): Promise<UsageError> {
  const tried: Decodable = forced === 'utf-8' ? 'utf-8' : 'gb18030';
  const other: Decodable = tried === 'utf-8' ? 'gb18030' : 'utf-8';
  const readsAs = (await decodesCleanly(path, other)) ? other : undefined;
  return new UsageError(batchInputText.forcedEncodingFails({ forced, path, name: forced === 'utf-8' ? 'UTF-8' : 'GBK/GB18030', at: at(await firstBreak(path, tried)) }), {
    hint: readsAs === undefined
      ? batchInputText.rewriteHint()
      : batchInputText.readsAsHint({ name: readsAs === 'utf-8' ? 'UTF-8' : 'GBK/GB18030', flag: readsAs === 'utf-8' ? 'utf-8' : 'gbk' }),
  });
}

function at(b: DecodeBreak | undefined): Text {
  if (b === undefined) return batchInputText.breakNowhere();
  if (b.byte === undefined) return batchInputText.breakAt({ line: b.line, offset: b.offset });
  return batchInputText.breakAtByte({ line: b.line, offset: b.offset, byte: `0x${b.byte.toString(16).padStart(2, '0')}` });
}

async function decodesCleanly(path: string, encoding: Decodable): Promise<boolean> {
  const decoder = new globalThis.TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return false;
    throw err;
  }
}

/**
 * The first place `encoding` cannot decode, found by decoding with replacement: the text before
 * the first U+FFFD decoded cleanly, so encoding it again gives its length in bytes.
 */
async function firstBreak(path: string, encoding: Decodable): Promise<DecodeBreak | undefined> {
  const decoder = new globalThis.TextDecoder(encoding, { ignoreBOM: true });
  const bytesOf = byteLength(encoding);
  const lines = new LineCounter();
  let offset = 0;
  let nonAscii = 0;
  // The bad byte may have started in the chunk before (a sequence split between reads): keep its end.
  let recent = Buffer.alloc(0);
  let recentStart = 0;
  const settle = (text: string): DecodeBreak | undefined => {
    const bad = text.indexOf('\uFFFD');
    const clean = bad === -1 ? text : text.slice(0, bad);
    offset += bytesOf(clean);
    lines.add(clean);
    nonAscii += clean.length - clean.replace(/[^\x00-\x7f]/g, '').length;
    return bad === -1 ? undefined : { line: lines.line, offset, byte: recent[offset - recentStart], nonAscii };
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const kept = recent.subarray(-4);
    recentStart += recent.length - kept.length;
    recent = Buffer.concat([kept, chunk]);
    const found = settle(decoder.decode(chunk, { stream: true }));
    if (found) return found;
  }
  return settle(decoder.decode());
}

function byteLength(encoding: Decodable): (text: string) => number {
  if (encoding === 'utf-8') return (text) => Buffer.byteLength(text, 'utf8');
  const iconv = iconvLite();
  return (text) => iconv.encode(text, 'gb18030').length;
}

/** Line breaks as an editor counts them: CRLF, CR or LF, one each, even when a CRLF is split between pieces. */
class LineCounter {
  line = 1;
  private endedWithCr = false;

  add(text: string): void {
    this.line += (text.match(/\r\n|\r|\n/g) ?? []).length - (this.endedWithCr && text.startsWith('\n') ? 1 : 0);
    if (text !== '') this.endedWithCr = text.endsWith('\r');
  }
}
