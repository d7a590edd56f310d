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
  notImage: (p: { start: string }) => `is not a PNG, JPEG, GIF or BMP image (its first bytes are ${p.start}): card images must be one of those`,
  tooLargeFor: (p: { size: string; purpose: string }) => `is ${p.size}, too large for ${p.purpose}`,
  tooSmallFor: (p: { size: string; purpose: string }) => `is ${p.size}, too small for ${p.purpose}`,
  notSquare: (p: { size: string; purpose: string }) => `is ${p.size}, not square: ${p.purpose}`,
} satisfies Entries);

export type CardsImageEntries = ReturnType<typeof entries>;
export const cardsImageText = messages('cards-image', entries);
