import { createHash, randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { generateOutSerialNo } from '../../cards/card-open-fields.js';
import type { FieldProblem } from '../../cards/fields.js';
import { fieldProblem, problemText } from '../../cards/problems.js';
import { IMAGE_UPLOAD_METHOD, imageProblems, sniffImage } from '../../cards/image.js';
import { TEMPLATE_CREATE_METHOD } from '../../cards/methods.js';
import { localImageReferences, replaceAt, type ImageReference } from '../../cards/template-images.js';
import { validateTemplateCreate } from '../../cards/template-request.js';
import { textsFromNumbers } from '../../cards/template-shape.js';
import { statOf } from '../../config/nearest-existing.js';
import { readUpTo } from '../../config/read-capped.js';
import { osReasonText } from '../../config/secret-file.js';
import type { Charset } from '../../protocol/charset.js';
import { compactJson } from '../../protocol/compact-json.js';
import { CliError, GatewayError, UsageError } from '../../errors.js';
import type { GatewayFailure } from '../../client/response.js';
import { templateCommandsFilesText as t } from '../../i18n/en/template-commands-files.js';
import { local, type Text } from '../../i18n/text.js';
import { loadStyle } from '../../render/style.js';
import { keyValueTable } from '../../render/tables.js';
import { outputFormat, useColor, writeLine, type Context } from '../context.js';
import { MAX_BODY_BYTES } from '../../gateway/http-body.js';
import type { GatewayClient } from '../../client/client.js';
import { argumentText } from '../input.js';
import { awaitingAnswer, RequestLeftError } from '../interrupt.js';
import { shellQuote } from '../../config/shell-word.js';
import { loadProfile } from '../session.js';
import { printNode, refuseProblems, withGateway, type CallTarget } from './card-call.js';
import { uploadFileOf, whyImageUnreadable } from './image-upload.js';

export interface TemplateCreateOptions {
  requestId?: string;
  maxAttempts?: number;
}

/** An image the file names by its path: read, checked, and (later) uploaded once per content. */
export interface LocalImage extends ImageReference {
  absolute: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * `template create <file>`: the file is template.create's biz_content as JSON. Every field is
 * checked against the reference before anything is sent, all problems at once with their JSON
 * path. Where an image id is expected the file may name an image file instead (relative to the
 * file): each is checked (a logo's and a background's rules included), uploaded once per content
 * for this gateway and app, and replaced by its id. request_id comes from the file, --request-id,
 * or is generated; it is printed, so a retry with it creates one template.
 */
export async function runTemplateCreate(ctx: Context, file: string, opts: TemplateCreateOptions): Promise<void> {
  const path = resolve(ctx.cwd, file);
  // The profile first, for its charset: a GBK file is read as GBK for a gbk profile, as `sign --biz`.
  const config = await loadProfile(ctx);
  const biz = readTemplateFile(path, file, config.profile.charset);
  if (opts.requestId !== undefined) {
    if (typeof biz.request_id === 'string' && biz.request_id !== opts.requestId) {
      throw new UsageError(t.requestIdDiffers({ flag: opts.requestId, file: biz.request_id }), { hint: t.requestIdDiffersHint() });
    }
    biz.request_id = opts.requestId;
  }
  const generated = biz.request_id === undefined;
  if (generated) biz.request_id = generateOutSerialNo(ctx.now(), randomBytes(8));

  const images = readLocalImages(biz, dirname(path));
  const problems: FieldProblem[] = [...images.problems];
  // Checked as the request will be sent: each image path stands for the id its upload returns.
  const checked = structuredClone(biz);
  for (const image of images.found) replaceAt(checked, image.path, placeholderId(image.sha256));
  problems.push(...validateTemplateCreate(checked).filter((p) => !images.problems.some((q) => q.path === p.path)));
  refuseProblems(problems, () => undefined);

  const requestId = String(biz.request_id);
  const dryRunBiz = structuredClone(biz);
  for (const image of images.found) replaceAt(dryRunBiz, image.path, `<image_id of ${image.file}>`);
  await withGateway(ctx, { method: TEMPLATE_CREATE_METHOD, biz: dryRunBiz }, { ...opts, config }, async (client, shown, target) => {
    const { ids, uploaded } = await uploadImages(ctx, client, await knownImageIds(ctx, target), images.found, biz, t.noTemplateCreated());
    writeLine(ctx.stderr, generated ? local(t.requestIdRetry({ requestId })) : `request_id: ${requestId}`);
    // Ctrl-C waits for the answer, as card open's does; a second leaves it, told with the request_id that retries it.
    const response = await awaitingAnswer(ctx, client.call(TEMPLATE_CREATE_METHOD, { bizContent: JSON.stringify(biz), retrySafe: true }), TEMPLATE_CREATE_METHOD)
      .catch((err: unknown) => Promise.reject(err instanceof RequestLeftError ? err.withChange({ hint: t.interruptedCreate({ requestId, file: shellQuote(file) }) }) : err));
    if (outputFormat(ctx) !== 'table') return printNode(ctx, response);
    const rows: Array<[string, string]> = [['template_id', String(response.node.template_id ?? '')], ['request_id', requestId]];
    for (const image of images.found) {
      const row = { imageId: String(ids.get(image.sha256)), file: image.file };
      rows.push([image.path, local(uploaded.includes(image.file) ? t.imageUploaded(row) : t.imageOf(row))]);
    }
    const title = local(t.templateCreated({ where: shown.where ?? '' }));
    ctx.stdout.write(keyValueTable(title, rows, await loadStyle(useColor(ctx)), shown.width) + '\n');
  });
}

/**
 * The file as a JSON object, or exit 2 naming what is wrong with it. Read as `sign --biz` reads
 * its file: UTF-8 (a BOM allowed), else text in `charset` (a GBK file for a gbk profile), else
 * exit 2 naming the first byte that is neither — a lenient UTF-8 reading would send U+FFFD for
 * every Chinese character of a GBK file. A key given twice in one object is refused, as `sign --biz`
 * refuses it, naming its JSON path.
 */
export function readTemplateFile(path: string, shown: string, charset: Charset = 'utf-8'): Record<string, unknown> {
  let bytes: Buffer;
  try {
    bytes = readUpTo(path, MAX_BODY_BYTES + 1);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(t.cannotReadFile({ file: shown, reason: code === 'ENOENT' ? t.noSuchFile() : (err as Error).message }), { hint: t.cannotReadFileHint() });
  }
  if (bytes.length > MAX_BODY_BYTES) throw new UsageError(t.fileTooLarge({ file: shown }));
  const { text } = argumentText(bytes, { kind: 'file', label: shown }, charset);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(t.notJson({ file: shown, reason: (err as Error).message }));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(t.notObject({ file: shown }));
  // JSON.parse keeps the last of a key given twice without a word: which did the user mean?
  const twice = compactJson(text).duplicateKey;
  if (twice !== undefined) {
    const path = twice.path === '' ? twice.key : `${twice.path}.${twice.key}`;
    throw new UsageError(t.keyTwice({ file: shown, key: JSON.stringify(twice.key), path }), { hint: t.keyTwiceHint() });
  }
  // A number where the reference types a String is sent as its text, as `card open` sends one.
  textsFromNumbers(data as Record<string, unknown>);
  return data as Record<string, unknown>;
}

/**
 * Each distinct image uploaded once — or not at all when this gateway and app have its content
 * already (ImageIds) — and its id put where the file named it, in `biz`. An upload that fails is
 * told by its file and JSON path, with `untouched` (what the command did not do: no template was
 * created); `--json` prints the failure's node with the method, file and path in front of it.
 */
export async function uploadImages(ctx: Context, client: Pick<GatewayClient, 'call'>, known: KnownImageIds, found: readonly LocalImage[], biz: Record<string, unknown>, untouched: Text): Promise<{ ids: Map<string, string>; uploaded: string[] }> {
  const uploaded: string[] = [];
  const ids = new Map<string, string>();
  for (const image of found) {
    let id = ids.get(image.sha256) ?? (await known.check(image.sha256));
    if (id === undefined) {
      const format = sniffImage(image.bytes)!.format;
      const response = await client.call(IMAGE_UPLOAD_METHOD, {
        textParams: { image_type: format, image_name: image.file.replace(/^.*\//, '').replace(/\.[^.]*$/, '').slice(0, 128) || 'image' },
        file: uploadFileOf(image.absolute, image.bytes),
        retrySafe: true,
      }).catch((err: unknown) => Promise.reject(err instanceof CliError ? uploadFailed(err, image, untouched) : err));
      id = String(response.node.image_id);
      // A cache: one that cannot be written costs an upload next time, not this template.
      await known.set(image.sha256, id).catch((err: unknown) => {
        writeLine(ctx.stderr, local(t.imageIdNotKept({ path: known.path, reason: osReasonText(err) })));
      });
      uploaded.push(image.file);
      writeLine(ctx.stderr, local(t.uploadedImage({ file: image.file, imageId: id })));
    }
    ids.set(image.sha256, id);
    replaceAt(biz, image.path, id);
  }
  return { ids, uploaded };
}

/**
 * The image ids this user's uploads got on this gateway and app (ImageIds), each `check`ed on a
 * local gateway: one whose state file was started again under the same name does not have them,
 * and refuses a template naming one (INVALID_PARAMETER); the image is uploaded again instead.
 */
export type KnownImageIds = Awaited<ReturnType<typeof knownImageIds>>;

export async function knownImageIds(ctx: Context, target: CallTarget) {
  const { ImageIds } = await import('../image-ids.js');
  const { fetchLocalImage, localBase } = await import('../local-images.js');
  const known = ImageIds.for(ctx, target.gateway, target.appId);
  const base = localBase(target.gatewayUrl);
  return {
    path: known.path,
    get: (sha256: string) => known.get(sha256),
    check: async (sha256: string) => {
      const id = known.get(sha256);
      return id === undefined || base === undefined || (await fetchLocalImage(base, id)) !== undefined ? id : undefined;
    },
    set: (sha256: string, id: string) => known.set(sha256, id),
  };
}

export function readLocalImages(biz: Record<string, unknown>, base: string): { found: LocalImage[]; problems: FieldProblem[] } {
  const found: LocalImage[] = [];
  const problems: FieldProblem[] = [];
  const absoluteOf = (file: string) => resolve(base, file.replace(/^~\//, `${process.env.HOME ?? ''}/`));
  for (const ref of localImageReferences(biz, (value) => statOf(absoluteOf(value))?.isFile() === true)) {
    const absolute = absoluteOf(ref.file);
    let bytes: Buffer;
    try {
      bytes = readUpTo(absolute, 5 * 1024 * 1024 + 1);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push(fieldProblem(ref.path, ref.file, code === 'ENOENT'
        ? t.noImageFile({ absolute: JSON.stringify(absolute), spaced: ref.file !== ref.file.trim() })
        : t.imageUnreadable({ reason: whyImageUnreadable(err) })));
      continue;
    }
    const wrong = imageProblems(bytes, ref.purpose);
    if (wrong.length > 0) {
      problems.push(...wrong.map((p) => fieldProblem(ref.path, ref.file, problemText(p))));
      continue;
    }
    found.push({ ...ref, absolute, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return { found, problems };
}

/** Stands for an image's id while the request is checked: an id is 32 characters. */
export function placeholderId(sha256: string): string {
  return sha256.slice(0, 32);
}

/** An image's upload failed: the error said with its file and JSON path and what was not done. */
function uploadFailed(err: CliError, image: ImageReference, untouched: Text): CliError {
  const message = t.imageUploadFailed({ file: image.file, path: image.path, message: err.text, untouched });
  if (!(err instanceof GatewayError) || err.failure === undefined) return err.withChange({ message });
  // The node as received, with which call failed in front of it: a script reads .sub_code as ever, and .method.
  const failure = err.failure as GatewayFailure;
  const said = JSON.stringify({ method: IMAGE_UPLOAD_METHOD, file: image.file, path: image.path });
  const body = failure.response.nodeText.trimStart().slice(1).trimStart();
  const nodeText = `${said.slice(0, -1)}${body.startsWith('}') ? '' : ','}${body}`;
  return new GatewayError(message, { hint: err.hintText, cause: err, failure: { ...failure, response: { ...failure.response, nodeText } } satisfies GatewayFailure });
}
