import { BIZ_CARD_ONLY, EXT_INFO, TARGET_CARD_NO } from './card-number.js';
import { CARD_QUERY_METHOD } from './methods.js';
import { checkMethodFields, type MethodModel } from './method-fields.js';
import type { FieldProblem } from './problems.js';

/** What target_card_no is: Alipay's card number, a dynamic QR or bar code value, or the merchant's card number. */
export const CARD_NO_TYPES = ['BIZ_CARD', 'D_QR_CODE', 'D_BAR_CODE', 'EXTERNAL_CARD'] as const;

/** alipay.marketing.card.query's biz_content (../shared/api/alipay.marketing.card.query.md). */
export const CARD_QUERY: MethodModel = {
  method: CARD_QUERY_METHOD,
  fields: [
    TARGET_CARD_NO,
    { ...BIZ_CARD_ONLY, flag: 'type', max: 64, values: CARD_NO_TYPES, description: `what the card number is: ${CARD_NO_TYPES.join(', ')} (default BIZ_CARD)` },
    { path: 'card_user_info', kind: 'object', description: 'the card holder, as an extra condition' },
    { path: 'card_user_info.user_uni_id', flag: 'user-id', description: "only if held by this user: the Alipay user ID, 16 digits starting with 2088", example: '2088302463082075', max: 32, required: true, pattern: /^2088\d{12}$/, expected: "the user's Alipay user ID: 16 digits starting with 2088, e.g. 2088302463082075" },
    { path: 'card_user_info.user_uni_id_type', description: 'ID type; only UID', max: 32, required: true, values: ['UID'] },
    // Length not stated anywhere: 64, as Alipay's open_id is 56 characters (inferred).
    { path: 'card_user_info.open_id', description: "the holder's open_id", max: 64 },
    EXT_INFO,
    // Length not stated: 32, as every template_id (inferred).
    { path: 'template_id', flag: 'template-id', description: 'only if the card uses this template', example: '20170308000000000058101000300045', max: 32 },
  ],
};

export function validateCardQuery(biz: unknown): FieldProblem[] {
  return checkMethodFields(CARD_QUERY, biz);
}
