import { imageSize } from 'image-size';
import { isBlank } from '../protocol/sign-content.js';
import { cardsFieldsText } from '../i18n/en/cards-fields.js';
import { cardsImageText as t } from '../i18n/en/cards-image.js';
import type { Text } from '../i18n/text.js';
import { fieldProblem, type FieldProblem } from './fields.js';
import { wholeImageProblem } from './image-whole.js';
export { IMAGE_UPLOAD_METHOD } from './methods.js';

/**
 * alipay.offline.material.image.upload (../shared/api/alipay.offline.material.image.upload.md): a
 * multipart request with text params image_type (≤ 8), image_name (≤ 128), image_pid (≤ 16, left
 * empty by merchants) and the file part image_content (an image ≤ 5 MB); no biz_content.
 */
export const IMAGE_FILE_FIELD = 'image_content';
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * The formats card images take (the template reference: bmp, png, jpeg, jpg, gif), by what the
 * bytes are rather than the file's name. Video (mp4, which the method also takes up to 50 MB) has
 * no place on a card: refused (our decision).
 */
export type ImageFormat = 'png' | 'jpg' | 'gif' | 'bmp';
export const IMAGE_FORMATS: readonly ImageFormat[] = ['png', 'jpg', 'gif', 'bmp'];
const MIME: Record<ImageFormat, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp' };

export function mimeOf(format: ImageFormat): string {
  return MIME[format];
}

export interface SniffedImage {
  format: ImageFormat;
  width: number;
  height: number;
}

/**
 * What the bytes are: an image whole enough to upload, one of the four formats but damaged (its
 * header unreadable, or its body cut short: `why`), or none of the four.
 */
export type ImageVerdict =
  | { kind: 'image'; image: SniffedImage }
  | { kind: 'damaged'; format: ImageFormat; why: Text }
  | { kind: 'unknown' };

export function examineImage(bytes: Uint8Array): ImageVerdict {
  const format = magicFormat(bytes);
  if (format === undefined) return { kind: 'unknown' };
  const name = FORMAT_NAMES[format];
  let size: { width?: number | undefined; height?: number | undefined };
  try {
    size = imageSize(exactly(bytes));
  } catch {
    size = {};
  }
  // The magic number is right but the header is cut short or damaged.
  if (!size.width || !size.height) return { kind: 'damaged', format, why: t.damagedImage({ format: name }) };
  const incomplete = wholeImageProblem(bytes, format);
  if (incomplete) return { kind: 'damaged', format, why: t.incompleteImage({ format: name, why: incomplete }) };
  return { kind: 'image', image: { format, width: size.width, height: size.height } };
}

/** The format from the file's first bytes (magic numbers), and its size in pixels from its header; undefined unless it is a whole image of one of the four. */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  const verdict = examineImage(bytes);
  return verdict.kind === 'image' ? verdict.image : undefined;
}

/**
 * The bytes in an ArrayBuffer of their own. image-size reads through DataViews over the whole
 * underlying buffer (from byteOffset, not stopping at byteLength): on a view of a larger buffer
 * (a file read into a bigger allocation, a part of a request body) it reads past the file's end
 * into whatever follows, and a 22-byte JPEG came out 4352×35974 px one run and 8960×3096 the next.
 */
function exactly(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

const FORMAT_NAMES: Record<ImageFormat, string> = { png: 'PNG', jpg: 'JPEG', gif: 'GIF', bmp: 'BMP' };

function magicFormat(b: Uint8Array): ImageFormat | undefined {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  return undefined;
}

/** What an image is for on a card, and the reference's rules for it ([N-template] in the image upload sheet); `says` is them in words, as data. */
export const IMAGE_PURPOSES = {
  logo: { maxBytes: 1024 * 1024, minWidth: 500, minHeight: 500, square: true, says: t.logo() },
  background: { maxBytes: 2 * 1024 * 1024, minWidth: 1020, minHeight: 643, square: false, says: t.background() },
  'card-photo': { maxBytes: 1024 * 1024, minWidth: 230, minHeight: 295, square: false, says: t.cardPhoto() },
} as const;

export type ImagePurpose = keyof typeof IMAGE_PURPOSES;

/**
 * Every problem with an image before it is sent: the method's limits (format, ≤ 5 MB), then, for a
 * stated purpose, that purpose's size and pixel rules. Paths are the request's: image_content.
 */
export function imageProblems(bytes: Uint8Array, purpose?: ImagePurpose): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (bytes.length === 0) return [fieldProblem(IMAGE_FILE_FIELD, undefined, t.empty())];
  if (bytes.length > MAX_IMAGE_BYTES) problems.push(fieldProblem(IMAGE_FILE_FIELD, undefined, t.tooLarge({ size: megabytes(bytes.length) })));
  const verdict = examineImage(bytes);
  if (verdict.kind !== 'image') {
    // A PNG's signature with its header cut short (a download that stopped) is not "not a PNG".
    problems.push(fieldProblem(IMAGE_FILE_FIELD, undefined, verdict.kind === 'unknown' ? t.notImage({ start: hexStart(bytes) }) : verdict.why));
    return problems;
  }
  const { image } = verdict;
  if (purpose === undefined) return problems;
  const rule = IMAGE_PURPOSES[purpose];
  const size = `${image.width}×${image.height} px`;
  if (bytes.length > rule.maxBytes && bytes.length <= MAX_IMAGE_BYTES) problems.push(fieldProblem(IMAGE_FILE_FIELD, undefined, t.tooLargeFor({ size: megabytes(bytes.length), purpose: rule.says })));
  if (image.width < rule.minWidth || image.height < rule.minHeight) problems.push(fieldProblem(IMAGE_FILE_FIELD, undefined, t.tooSmallFor({ size, purpose: rule.says })));
  else if (rule.square && image.width !== image.height) problems.push(fieldProblem(IMAGE_FILE_FIELD, undefined, t.notSquare({ size, purpose: rule.says })));
  return problems;
}

/** The text params' limits, from the reference; a blank one (only spaces) is no value. */
export function imageParamProblems(params: { image_type?: string | undefined; image_name?: string | undefined; image_pid?: string | undefined }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const limits = { image_type: 8, image_name: 128, image_pid: 16 } as const;
  for (const [key, max] of Object.entries(limits) as Array<[keyof typeof limits, number]>) {
    const value = params[key];
    if (value === undefined || value === '') {
      if (key !== 'image_pid') problems.push(fieldProblem(key, value, cardsFieldsText.requiredPlain()));
    } else if (isBlank(value)) {
      // The string to sign leaves a blank value out, so it would be sent and not signed.
      problems.push(fieldProblem(key, value, t.blankParam()));
    } else if ([...value].length > max) problems.push(fieldProblem(key, value, cardsFieldsText.tooLong({ max, length: [...value].length })));
  }
  return problems;
}

function megabytes(bytes: number): Text {
  return t.size({ megabytes: (bytes / 1024 / 1024).toFixed(2), bytes });
}

function hexStart(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 8)).toString('hex').replace(/(..)/g, '$1 ').trim() || 'none';
}
