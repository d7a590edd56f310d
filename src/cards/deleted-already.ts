// CARD_IS_DELETED_ALREADY: which reason a deleted card holds, and whether a delete asked is done.
// Apart from card-delete.ts, whose model every start-up defines flags from: these run only when
// a delete meets a card deleted before (card delete, a batch's delete rows, the local gateway).
import type { DeleteReason } from './card-delete.js';

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
