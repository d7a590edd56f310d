import { validateCardDelete } from '../../cards/card-delete.js';
import { alreadyDeletedDetail } from '../../cards/deleted-already.js';
import { formatTimestamp } from '../../protocol/index.js';
import { businessError, success, type ResponseNode } from '../codes.js';
import type { CardChange } from '../store.js';
import { dayStamp, randomDigits, type MethodCall } from './call.js';
import { cardNotFound, refusal } from './card-state.js';

/**
 * alipay.marketing.card.delete. out_serial_no makes it idempotent: the same request under the same
 * serial answers the delete already done (same biz_serial_no); another request under it — another
 * card, reason_code or ext_info — is refused (OUT_SERIAL_NO_CONFLICT, as card open), so a delete
 * never answers success for a reason it did not apply. A card deleted before under another serial
 * is CARD_IS_DELETED_ALREADY, its sub_msg naming the reason the card holds. The reason is kept in
 * the card's history.
 */
export function deleteCard(call: MethodCall): ResponseNode {
  const problem = refusal(validateCardDelete(call.biz));
  if (problem) return problem;
  const biz = call.biz as { out_serial_no: string; target_card_no: string; reason_code: string; ext_info?: string };

  const done = call.store.deleteBySerial(call.appId, biz.out_serial_no);
  if (done !== undefined) {
    const differs = requestDifference(done, biz);
    if (differs === undefined) return success({ biz_serial_no: done.biz_serial_no });
    return businessError('OUT_SERIAL_NO_CONFLICT', `外部流水号已用于另一个请求: out_serial_no ${biz.out_serial_no} already deleted card ${done.biz_card_no} with ${differs}; reuse a serial only to retry the same delete`);
  }
  const state = call.store.cardState(call.appId, biz.target_card_no);
  if (state === undefined) return cardNotFound(biz.target_card_no, call.appId);
  if (state.deleted !== undefined) {
    return businessError('CARD_IS_DELETED_ALREADY', `会员卡已删除: ${alreadyDeletedDetail(biz.target_card_no, state.deleted)}`);
  }
  const change: CardChange = {
    app_id: call.appId,
    biz_card_no: biz.target_card_no,
    seq: call.store.nextSeq(biz.target_card_no),
    action: 'delete',
    at: formatTimestamp(call.now),
    out_serial_no: biz.out_serial_no,
    reason_code: biz.reason_code,
    ...(biz.ext_info !== undefined ? { ext_info: biz.ext_info } : {}),
    biz_serial_no: `${dayStamp(call.now)}${randomDigits(call.random, 16)}`,
  };
  call.store.addCardChange(change);
  return success({ biz_serial_no: change.biz_serial_no });
}

/** How a request differs from the delete done under its serial (the first member that does), or undefined: the same request. */
function requestDifference(done: CardChange, biz: { target_card_no: string; reason_code: string; ext_info?: string }): string | undefined {
  if (done.biz_card_no !== biz.target_card_no) return `target_card_no ${done.biz_card_no}, not ${biz.target_card_no}`;
  if (done.reason_code !== biz.reason_code) return `reason_code ${done.reason_code}, not ${biz.reason_code}`;
  if (done.ext_info !== biz.ext_info) return `ext_info ${JSON.stringify(done.ext_info ?? null)}, not ${JSON.stringify(biz.ext_info ?? null)}`;
  return undefined;
}
