import { createHash } from 'node:crypto';
import { examineImage, IMAGE_FILE_FIELD, imageParamProblems, MAX_IMAGE_BYTES, mimeOf } from '../../cards/image.js';
import { english } from '../../i18n/text.js';
import { formatTimestamp } from '../../protocol/index.js';
import { businessError, success, type ResponseNode } from '../codes.js';
import type { StoredImage } from '../store.js';
import type { MethodCall } from './call.js';

/**
 * alipay.offline.material.image.upload: the text params image_type and image_name (and image_pid)
 * checked against the reference's lengths, the image_content file part against its limits — at
 * most 5 MB (EXCEED_MAX_SIZE), bytes that are a PNG, JPEG, GIF or BMP image (UNKNOWN_FORMAT), whole
 * (INVALID_FILE_BYTES for one cut short or damaged: the sheet's "file content invalid", inferred),
 * and of the format image_type names (INVALID_FILE_BYTES). The bytes are kept
 * content-addressed; the id is Alipay's shape (32 characters), the same for the same bytes of the
 * same app, so uploading a file again stores nothing new. image_url serves it from this gateway
 * (the in-process one: the stored file).
 */
export function uploadImage(call: MethodCall): ResponseNode {
  const params = { image_type: call.params.image_type, image_name: call.params.image_name, image_pid: call.params.image_pid };
  const problem = imageParamProblems(params)[0];
  if (problem) return businessError('INVALID_PARAM', `参数有误: ${problem.path}: ${problem.message}`);
  const file = call.files.get(IMAGE_FILE_FIELD);
  if (file === undefined) return businessError('INVALID_PARAM', `参数有误: ${IMAGE_FILE_FIELD}: required (the file part of the multipart request)`);
  if (file.bytes.length > MAX_IMAGE_BYTES) return businessError('EXCEED_MAX_SIZE', `文件大小超过限制: ${file.bytes.length} bytes; an image may be at most ${MAX_IMAGE_BYTES}`);
  const verdict = examineImage(file.bytes);
  if (verdict.kind === 'unknown') return businessError('UNKNOWN_FORMAT', '不支持的文件格式: image_content is not a PNG, JPEG, GIF or BMP image');
  if (verdict.kind === 'damaged') return businessError('INVALID_FILE_BYTES', `文件内容无效: image_content ${english(verdict.why)}`);
  const { image } = verdict;
  const declared = params.image_type!.toLowerCase().replace(/^jpeg$/, 'jpg');
  if (declared !== image.format) return businessError('INVALID_FILE_BYTES', `文件内容与类型不符: image_type ${params.image_type} but the bytes are ${image.format}`);

  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const imageId = createHash('sha256').update(`${call.appId}\u0000${sha256}`).digest('base64url').slice(0, 32);
  const stored = call.store.image(call.appId, imageId) ?? store(call, {
    app_id: call.appId,
    image_id: imageId,
    sha256,
    image_type: params.image_type!,
    image_name: params.image_name!,
    content_type: mimeOf(image.format),
    bytes: file.bytes.length,
    width: image.width,
    height: image.height,
    created_at: formatTimestamp(call.now),
  }, file.bytes);
  const url = imageUrl(call, stored);
  return success({ image_id: stored.image_id, ...(url ? { image_url: url } : {}) });
}

/** Where the image can be had: from this gateway while it runs, or as the stored file (the in-process gateway). */
function imageUrl(call: MethodCall, image: StoredImage): string | undefined {
  const { store } = call;
  if (store.imageUrlsAsFiles && store.blobs.fileUrl) return store.blobs.fileUrl(image.sha256);
  return store.baseUrl ? `${store.baseUrl}/_local/images/${image.image_id}` : undefined;
}

function store(call: MethodCall, image: StoredImage, bytes: Buffer): StoredImage {
  call.store.blobs.write(image.sha256, bytes);
  call.store.addImage(image);
  return image;
}
