import { validateCardQuery } from '../../cards/card-query.js';
import { success, type ResponseNode } from '../codes.js';
import type { CardState } from '../store.js';
import type { MethodCall } from './call.js';
import { cardAnswer, cardNotFound, refusal } from './card-state.js';

/**
 * alipay.marketing.card.query. A deleted card is not answered (CARD_NOT_EXIT), nor one that does
 * not match card_user_info or template_id when they are given. A dynamic code (D_QR_CODE,
 * D_BAR_CODE) finds the card whose last code push succeeded with that value; EXTERNAL_CARD the
 * card with that external_card_no (the newest, if several have it).
 */
export function queryCard(call: MethodCall): ResponseNode {
  const problem = refusal(validateCardQuery(call.biz));
  if (problem) return problem;
  const biz = call.biz as { target_card_no: string; target_card_no_type: string; card_user_info?: { user_uni_id: string }; template_id?: string };
  const state = findCard(call, biz.target_card_no, biz.target_card_no_type);
  const matches = state !== undefined
    && state.deleted === undefined
    && (biz.card_user_info === undefined || biz.card_user_info.user_uni_id === state.card.user_uni_id)
    && (biz.template_id === undefined || biz.template_id === state.template_id);
  return matches ? success(cardAnswer(state)) : cardNotFound(biz.target_card_no, call.appId);
}

function findCard(call: MethodCall, cardNo: string, type: string): CardState | undefined {
  if (type === 'BIZ_CARD') return call.store.cardState(call.appId, cardNo);
  let found: CardState | undefined;
  for (const state of call.store.cardStates()) {
    if (state.card.app_id !== call.appId || state.deleted !== undefined) continue;
    const code = state.fields.mdcode_info;
    const hit = type === 'EXTERNAL_CARD' ? state.fields.external_card_no === cardNo : code?.code_status === 'SUCCESS' && code.code_value === cardNo;
    if (hit) found = state;
  }
  return found;
}
