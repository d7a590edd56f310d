import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { createReadStream, statSync } from 'node:fs';
import { systemFolderNamed } from '../config/system-folders.js';
import { UsageError } from '../errors.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import { forcedEncodingFails, gb18030OrExplain } from './encoding-check.js';

/** How the CSV's bytes are read: UTF-8 (with or without BOM), or the GBK family Excel saves in Chinese locales. */
export type InputEncoding = 'utf-8' | 'gbk' | 'gb18030';

export const INPUT_ENCODINGS: readonly InputEncoding[] = ['utf-8', 'gbk', 'gb18030'];

export interface InputFile {
  path: string;
  bytes: number;
  /** Hex SHA-256 of the file's bytes: what ties a journal to this exact file. */
  sha256: string;
  encoding: InputEncoding;
  /** True when the encoding was detected rather than forced with --encoding. */
  detected: boolean;
  /** The file starts with a UTF-8 BOM (Excel's "CSV UTF-8" does). */
  bom: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Reads the file once (a file neither UTF-8 nor GBK from its start, twice more at most): its
 * SHA-256, and its encoding unless forced. The file is UTF-8 (with or
 * without BOM) if every byte of it decodes as UTF-8 — GBK text with Chinese in it practically never
 * does. If not, it is GB18030 (a superset of GBK, so it reads both) when it decodes cleanly as that
 * and does not look like damaged UTF-8; otherwise a usage error (encoding-check.ts). The whole file
 * is checked, not a sample: an export can be ASCII for a million rows and hold 张三 in the last one.
 */
export async function scanInputFile(path: string, forced?: InputEncoding, sameAs?: { sha256: string; changed: () => Error }): Promise<InputFile> {
  const hash = createHash('sha256');
  const decoder = new globalThis.TextDecoder('utf-8', { fatal: true });
  // A file that is not UTF-8 from its first piece on (GBK with Chinese in its header or first rows,
  // the usual case) is checked as GB18030 in the same pass, rather than read again for it.
  let gb18030: { decoder: InstanceType<typeof globalThis.TextDecoder>; clean: boolean } | undefined;
  let bytes = 0;
  // Checked when GBK is forced too: a file that reads as UTF-8 with Chinese in it is UTF-8. (GBK
  // bytes that happen to read as UTF-8, as 卢梅 does, read as Latin or Greek symbols, not Chinese.)
  let utf8 = forced !== 'utf-8';
  const gbkForced = forced !== undefined && forced !== 'utf-8';
  let chineseAsUtf8 = false;
  // Detected UTF-8 whose non-ASCII is all two-byte characters: GBK bytes can read as such (卢梅 as
  // "¬÷"). Read as GB18030 too from the first non-ASCII piece on (ASCII before it reads the same).
  let wideAsUtf8 = false;
  let either: { decoder: InstanceType<typeof globalThis.TextDecoder>; clean: boolean; chinese: boolean; sample: Buffer } | undefined;
  // A forced encoding is held to the file as detection is: one that does not decode would put "�"
  // on members' cards, or name the header's columns in mojibake.
  const forcedDecoder = forced === undefined ? undefined : new globalThis.TextDecoder(forced === 'utf-8' ? 'utf-8' : 'gb18030', { fatal: true });
  let forcedClean = true;
  let first = true;
  let bom = false;
  let utf16 = false;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (first) utf16 = isUtf16(chunk);
      hash.update(chunk);
      bytes += chunk.length;
      if (utf8 && gbkForced && !chineseAsUtf8) {
        const text = decodedText(decoder, chunk);
        utf8 = text !== undefined;
        chineseAsUtf8 = text !== undefined && CJK.test(text);
      } else if (utf8) {
        const text = decodedText(decoder, chunk);
        utf8 = text !== undefined;
        if (!utf8 && first && forced === undefined) gb18030 = { decoder: new globalThis.TextDecoder('gb18030', { fatal: true }), clean: true };
        if (text !== undefined && forced === undefined && !wideAsUtf8) {
          // A character of three bytes or more (Chinese, full-width punctuation, an emoji) says UTF-8:
          // GBK text practically never reads as those. Two-byte ones (¬÷, é, ǚ) it can.
          wideAsUtf8 = WIDE.test(text);
          if (either === undefined && !wideAsUtf8 && !isAscii(chunk)) either = { decoder: new globalThis.TextDecoder('gb18030', { fatal: true }), clean: true, chinese: false, sample: firstNonAsciiRun(chunk) };
          if (either?.clean && !wideAsUtf8) {
            const asGb = decodedText(either.decoder, chunk);
            either.clean = asGb !== undefined;
            either.chinese ||= asGb !== undefined && CJK.test(asGb);
          }
        }
      }
      if (gb18030?.clean) gb18030.clean = decodes(gb18030.decoder, chunk, false);
      if (forcedDecoder && forcedClean) forcedClean = decodes(forcedDecoder, chunk, false);
      if (first) {
        bom = startsWithUtf8Bom(chunk);
        first = false;
      }
    }
    const sha256 = hash.digest('hex');
    // The bytes first: a file changed since its journal (saved again as UTF-8, say) is that, not a
    // failure of the encoding the journal recorded.
    if (sameAs !== undefined && sha256 !== sameAs.sha256) throw sameAs.changed();
    if (utf16) throw new UsageError(batchInputText.utf16({ path }), { hint: batchInputText.utf16Hint() });
    const end = new Uint8Array(0);
    if (utf8) utf8 = decodes(decoder, end, true);
    if (gb18030?.clean) gb18030.clean = decodes(gb18030.decoder, end, true);
    if (forcedDecoder && forcedClean) forcedClean = decodes(forcedDecoder, end, true);
    if (forced && !forcedClean) throw await forcedEncodingFails(path, forced);
    // GBK forced on UTF-8 (Excel's "CSV UTF-8", a script's output) reads Chinese as mojibake, which
    // would go on members' cards: GBK text with Chinese in it practically never reads as UTF-8.
    if (gbkForced && utf8 && (bom || chineseAsUtf8)) {
      throw new UsageError(batchInputText.forcedGbkIsUtf8({ forced, path, why: bom ? batchInputText.startsWithBom() : batchInputText.decodesAsUtf8() }), {
        hint: batchInputText.readsAsHint({ name: 'UTF-8', flag: 'utf-8' }),
      });
    }
    // Reads as UTF-8 without a Chinese character, and as GBK with Chinese: which one the file is,
    // only its author knows; a guess would put one reading's names on members' cards.
    if (utf8 && !bom && !wideAsUtf8 && either?.clean && decodes(either.decoder, end, true) && either.chinese) {
      throw new UsageError(batchInputText.eitherEncoding({ path, utf8: new TextDecoder('utf-8').decode(either.sample), gbk: new TextDecoder('gb18030').decode(either.sample) }), {
        hint: batchInputText.eitherEncodingHint(),
      });
    }
    const encoding = forced ?? (utf8 ? 'utf-8' : await gb18030OrExplain(path, bom, gb18030?.clean));
    return { path, bytes, sha256, encoding, detected: forced === undefined, bom };
  } catch (err) {
    throw unreadable(path, err);
  }
}

/** The SHA-256 of the file's bytes, nothing decoded: whether it is the file a journal ran, before any encoding is held to it. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch (err) {
    throw unreadable(path, err);
  }
  return hash.digest('hex');
}

export function startsWithUtf8Bom(chunk: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => chunk[i] === b);
}

/** A character UTF-8 writes in three bytes or more (U+0800 up; surrogates stand for the four-byte ones). */
const WIDE = /[\u0800-\uffff]/;

/** CJK ideographs (the unified blocks and compatibility ideographs): what Chinese text is made of. */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * The chunk's first run of non-ASCII bytes (40 at most, in whole pairs: a GBK character is two
 * bytes, as is a UTF-8 one that reads as Latin or Greek): what a person is shown of both readings.
 * Not the line around it, which may hold a member's phone number.
 */
function firstNonAsciiRun(chunk: Buffer): Buffer {
  const start = chunk.findIndex((b) => b >= 0x80);
  let end = start;
  while (end + 1 < chunk.length && chunk[end]! >= 0x80 && end - start < 40) end += 2;
  return Buffer.from(chunk.subarray(start, end));
}

/** The chunk decoded (streaming, unless the `last`), or undefined where it does not decode. */
function decodedText(decoder: InstanceType<typeof globalThis.TextDecoder>, chunk: Uint8Array, last = false): string | undefined {
  try {
    return decoder.decode(chunk, { stream: !last });
  } catch {
    return undefined;
  }
}

function decodes(decoder: InstanceType<typeof globalThis.TextDecoder>, chunk: Uint8Array, last: boolean): boolean {
  return decodedText(decoder, chunk, last) !== undefined;
}

/**
 * Text saved as UTF-16 with its byte order mark: Excel's "Unicode Text" (UTF-16 with tabs, not a CSV
 * this command can read), Notepad's "Unicode" (a JSON file `template create` or `--biz @file` cannot
 * read): each should say so, not name the mark's first byte.
 */
export function isUtf16(chunk: Uint8Array): boolean {
  return (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
}

/**
 * Before anything else of a batch: its input is a file. A pipe (`cat m.csv | card batch /dev/stdin`,
 * `<(…)`) can be read once, and a batch reads its file more than once: it was said to be empty.
 */
export function refuseNonFileInput(path: string): void {
  // /dev/stdin, /dev/fd/N, /proc/self/fd/N: a redirection (`< m.csv`) makes them a file for now,
  // but a journal that names them would resume whatever comes in next.
  if (systemFolderNamed(path) !== undefined) throw new UsageError(batchInputText.notAFile({ path }), { hint: batchInputText.notAFileHint() });
  let stats;
  try {
    stats = statSync(path);
  } catch (err) {
    throw unreadable(path, err);
  }
  if (stats.isDirectory()) throw new UsageError(batchInputText.isDirectory({ path }));
  if (!stats.isFile()) throw new UsageError(batchInputText.notAFile({ path }), { hint: batchInputText.notAFileHint() });
}

export function unreadable(path: string, err: unknown): Error {
  if (err instanceof UsageError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UsageError(batchInputText.noSuchFile({ path }));
  if (code === 'EISDIR') return new UsageError(batchInputText.isDirectory({ path }));
  if (code === 'EACCES') return new UsageError(batchInputText.permissionDenied({ path }));
  return err instanceof Error ? err : new Error(String(err));
}
