import { levelProblem, mdcodeProblem, validateCardUpdate } from '../../cards/card-update.js';
import { formatTimestamp } from '../../protocol/index.js';
import { businessError, success, type ResponseNode } from '../codes.js';
import type { CardChange } from '../store.js';
import type { MethodCall } from './call.js';
import { isNode, openState, refusal } from './card-state.js';
import { unknownImageMessage } from '../known-images.js';

/**
 * alipay.marketing.card.update. Absolute values ("set"), so the same update again changes nothing
 * more. open_date, valid_date and biz_card_no in card_info are ignored, as Alipay ignores them;
 * notify_messages too (not supported). A new template_id must be one of the app's templates; the
 * card's level must be one its (new) template defines; mdcode_info needs that template's
 * write_off_type to be mdbarcode or mdqrcode; a front_image_id must be an image the app uploaded.
 */
export function updateCard(call: MethodCall): ResponseNode {
  // The dates Alipay ignores are not refused here: they are dropped before the checks.
  const biz = withoutIgnored(call.biz);
  const problem = refusal(validateCardUpdate(biz));
  if (problem) return problem;
  const request = biz as { target_card_no: string; occur_time: string; card_info: Record<string, unknown>; paid_outer_card_info?: unknown };
  const state = openState(call, request.target_card_no);
  if (isNode(state)) return state;

  const moveTo = typeof request.card_info.template_id === 'string' ? request.card_info.template_id : undefined;
  const templateId = moveTo ?? state.template_id;
  const template = call.store.template(call.appId, templateId);
  if (template === undefined) return businessError('INVALID_PARAMETER', `参数有误: card_info.template_id: no template ${templateId} for app ${call.appId}`);
  if (request.paid_outer_card_info !== undefined && (template.template as Record<string, unknown>).paid_outer_card_conf === undefined) {
    return businessError('PAIDOUTERCARD_LACK_TEMPLATE_CONFIG', `模板缺少付费外部卡配置: template ${templateId} has no paid_outer_card_conf`);
  }
  const levels = (template.template.card_level_confs ?? []).map((c) => c.level);
  const ruleProblem = levelProblem(levels, request.card_info.level ?? state.fields.level, templateId)
    ?? mdcodeProblem(request.card_info, template.template.write_off_type, templateId);
  if (ruleProblem) return businessError('INVALID_PARAMETER', `参数有误: ${ruleProblem.path}: ${ruleProblem.message}`);
  const unknownImage = unknownImageMessage(call.store, call.appId, 'card_info.front_image_id', request.card_info.front_image_id);
  if (unknownImage !== undefined) return businessError('INVALID_PARAMETER', unknownImage);

  const { template_id: _moved, ...cardInfo } = request.card_info;
  const change: CardChange = {
    app_id: call.appId,
    biz_card_no: state.card.biz_card_no,
    seq: call.store.nextSeq(state.card.biz_card_no),
    action: 'update',
    at: formatTimestamp(call.now),
    occur_time: request.occur_time,
    card_info: cardInfo,
    ...(moveTo !== undefined && moveTo !== state.template_id ? { template_id: moveTo } : {}),
  };
  call.store.addCardChange(change);
  return success();
}

function withoutIgnored(biz: unknown): unknown {
  if (typeof biz !== 'object' || biz === null || Array.isArray(biz)) return biz;
  const { notify_messages: _n, ...rest } = biz as Record<string, unknown>;
  const card = rest.card_info;
  if (typeof card !== 'object' || card === null || Array.isArray(card)) return rest;
  const { open_date: _o, valid_date: _v, biz_card_no: _b, ...kept } = card as Record<string, unknown>;
  return { ...rest, card_info: kept };
}
