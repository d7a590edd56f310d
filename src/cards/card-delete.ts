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

/**
 * What the local gateway's CARD_IS_DELETED_ALREADY says after its code's words: when, with which
 * reason (`reason_code R`, which heldReason reads back), under which serial. Alipay's own sub_msg
 * is not documented: a client reading it gets undefined, and says the reason is unknown.
 */
export function alreadyDeletedDetail(cardNo: string, deleted: { at: string; reason_code?: string | undefined; out_serial_no?: string | undefined }): string {
  // A state written before deletes kept their reason holds none: then none is named.
  const reason = deleted.reason_code === undefined ? '' : ` with reason_code ${deleted.reason_code}`;
  const serial = deleted.out_serial_no === undefined ? '' : ` (out_serial_no ${deleted.out_serial_no})`;
  return `card ${cardNo} was deleted at ${deleted.at}${reason}${serial}`;
}

/** The reason a CARD_IS_DELETED_ALREADY's sub_msg says the card holds, if it says one. */
export function heldReason(subMsg: unknown): DeleteReason | undefined {
  const found = typeof subMsg === 'string' ? /\breason_code (USER_UNBUND|CANCEL|PRESENT)\b/.exec(subMsg) : null;
  return (found?.[1] as DeleteReason | undefined) ?? undefined;
}

/**
 * A CARD_IS_DELETED_ALREADY that is what the request asked for: the card holds the reason it
 * asked, or, for USER_UNBUND and PRESENT, a reason the gateway does not say (Alipay's own: the
 * delete sheet's idempotent success; the card is deleted, and a member may bind again or never,
 * which no request can change now). Another reason is not, nor CANCEL unconfirmed: a request for
 * CANCEL must not pass for done on a card that a member can bind again.
 */
export function deletedAsAsked(subMsg: unknown, reason: unknown): boolean {
  const held = heldReason(subMsg);
  return held === reason || (held === undefined && reason !== 'CANCEL');
}

export function validateCardDelete(biz: unknown): FieldProblem[] {
  return checkMethodFields(CARD_DELETE, biz);
}
