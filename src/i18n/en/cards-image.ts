// What the checks of an image to upload say (src/cards/image.ts).
import { messages, type Entries } from '../text.js';

const entries = () => ({
  logo: 'a logo: square, at least 500×500 px, at most 1 MB',
  background: 'a card background: at least 1020×643 px, at most 2 MB',
  cardPhoto: 'a card-face photo (front_image_id): at least 230×295 px, at most 1 MB',
  /** A file's size: `1.20 MB (1258291 bytes)`. */
  size: (p: { megabytes: string; bytes: number }) => `${p.megabytes} MB (${p.bytes} bytes)`,
  empty: 'the file is empty',
  tooLarge: (p: { size: string }) => `is ${p.size}: an image may be at most 5 MB (5242880 bytes)`,
  damagedImage: (p: { format: string }) => `starts as a ${p.format} image, but its header is cut short or damaged: its size in pixels cannot be read (save or download it again)`,
  /** A file whose header reads but whose body is not whole: `why` is one of the entries below. */
  incompleteImage: (p: { format: string; why: string }) => `starts as a ${p.format} image, but ${p.why} (save or download it again)`,
  pngNoEnd: 'it is cut short: it ends before its IEND chunk',
  pngNoPixels: 'it has no pixel data (no IDAT chunk before its IEND)',
  pngTooLittle: (p: { bytes: number; size: string }) => `its pixel data, ${p.bytes} bytes, is too little for ${p.size}: no compression packs it so small`,
  jpegNoEnd: 'it is cut short: it ends before its end-of-image marker (FF D9)',
  jpegNoPixels: 'it has no pixel data (no scan, SOS, before its end-of-image marker)',
  jpegNoFrame: 'it has no frame header (SOF) before its pixel data',
  jpegBroken: (p: { offset: number }) => `its segments are broken: no marker where one should be, at byte ${p.offset}`,
  gifNoEnd: 'it is cut short: it ends before its trailer (3B)',
  gifNoImage: 'it has no image in it (no image descriptor before its trailer)',
  gifBroken: (p: { offset: number }) => `its blocks are broken: no block starts at byte ${p.offset}`,
  bmpShort: (p: { bytes: number; expected: number }) => `it is cut short: it has ${p.bytes} bytes where its header says ${p.expected}`,
  blankParam: 'is blank (only spaces): a blank value is left out of the string to sign, so it counts as not given',
  notImage: (p: { start: string }) => `is not a PNG, JPEG, GIF or BMP image (its first bytes are ${p.start}): card images must be one of those`,
  tooLargeFor: (p: { size: string; purpose: string }) => `is ${p.size}, too large for ${p.purpose}`,
  tooSmallFor: (p: { size: string; purpose: string }) => `is ${p.size}, too small for ${p.purpose}`,
  notSquare: (p: { size: string; purpose: string }) => `is ${p.size}, not square: ${p.purpose}`,
} satisfies Entries);

export type CardsImageEntries = ReturnType<typeof entries>;
export const cardsImageText = messages('cards-image', entries);
