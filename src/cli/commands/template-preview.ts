import { existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { sniffImage, mimeOf } from '../../cards/image.js';
import { TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import { imageIds } from '../../cards/template-images.js';
import { UsageError } from '../../errors.js';
import { templateCommandsFilesText as t } from '../../i18n/en/template-commands-files.js';
import { local } from '../../i18n/text.js';
import type { PreviewImage } from '../../render/card-preview.js';
import { outputFormat, writeLine, type Context } from '../context.js';
import { checkOutputFile, writeOutputFile } from '../output-file.js';
import { loadSession } from '../session.js';
import { fetchLocalImage, localBase } from '../local-images.js';
import { readLocalImages, readTemplateFile } from './template-create.js';

export interface TemplatePreviewOptions {
  out?: string;
  force?: boolean;
  maxAttempts?: number;
}

/**
 * `template preview <template-id|file> --out card.html`: the card as the member sees it, drawn
 * from a template on the gateway or from a template file. Pictures: a file's image paths are read;
 * image ids are fetched from a local gateway (in-process or `gateway serve` on loopback:
 * GET /_local/images/<id>); any other id — Alipay's, whose image_url cannot be embedded — is a
 * labelled placeholder.
 */
export async function runTemplatePreview(ctx: Context, source: string, opts: TemplatePreviewOptions): Promise<void> {
  const isFile = existsSync(resolve(ctx.cwd, source)) || /\.json$/i.test(source);
  // A template id past the references' length is refused before anything is sent, as template query and modify refuse it.
  if (!isFile) (await import('./card-call.js')).refuseBadTemplateId(source);
  const out = resolve(ctx.cwd, opts.out ?? `${isFile ? source.replace(/\.json$/i, '') : source}.html`);
  const ext = extname(out).toLowerCase();
  if (ext === '.png') throw new UsageError(t.noPng(), { hint: t.noPngHint() });
  if (ext !== '.html' && ext !== '.htm') throw new UsageError(t.notHtml({ out: String(opts.out) }));
  const file = { path: out, what: opts.out === undefined ? out : `--out ${opts.out}` };
  checkOutputFile(file, opts.force);

  const images = new Map<string, PreviewImage>();
  let template: Record<string, unknown>;
  let title: string;
  const session = await loadSession(ctx);
  const { connectGateway } = await import('../gateway-client.js');
  const gateway = await connectGateway(ctx, session, { maxAttempts: opts.maxAttempts });
  try {
    if (isFile) {
      // In the profile's charset, as template create reads it: the hint for a GBK file says so.
      template = readTemplateFile(resolve(ctx.cwd, source), source, session.config.profile.charset);
      const pictures = readLocalImages(template, dirname(resolve(ctx.cwd, source)));
      for (const image of pictures.found) images.set(image.file, { id: image.file, dataUri: dataUri(image.bytes) });
      title = local(t.previewTitleFile({ file: source }));
    } else {
      const { node } = await gateway.client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: source }), retrySafe: true });
      template = node;
      title = local(t.previewTitleTemplate({ templateId: source }));
    }
    const base = localBase(gateway.gatewayUrl);
    if (base !== undefined) {
      for (const id of imageIds(template)) {
        if (images.has(id)) continue;
        const bytes = await fetchLocalImage(base, id);
        images.set(id, { id, dataUri: bytes ? dataUri(bytes) : undefined });
      }
    }
  } finally {
    await gateway.close();
  }
  const { renderCardPreview } = await import('../../render/card-preview.js');
  await writeOutputFile(file, renderCardPreview(template, (id) => images.get(id) ?? { id }, title, local(t.previewFooter({ title }))));
  const drawn = [...images.values()].filter((i) => i.dataUri).length;
  writeLine(ctx.stderr, local(t.previewWritten({ out: opts.out ?? out, drawn })));
  // JSON as every command's: what the line on stderr says, for a script (the page's path alone is not JSON).
  if (outputFormat(ctx) !== 'table') {
    const placeholders = imageIds(template).filter((id) => !images.get(id)?.dataUri).length;
    ctx.stdout.write(JSON.stringify({ out, source, pictures_drawn: drawn, placeholders }) + '\n');
  } else writeLine(ctx.stdout, out);
}

function dataUri(bytes: Buffer): string | undefined {
  const image = sniffImage(bytes);
  return image ? `data:${mimeOf(image.format)};base64,${bytes.toString('base64')}` : undefined;
}

