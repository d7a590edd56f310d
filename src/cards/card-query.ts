import { cardsCardLifeText as t } from '../i18n/en/cards-card-life.js';
import { cardsCardOpenText } from '../i18n/en/cards-card-open.js';
import { bizCardOnly, extInfo, targetCardNo } from './card-number.js';
import { CARD_QUERY_METHOD } from './methods.js';
import { checkMethodFields, methodModel, type MethodModel } from './method-fields.js';
import type { FieldProblem } from './problems.js';

/** What target_card_no is: Alipay's card number, a dynamic QR or bar code value, or the merchant's card number. */
export const CARD_NO_TYPES = ['BIZ_CARD', 'D_QR_CODE', 'D_BAR_CODE', 'EXTERNAL_CARD'] as const;

/** alipay.marketing.card.query's biz_content (../shared/api/alipay.marketing.card.query.md). */
export const CARD_QUERY: MethodModel = methodModel(CARD_QUERY_METHOD, () => [
  targetCardNo(),
  { ...bizCardOnly(), flag: 'type', max: 64, values: CARD_NO_TYPES, description: t.cardNoType({ types: CARD_NO_TYPES.join(', ') }) },
  { path: 'card_user_info', kind: 'object', description: t.queryUserInfo() },
  { path: 'card_user_info.user_uni_id', flag: 'user-id', description: t.queryUserId(), example: '2088302463082075', max: 32, required: true, pattern: /^2088\d{12}$/, expected: cardsCardOpenText.userIdExpected() },
  { path: 'card_user_info.user_uni_id_type', description: t.queryUserIdType(), max: 32, required: true, values: ['UID'] },
  // Length not stated anywhere: 64, as Alipay's open_id is 56 characters (inferred).
  { path: 'card_user_info.open_id', description: t.queryOpenId(), max: 64 },
  extInfo(),
  // Length not stated: 32, as every template_id (inferred).
  { path: 'template_id', flag: 'template-id', description: t.queryTemplateId(), example: '20170308000000000058101000300045', max: 32 },
]);

export function validateCardQuery(biz: unknown): FieldProblem[] {
  return checkMethodFields(CARD_QUERY, biz);
}
