import { createHash } from 'node:crypto';
import type { FieldProblem } from '../../cards/fields.js';
import { describeProblems } from '../../cards/problems.js';
import { businessError, type ResponseNode } from '../codes.js';
import type { CardState } from '../store.js';
import type { MethodCall } from './call.js';

/**
 * What card query, update and delete share: the biz_content checked, the card looked up. A bad
 * target_card_no_type is NO_CARD_TYPE (the sheets list it for each); any other problem is
 * INVALID_PARAMETER; a card no app of the caller's holds is CARD_NOT_EXIT.
 */
export function refusal(problems: readonly FieldProblem[]): ResponseNode | undefined {
  if (problems.length === 0) return undefined;
  if (problems.some((p) => p.path === 'target_card_no_type' && p.value !== undefined)) {
    const type = problems.find((p) => p.path === 'target_card_no_type')!;
    return businessError('NO_CARD_TYPE', `卡类型未定义: target_card_no_type ${JSON.stringify(type.value)}: ${type.message}`);
  }
  return businessError('INVALID_PARAMETER', `参数有误: ${describeProblems(problems)}`);
}

export function cardNotFound(cardNo: string, appId: string): ResponseNode {
  return businessError('CARD_NOT_EXIT', `会员卡不存在: no card ${cardNo} for app ${appId}`);
}

/** The card as query answers it: its data now, its template, and where it is in the member's wallet. */
export function cardAnswer(state: CardState): Record<string, unknown> {
  const passId = passIdOf(state.card.biz_card_no);
  return {
    card_info: { ...state.fields, template_id: state.template_id },
    // Every card the local gateway holds was opened for a user with card.open, so it is in their wallet.
    schema_url: `alipays://platformapi/startapp?appId=20000021&b=m&p=${passId}`,
    pass_id: passId,
  };
}

/** A stable pass_id for a card (the `p` of its schema_url): digits, as Alipay's are. */
function passIdOf(bizCardNo: string): string {
  return String(parseInt(createHash('sha256').update(bizCardNo).digest('hex').slice(0, 12), 16)).slice(0, 10);
}

export function openState(call: MethodCall, cardNo: string): CardState | ResponseNode {
  const state = call.store.cardState(call.appId, cardNo);
  if (state === undefined || state.deleted !== undefined) return cardNotFound(cardNo, call.appId);
  return state;
}

export function isNode(value: CardState | ResponseNode): value is ResponseNode {
  return 'code' in value;
}
