import { cardsCardLifeText as t } from '../i18n/en/cards-card-life.js';
import { bizCardOnly, extInfo, targetCardNo } from './card-number.js';
import { CARD_DELETE_METHOD } from './methods.js';
import { checkMethodFields, methodModel, type MethodModel } from './method-fields.js';
import type { FieldProblem } from './problems.js';

/** Why a card is deleted, and what that means for the member (the reference's words), as data: `local()` for a person. */
export const DELETE_REASONS = {
  USER_UNBUND: t.reasonUserUnbund(),
  CANCEL: t.reasonCancel(),
  PRESENT: t.reasonPresent(),
} as const;

export type DeleteReason = keyof typeof DELETE_REASONS;

/** alipay.marketing.card.delete's biz_content (../shared/api/alipay.marketing.card.delete.md). */
export const CARD_DELETE: MethodModel = methodModel(CARD_DELETE_METHOD, () => [
  { path: 'out_serial_no', flag: 'out-serial-no', description: t.deleteSerial(), example: '201606270000001', max: 32, required: true },
  targetCardNo(),
  bizCardOnly(),
  { path: 'reason_code', flag: 'reason', description: t.deleteReason({ reasons: Object.keys(DELETE_REASONS).join(', ') }), example: 'USER_UNBUND', max: 32, required: true, values: Object.keys(DELETE_REASONS) },
  extInfo(),
]);

export function validateCardDelete(biz: unknown): FieldProblem[] {
  return checkMethodFields(CARD_DELETE, biz);
}
