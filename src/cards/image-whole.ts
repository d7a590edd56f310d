import { cardsImageText as t } from '../i18n/en/cards-image.js';
import type { Text } from '../i18n/text.js';
import type { ImageFormat } from './image.js';

/**
 * Whether an image's bytes are whole for its format, walked by its structure without decoding a
 * pixel: a PNG's chunks up to IEND, a JPEG's segments and scans up to EOI (FF D9), a GIF's blocks
 * up to its trailer (3B), a BMP as long as its header says. A download that stopped, or a file cut
 * after its header, has a readable size in pixels and nothing to show: the header alone is no proof.
 * Bytes after the end (padding, a camera's trailer) are left alone, as decoders leave them.
 * Returns what is wrong, or undefined for a whole image.
 */
export function wholeImageProblem(bytes: Uint8Array, format: ImageFormat): Text | undefined {
  switch (format) {
    case 'png':
      return pngProblem(bytes);
    case 'jpg':
      return jpegProblem(bytes);
    case 'gif':
      return gifProblem(bytes);
    case 'bmp':
      return bmpProblem(bytes);
  }
}

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32le = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + ((b[at + 3]! << 24) >>> 0);
const i32le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);

/** Samples per pixel of a PNG colour type (greyscale, RGB, palette, grey+alpha, RGBA). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/**
 * The most deflate can shrink data: 258 bytes per 2-bit code at best, so about 1032 to 1. A bound,
 * not a guess: zlib level 9 and Z_RLE on an all-zero 20000×20000 image reach 1030.4 to 1, so it
 * must not be rounded down.
 */
const DEFLATE_MAX_RATIO = 1032;

function pngProblem(b: Uint8Array): Text | undefined {
  let at = 8;
  let pixelBytes = 0;
  let sawIdat = false;
  while (at + 12 <= b.length) {
    const length = u32be(b, at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    if (at + 12 + length > b.length) break;
    if (type === 'IDAT') {
      sawIdat = true;
      pixelBytes += length;
    }
    if (type === 'IEND') {
      if (!sawIdat) return t.pngNoPixels();
      return pngDataProblem(b, pixelBytes);
    }
    at += 12 + length;
  }
  return t.pngNoEnd();
}

/**
 * Pixel data that deflate could not have packed so small: a 68-byte PNG saying 60000×60000 px has
 * a header, an end and nothing between. The bound is the most deflate can compress, so no real
 * image, however plain, is refused by it.
 */
function pngDataProblem(b: Uint8Array, pixelBytes: number): Text | undefined {
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  const bitsPerPixel = (PNG_CHANNELS[b[25]!] ?? 4) * b[24]!;
  const rawBytes = height * (1 + Math.ceil((width * bitsPerPixel) / 8));
  if (pixelBytes * DEFLATE_MAX_RATIO >= rawBytes) return undefined;
  return t.pngTooLittle({ bytes: pixelBytes, size: `${width}×${height} px` });
}

function jpegProblem(b: Uint8Array): Text | undefined {
  let at = 2;
  let sawFrame = false;
  let sawScan = false;
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) return t.jpegBroken({ offset: at });
    const marker = b[at + 1]!;
    // Fill bytes (FF FF ...) may stand before a marker.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd9) return sawScan ? undefined : t.jpegNoPixels();
    // Markers without a length: TEM, RST0–7.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (at + 3 >= b.length) break;
    const segmentEnd = at + 2 + u16be(b, at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) sawFrame = true;
    if (marker !== 0xda) {
      at = segmentEnd;
      continue;
    }
    if (!sawFrame) return t.jpegNoFrame();
    sawScan = true;
    // A scan: entropy-coded bytes up to the next marker; FF 00 is a stuffed FF, FF D0–D7 a restart.
    at = segmentEnd;
    while (at + 1 < b.length && !(b[at] === 0xff && b[at + 1] !== 0x00 && !(b[at + 1]! >= 0xd0 && b[at + 1]! <= 0xd7))) at++;
  }
  return t.jpegNoEnd();
}

function gifProblem(b: Uint8Array): Text | undefined {
  const colourTable = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let at = 13 + colourTable(b[10] ?? 0);
  let sawImage = false;
  const skipSubBlocks = () => {
    while (at < b.length && b[at] !== 0) at += 1 + b[at]!;
    at += 1;
  };
  while (at < b.length) {
    const block = b[at]!;
    if (block === 0x3b) return sawImage ? undefined : t.gifNoImage();
    if (block === 0x21) {
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      if (at + 10 > b.length) break;
      sawImage = true;
      at += 10 + colourTable(b[at + 9]!) + 1;
      skipSubBlocks();
    } else if (sawImage && b.subarray(at).every((byte) => byte === 0)) {
      // No trailer, zeros to the end (a writer's padding): the image is all there, as below.
      return undefined;
    } else {
      return t.gifBroken({ offset: at });
    }
  }
  // Some old writers left the trailer out (Python's own IDLE icons, for one): an image whose data
  // ends exactly at the file's end is all there, and decoders show it.
  return sawImage && at === b.length ? undefined : t.gifNoEnd();
}

/** BI_RGB and BI_BITFIELDS: rows of pixels as they are, each padded to 4 bytes. */
const BMP_UNCOMPRESSED = new Set([0, 3, 6]);

function bmpProblem(b: Uint8Array): Text | undefined {
  if (b.length < 30) return t.bmpShort({ bytes: b.length, expected: 54 });
  const declared = u32le(b, 2);
  const pixelsAt = u32le(b, 10);
  const headerSize = u32le(b, 14);
  // An OS/2 BITMAPCOREHEADER has 16-bit sizes and no compression field.
  const core = headerSize === 12;
  const width = core ? u16le(b, 18) : Math.abs(i32le(b, 18));
  const height = core ? u16le(b, 20) : Math.abs(i32le(b, 22));
  const bitsPerPixel = u16le(b, core ? 24 : 28);
  const compression = core ? 0 : u32le(b, 30);
  const pixelEnd = BMP_UNCOMPRESSED.has(compression) ? pixelsAt + Math.floor((width * bitsPerPixel + 31) / 32) * 4 * height : 0;
  // Rows as they are: the file must hold them all, whatever bfSize says (decoders read the rows,
  // not bfSize, which writers leave 0 or get wrong). Compressed rows have no size to compute:
  // then bfSize, where it is set, is the whole file.
  const expected = pixelEnd > 0 ? pixelEnd : declared;
  return b.length < expected ? t.bmpShort({ bytes: b.length, expected }) : undefined;
}
