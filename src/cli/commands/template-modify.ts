import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { generateOutSerialNo } from '../../cards/card-open-fields.js';
import type { FieldProblem } from '../../cards/fields.js';
import { fieldProblem } from '../../cards/problems.js';
import { TEMPLATE_MODIFY_METHOD, TEMPLATE_QUERY_METHOD } from '../../cards/methods.js';
import type { TemplateDefinition } from '../../cards/template.js';
import { modifyRequestOf, modifyTemplate, templateChanges, type TemplateChange } from '../../cards/template-modify.js';
import { replaceAt } from '../../cards/template-images.js';
import { UsageError } from '../../errors.js';
import { cardCommandsCommonText } from '../../i18n/en/card-commands-common.js';
import { templateCommandsFilesText as t } from '../../i18n/en/template-commands-files.js';
import { local, type Text } from '../../i18n/text.js';
import { loadStyle, type Style } from '../../render/style.js';
import { canPrompt, outputFormat, useColor, writeLine, type Context } from '../context.js';
import { localWhere } from '../gateway-output.js';
import { awaitingAnswer, closingAfter, RequestLeftError } from '../interrupt.js';
import { shellQuote } from '../../config/shell-word.js';
import { loadProfile, loadSession } from '../session.js';
import { refuseProblems } from './card-call.js';
import { knownImageIds, placeholderId, readLocalImages, readTemplateFile, uploadImages } from './template-create.js';

export interface TemplateModifyOptions {
  requestId?: string;
  maxAttempts?: number;
}

/**
 * `template modify <template-id> <file>`: the template is looked up, the file (a template as
 * `template query --out` writes it, or only the members to change) compared with it field by
 * field, what Alipay does not allow refused (field rules, the card number length, removing shops),
 * the changes shown — a list under --json — and confirmed on a terminal (--yes otherwise); then
 * the file's image paths are uploaded and the modify is sent. No change: says so, sends nothing.
 * --dry-run stops after the changes.
 */
export async function runTemplateModify(ctx: Context, templateId: string, file: string, opts: TemplateModifyOptions): Promise<void> {
  const path = resolve(ctx.cwd, file);
  // The profile first, for its charset: a GBK file is read as GBK for a gbk profile, as `template create` reads one.
  const config = await loadProfile(ctx);
  const biz = readTemplateFile(path, file, config.profile.charset);
  if (biz.template_id !== undefined && biz.template_id !== templateId) {
    throw new UsageError(t.otherTemplate({ file, other: String(biz.template_id), templateId }), { hint: t.otherTemplateHint() });
  }
  // The file's request_id is its create's (a file made for template create): each modify is a call
  // of its own, and Alipay takes a request_id again as a retry of the request it first came with.
  const { request_id: _createRequestId, ...members } = biz;
  const requestId = opts.requestId ?? generateOutSerialNo(ctx.now(), randomBytes(8));
  const images = readLocalImages(members, dirname(path));
  refuseProblems(images.problems, () => undefined);

  const session = await loadSession(ctx, { config });
  const { connectGateway } = await import('../gateway-client.js');
  const gateway = await connectGateway(ctx, session, { maxAttempts: opts.maxAttempts });
  await closingAfter(async () => {
    const { node } = await gateway.client.call(TEMPLATE_QUERY_METHOD, { bizContent: JSON.stringify({ template_id: templateId }), retrySafe: true });
    const { code: _c, msg: _m, ...current } = node;
    dropUnchangedCreateOnly(members, current);
    const target = { gateway: gateway.local ? `local ${gateway.local.statePath}` : gateway.gatewayUrl, appId: gateway.identity.appId, gatewayUrl: gateway.gatewayUrl };
    const known = await knownImageIds(ctx, target);

    // Checked and compared as it will be sent: an image already uploaded here by its id, one still to upload by a stand-in.
    const checked = structuredClone(members);
    const shown = structuredClone(members);
    for (const image of images.found) {
      const id = known.get(image.sha256);
      replaceAt(checked, image.path, id ?? placeholderId(image.sha256));
      replaceAt(shown, image.path, id ?? `<upload ${image.file}>`);
    }
    const was = current as unknown as TemplateDefinition;
    // The file laid over the template: what is sent, checked and compared is the whole of each member it names.
    const merged = modifyRequestOf(was, checked);
    const modification = modifyTemplate(was, { ...merged.request, request_id: requestId, template_id: templateId });
    const problems: FieldProblem[] = [...merged.problems, ...modification.problems, ...modification.unchangeable.map((u) => fieldProblem(u.path, undefined, (u as { text?: Text }).text ?? u.message))];
    refuseProblems(problems, () => undefined);
    const changes = templateChanges(was, modifyTemplate(was, { ...modifyRequestOf(was, shown).request, request_id: requestId, template_id: templateId }).template);

    const json = outputFormat(ctx) !== 'table';
    const style = await loadStyle(useColor(ctx));
    if (changes.length === 0) {
      if (json) ctx.stdout.write(JSON.stringify({ template_id: templateId, changes: [], modified: false }) + '\n');
      writeLine(ctx.stderr, local(t.noChange({ templateId, file })));
      return;
    }
    if (!json) ctx.stdout.write(renderChanges(templateId, changes, style, gateway.local ? localWhere() : undefined));
    if (ctx.globals.dryRun) {
      if (json) ctx.stdout.write(JSON.stringify({ template_id: templateId, changes: changes.map(changeJson), modified: false }) + '\n');
      writeLine(ctx.stderr, local(t.dryRunNothingSent()));
      return;
    }
    await confirmModify(ctx, templateId, changes.length, json);

    const uploaded = structuredClone(members);
    await uploadImages(ctx, gateway.client, known, images.found.map((image) => ({ ...image })), uploaded, t.templateNotModified({ templateId }));
    const request: Record<string, unknown> = { request_id: requestId, template_id: templateId, ...modifyRequestOf(was, uploaded).request };
    writeLine(ctx.stderr, opts.requestId === undefined ? local(t.requestIdRetry({ requestId })) : `request_id: ${requestId}`);
    // Ctrl-C waits for the answer, as card update's does; a second leaves it, told with the request_id that retries it.
    await awaitingAnswer(ctx, gateway.client.call(TEMPLATE_MODIFY_METHOD, { bizContent: JSON.stringify(request), retrySafe: true }), TEMPLATE_MODIFY_METHOD)
      .catch((err: unknown) => Promise.reject(err instanceof RequestLeftError ? err.withChange({ hint: t.interruptedModify({ requestId, templateId, file: shellQuote(file) }) }) : err));
    // The changes as made: an uploaded image by the id it got, not `<upload ./logo.png>`.
    const made = templateChanges(was, modifyTemplate(was, request).template);
    if (json) ctx.stdout.write(JSON.stringify({ template_id: templateId, request_id: requestId, changes: made.map(changeJson), modified: true }) + '\n');
    else writeLine(ctx.stdout, style.green(local(t.modified({ templateId, count: changes.length }))));
  }, () => gateway.close());
}

function changeJson(change: TemplateChange): Record<string, unknown> {
  return { path: change.path, from: change.from ?? null, to: change.to ?? null };
}

function shownValue(value: unknown): string {
  if (value === undefined) return local(t.none());
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `path: was → becomes`, one a line, the old value red and the new green, as a diff reads. */
export function renderChanges(templateId: string, changes: readonly TemplateChange[], style: Style, where?: string): string {
  const width = Math.min(48, Math.max(...changes.map((c) => c.path.length)));
  const lines = [style.bold(local(t.changesTitle({ templateId, where: where ?? '', count: changes.length })))];
  for (const c of changes) lines.push(`  ${c.path.padEnd(width)}  ${style.red(shownValue(c.from))} → ${style.green(shownValue(c.to))}`);
  return lines.join('\n') + '\n';
}

/** `json`: the changes were not printed (JSON prints them with --dry-run, or once made). */
async function confirmModify(ctx: Context, templateId: string, count: number, json: boolean): Promise<void> {
  if (ctx.globals.yes) return;
  if (!canPrompt(ctx)) {
    throw new UsageError(t.modifyNeedsYes({ templateId }), { hint: json ? t.modifyNeedsYesHintUnseen() : t.modifyNeedsYesHint() });
  }
  const { getPrompter } = await import('../prompts.js');
  const ok = await (await getPrompter(ctx)).confirm({ message: local(t.modifyIt({ templateId, count })), default: false });
  if (!ok) throw new UsageError(cardCommandsCommonText.notConfirmed(), { hint: cardCommandsCommonText.yesSkips() });
}

/**
 * A file written by `template query --out` has what only a create takes (card_type,
 * service_label_list) and what a modify cannot change (field rules, the number length): the same
 * as the template's, they are left out of the request; different, they stay, and are refused.
 */
function dropUnchangedCreateOnly(members: Record<string, unknown>, current: Record<string, unknown>): void {
  for (const key of ['card_type', 'service_label_list', 'field_rule_list', 'biz_no_suffix_len']) {
    if (members[key] === undefined) continue;
    const same = key === 'biz_no_suffix_len' ? String(members[key]) === String(current[key]) : JSON.stringify(members[key]) === JSON.stringify(current[key]);
    if (same) delete members[key];
  }
}
