import { validateCardDelete } from '../../cards/card-delete.js';
import { formatTimestamp } from '../../protocol/index.js';
import { businessError, success, type ResponseNode } from '../codes.js';
import type { CardChange } from '../store.js';
import { dayStamp, randomDigits, type MethodCall } from './call.js';
import { cardNotFound, refusal } from './card-state.js';

/**
 * alipay.marketing.card.delete. out_serial_no makes it idempotent: the same serial for the same
 * card answers the delete already done (same biz_serial_no); for another card it is refused
 * (OUT_SERIAL_NO_CONFLICT, as card open). A card deleted before under another serial is
 * CARD_IS_DELETED_ALREADY. The reason is kept in the card's history.
 */
export function deleteCard(call: MethodCall): ResponseNode {
  const problem = refusal(validateCardDelete(call.biz));
  if (problem) return problem;
  const biz = call.biz as { out_serial_no: string; target_card_no: string; reason_code: string };

  const done = call.store.deleteBySerial(call.appId, biz.out_serial_no);
  if (done !== undefined) {
    if (done.biz_card_no === biz.target_card_no) return success({ biz_serial_no: done.biz_serial_no });
    return businessError('OUT_SERIAL_NO_CONFLICT', `外部流水号已用于另一个请求: out_serial_no ${biz.out_serial_no} already deleted card ${done.biz_card_no}; reuse a serial only to retry the same delete`);
  }
  const state = call.store.cardState(call.appId, biz.target_card_no);
  if (state === undefined) return cardNotFound(biz.target_card_no, call.appId);
  if (state.deleted !== undefined) {
    return businessError('CARD_IS_DELETED_ALREADY', `会员卡已删除: card ${biz.target_card_no} was deleted at ${state.deleted.at} (${state.deleted.reason_code}, out_serial_no ${state.deleted.out_serial_no})`);
  }
  const change: CardChange = {
    app_id: call.appId,
    biz_card_no: biz.target_card_no,
    seq: call.store.nextSeq(biz.target_card_no),
    action: 'delete',
    at: formatTimestamp(call.now),
    out_serial_no: biz.out_serial_no,
    reason_code: biz.reason_code,
    biz_serial_no: `${dayStamp(call.now)}${randomDigits(call.random, 16)}`,
  };
  call.store.addCardChange(change);
  return success({ biz_serial_no: change.biz_serial_no });
}
