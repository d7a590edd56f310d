import { basename, extname, resolve } from 'node:path';
import { IMAGE_FILE_FIELD, IMAGE_UPLOAD_METHOD, imageParamProblems, imageProblems, MAX_IMAGE_BYTES, mimeOf, sniffImage, type ImagePurpose } from '../../cards/image.js';
import type { UploadFile } from '../../client/request.js';
import { readUpTo } from '../../config/read-capped.js';
import { osReasonText } from '../../config/secret-file.js';
import { UsageError } from '../../errors.js';
import { templateCommandsImagesText as t } from '../../i18n/en/template-commands-images.js';
import { local, type Text } from '../../i18n/text.js';
import { loadStyle } from '../../render/style.js';
import { keyValueTable } from '../../render/tables.js';
import { outputFormat, useColor, type Context } from '../context.js';
import { printNode, refuseProblems, withGateway } from './card-call.js';

export interface ImageUploadOptions {
  name?: string;
  type?: string;
  for?: ImagePurpose;
  maxAttempts?: number;
}

/**
 * `image upload <file>`: alipay.offline.material.image.upload as a multipart request. The file is
 * read (at most 5 MB and a byte), its format taken from its bytes, its size in pixels from its
 * header, and held to the method's limits — and to a logo's, a background's or a card photo's with
 * --for — before anything is sent. image_type is the format the bytes are; image_name the file's
 * name without its extension, unless given.
 */
export async function runImageUpload(ctx: Context, file: string, opts: ImageUploadOptions): Promise<void> {
  const path = resolve(ctx.cwd, file);
  const bytes = readImage(path, file);
  const label = (at: string) => (at === IMAGE_FILE_FIELD ? file : at === 'image_name' ? '--name' : at === 'image_type' ? '--type' : undefined);
  refuseProblems(imageProblems(bytes, opts.for), label);
  const image = sniffImage(bytes)!;
  const imageType = opts.type ?? image.format;
  if (opts.type !== undefined && opts.type.toLowerCase().replace(/^jpeg$/, 'jpg') !== image.format) {
    throw new UsageError(t.wrongType({ type: opts.type, file, format: image.format.toUpperCase() }), { hint: t.wrongTypeHint({ format: image.format }) });
  }
  const textParams = { image_type: imageType, image_name: opts.name ?? basename(path, extname(path)) };
  refuseProblems(imageParamProblems(textParams), label);
  const upload = uploadFileOf(path, bytes);

  await withGateway(ctx, { method: IMAGE_UPLOAD_METHOD, textParams, file: upload }, opts, async (client, shown) => {
    // Sending the same bytes again is harmless: at worst Alipay keeps a second copy under another id.
    const response = await client.call(IMAGE_UPLOAD_METHOD, { textParams, file: upload, retrySafe: true });
    if (outputFormat(ctx) !== 'table') return printNode(ctx, response);
    const rows: Array<[string, string]> = [
      ['image_id', String(response.node.image_id ?? '')],
      ...(typeof response.node.image_url === 'string' ? [['image_url', response.node.image_url] as [string, string]] : []),
      [local(t.fileLabel()), local(t.fileRow({ file, format: image.format.toUpperCase(), width: image.width, height: image.height, bytes: bytes.length }))],
    ];
    const title = local(t.uploaded({ where: shown.where ?? '' }));
    ctx.stdout.write(keyValueTable(title, rows, await loadStyle(useColor(ctx)), shown.width) + '\n');
  });
}

export function readImage(path: string, shown: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readUpTo(path, MAX_IMAGE_BYTES + 1);
  } catch (err) {
    throw new UsageError(t.cannotRead({ file: shown, reason: whyImageUnreadable(err) }), { hint: t.cannotReadHint() });
  }
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new UsageError(t.tooLarge({ file: shown }), { hint: t.tooLargeHint() });
  }
  return bytes;
}

/** Why an image file could not be read, in words: the same for `image upload <file>` and an image path in a template file. */
export function whyImageUnreadable(err: unknown): Text | string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? t.noSuchFile() : code === 'EISDIR' ? t.isDirectory() : code === 'EACCES' ? t.permissionDenied() : osReasonText(err);
}

/** The file part of an upload: the file's name, the MIME type of what its bytes are. */
export function uploadFileOf(path: string, bytes: Buffer): UploadFile {
  return { field: IMAGE_FILE_FIELD, filename: basename(path), contentType: mimeOf(sniffImage(bytes)!.format), bytes };
}
