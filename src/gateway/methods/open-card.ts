import { createHash } from 'node:crypto';
import { deriveCardInfo, describeProblems, validateCardOpen, type CardOpenBiz } from '../../cards/index.js';
import { formatTimestamp } from '../../protocol/index.js';
import { businessError, success, type ResponseNode } from '../codes.js';
import type { StoredCard } from '../store.js';
import { randomDigits, uniqueId, type MethodCall } from './call.js';
import { tokenUser } from './member-signup.js';
import { unknownImageMessage } from '../known-images.js';

// Members of a card open request that are not card data; any other top-level member is echoed
// in the answer, as the reference's sample echoes open_card_channel and open_card_channel_id.
const REQUEST_MEMBERS = new Set(['out_serial_no', 'card_template_id', 'card_user_info', 'card_ext_info', 'member_ext_info']);

/**
 * alipay.marketing.card.open. out_serial_no makes it idempotent: the same request again answers
 * the card it issued; a different request under that serial is refused. Everything from the
 * serial lookup to the insert is synchronous, so concurrent requests cannot issue twice.
 */
export function openCard(call: MethodCall): ResponseNode {
  const problems = validateCardOpen(call.biz);
  if (problems.length > 0) return businessError('INVALID_PARAMETER', `参数有误: ${describeProblems(problems)}`);
  const biz = call.biz as CardOpenBiz;
  // A request carrying the member's auth_token opens the card of that member only.
  if (call.params.auth_token !== undefined && call.params.auth_token !== '') {
    const member = tokenUser(call);
    if ('code' in member) return member;
    if (biz.card_user_info.user_uni_id !== member.user_id) {
      return businessError('INVALID_PARAMETER', `参数有误: card_user_info.user_uni_id ${biz.card_user_info.user_uni_id} is not the member the auth_token stands for`);
    }
  }
  const digest = requestDigest(biz);

  const issued = call.store.card(call.appId, biz.out_serial_no);
  if (issued) {
    if (issued.request_digest === digest) return success(cardAnswer(issued));
    return businessError(
      'OUT_SERIAL_NO_CONFLICT',
      `外部流水号已用于另一个请求: out_serial_no ${biz.out_serial_no} already issued card ${issued.biz_card_no} for a different request; reuse a serial only to retry the same request`,
    );
  }

  const stored = call.store.template(call.appId, biz.card_template_id);
  if (stored === undefined) return businessError('TEMPLATE_NOT_EXIT', `模板不存在: no template ${biz.card_template_id} for app ${call.appId}`);
  // As card update's: an image the app uploaded (or a reference's sample).
  const unknownImage = unknownImageMessage(call.store, call.appId, 'card_ext_info.front_image_id', biz.card_ext_info?.front_image_id);
  if (unknownImage !== undefined) return businessError('INVALID_PARAMETER', unknownImage);
  const derived = deriveCardInfo(stored.template, biz.card_ext_info, call.now);
  if ('problems' in derived) return businessError('INVALID_PARAMETER', `参数有误: ${describeProblems(derived.problems)}`);

  const prefix = stored.template.biz_no_prefix ?? '';
  const suffixLength = Number(stored.template.biz_no_suffix_len);
  const bizCardNo = uniqueId(() => prefix + randomDigits(call.random, suffixLength), (no) => call.store.hasCardNumber(no));
  if (bizCardNo === undefined) return businessError('SYSTEM_ERROR', '系统异常: could not allocate a unique biz_card_no');

  const echoed = Object.fromEntries(Object.entries(biz).filter(([key]) => !REQUEST_MEMBERS.has(key)));
  const card: StoredCard = {
    app_id: call.appId,
    out_serial_no: biz.out_serial_no,
    biz_card_no: bizCardNo,
    card_template_id: biz.card_template_id,
    user_uni_id: biz.card_user_info.user_uni_id,
    user_uni_id_type: biz.card_user_info.user_uni_id_type,
    fields: { biz_card_no: bizCardNo, ...derived.cardInfo },
    ...(biz.member_ext_info ? { member_ext_info: biz.member_ext_info } : {}),
    ...(Object.keys(echoed).length > 0 ? { echoed } : {}),
    created_at: formatTimestamp(call.now),
    request_digest: digest,
  };
  call.store.addCard(card);
  return success(cardAnswer(card));
}

function cardAnswer(card: StoredCard): Record<string, unknown> {
  return { card_info: card.fields, ...card.echoed };
}

/** SHA-256 of biz_content with keys sorted: a retry that serialises members in another order is the same request. */
export function requestDigest(biz: unknown): string {
  return createHash('sha256').update(canonicalJson(biz)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
