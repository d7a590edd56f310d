import {
  describeProblems,
  validateTemplateCreate,
  validateTemplateQuery,
  type FieldProblem,
  type TemplateCreateBiz,
  type TemplateDefinition,
} from '../../cards/index.js';
import { fieldProblem, isJsonObject } from '../../cards/fields.js';
import { imageIdValues, imageIds } from '../../cards/template-images.js';
import { cardsTemplatesText as t } from '../../i18n/en/cards-templates.js';
import { modifyTemplate } from '../../cards/template-modify.js';
import { splitCreateRequest } from '../../cards/template-request.js';
import { formatTimestamp } from '../../protocol/index.js';
import { businessError, success, type ResponseNode } from '../codes.js';
import { dayStamp, randomDigits, uniqueId, type MethodCall } from './call.js';
import { requestDigest } from './open-card.js';
import { isKnownImage } from '../known-images.js';

/**
 * alipay.marketing.card.template.create: validates the template like the gateway does and stores
 * it under a new template_id. The same request_id again returns the template it created; with a
 * different template it is refused, as a reused out_serial_no is.
 */
export function createTemplate(call: MethodCall): ResponseNode {
  const problems = validateTemplateCreate(call.biz);
  if (problems.length === 0) problems.push(...imagesNotUploaded(call, call.biz as Record<string, unknown>));
  if (problems.length > 0) return invalid(problems);
  const { requestId, definition } = splitCreateRequest(call.biz as TemplateCreateBiz);
  const template = templateDefinition(definition);
  const existing = call.store.templateForRequest(call.appId, requestId);
  if (existing) {
    if (requestDigest(existing.template) === requestDigest(template)) return success({ template_id: existing.template_id });
    return businessError(
      'REQUEST_ID_CONFLICT',
      `请求号已用于另一个请求: request_id ${requestId} already created template ${existing.template_id} from a different template; reuse a request_id only to retry the same create`,
    );
  }
  // Alipay's template ids: the day, then digits (e.g. 20170308000000000058101000300045).
  const templateId = uniqueId(() => dayStamp(call.now) + randomDigits(call.random, 24), (id) => call.store.hasTemplateId(id));
  if (templateId === undefined) return businessError('SYSTEM_ERROR', '系统异常: could not allocate a template_id');
  call.store.addTemplate({ app_id: call.appId, template_id: templateId, request_id: requestId, created_at: formatTimestamp(call.now), template });
  return success({ template_id: templateId });
}

/** The template as stored and queried: biz_no_suffix_len always the String(2) the reference types it as. */
export function templateDefinition(definition: Omit<TemplateCreateBiz, 'request_id'>): TemplateDefinition {
  return { ...definition, biz_no_suffix_len: String(definition.biz_no_suffix_len) };
}

/** alipay.marketing.card.template.query: the template as created, every section. */
export function queryTemplate(call: MethodCall): ResponseNode {
  const problems = validateTemplateQuery(call.biz);
  if (problems.length > 0) return invalid(problems);
  const templateId = String((call.biz as { template_id: unknown }).template_id);
  const stored = call.store.template(call.appId, templateId);
  if (stored === undefined) return businessError('TEMPLATE_NOT_EXIT', `模板不存在: no template ${templateId} for app ${call.appId}`);
  return success({ ...stored.template });
}

/**
 * An image id this app never got from image upload (the create reference: INVALID_PARAMETER for
 * wrong image ids), unless `kept` (the template holds it already) or a sample id.
 */
function imagesNotUploaded(call: MethodCall, request: Record<string, unknown>, kept: ReadonlySet<string> = new Set()): FieldProblem[] {
  return imageIdValues(request)
    .filter(({ value }) => !kept.has(value) && !isKnownImage(call.store, call.appId, value))
    .map(({ path, value }) => fieldProblem(path, value, t.imageNotUploaded()));
}

/** A card_type other than OUT_MEMBER_CARD is NO_CARD_TYPE; every other problem INVALID_PARAMETER. */
function invalid(problems: FieldProblem[]): ResponseNode {
  const cardType = problems.find((p) => p.path === 'card_type' && p.value !== undefined && p.value !== null && p.value !== '');
  if (cardType) return businessError('NO_CARD_TYPE', `卡类型未定义: card_type ${JSON.stringify(cardType.value)} ${cardType.message}`);
  return businessError('INVALID_PARAMETER', `参数有误: ${describeProblems(problems)}`);
}

/**
 * alipay.marketing.card.template.modify: the app's template, its members replaced by those the
 * request gives (left out: kept), held to the same checks as a create. As Alipay does, field rules
 * and the card number length are left as they were (a request changing them is not refused: they
 * are ignored), and shops can only be added. Every card of the template shows the new style.
 * The same request_id again is answered as before and changes nothing; with another request it is
 * refused (REQUEST_ID_CONFLICT), as template.create's request_id is.
 */
export function modifyTemplateMethod(call: MethodCall): ResponseNode {
  const templateId = isJsonObject(call.biz) && typeof call.biz.template_id === 'string' ? call.biz.template_id : undefined;
  const stored = templateId === undefined ? undefined : call.store.template(call.appId, templateId);
  if (templateId !== undefined && stored === undefined) return businessError('TEMPLATE_NOT_EXIT', `模板不存在: no template ${templateId} for app ${call.appId}`);
  const requestId = isJsonObject(call.biz) && typeof call.biz.request_id === 'string' ? call.biz.request_id : undefined;
  const digest = requestDigest(call.biz);
  const earlier = requestId === undefined ? undefined : call.store.modifyForRequest(call.appId, requestId);
  if (earlier !== undefined && requestId !== undefined) {
    // request_id is "unique per call" (the modify sheet): the same request again changes nothing twice.
    if (earlier.digest === digest) return success({ template_id: earlier.template.template_id });
    return businessError(
      'REQUEST_ID_CONFLICT',
      `请求号已用于另一个请求: request_id ${requestId} already modified template ${earlier.template.template_id} with a different request; reuse a request_id only to retry the same modify`,
    );
  }
  const modification = modifyTemplate(stored?.template ?? ({} as TemplateDefinition), call.biz);
  if (modification.problems.length === 0 && stored !== undefined) {
    // Ids the template holds already stay good: a template stored before this check keeps working.
    modification.problems.push(...imagesNotUploaded(call, call.biz as Record<string, unknown>, new Set(imageIds(stored.template as unknown as Record<string, unknown>))));
  }
  if (modification.problems.length > 0 || stored === undefined) return invalid(modification.problems);
  const template = templateDefinition(modification.template);
  // Logged even when nothing changed: the request_id is spent.
  call.store.modifyTemplate({
    app_id: call.appId, template_id: stored.template_id, at: formatTimestamp(call.now), template, ...(requestId === undefined ? {} : { request_id: requestId, request_digest: digest }),
  });
  return success({ template_id: stored.template_id });
}
