// card query, update and delete (src/cards/card-query.ts, card-update.ts, card-delete.ts,
// card-number.ts): each member's help (a flag's description) and what the checks say.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // Members every method after open has.
  targetCardNo: 'the card: its biz_card_no from card open',
  bizCardOnly: 'card number type; only BIZ_CARD',
  extInfo: 'extension, as agreed with Alipay (a JSON string)',

  // card query.
  cardNoType: (p: { types: string }) => `what the card number is: ${p.types} (default BIZ_CARD)`,
  queryUserInfo: 'the card holder, as an extra condition',
  queryUserId: 'only if held by this user: the Alipay user ID, 16 digits starting with 2088',
  queryUserIdType: 'ID type; only UID',
  queryOpenId: "the holder's open_id",
  queryTemplateId: 'only if the card uses this template',

  // card update.
  cardInfo: 'the new card data',
  notSentInUpdate: 'not sent in an update',
  bizCardNoRefused: 'must not be sent in an update: the card is named by target_card_no',
  externalCardNo: "the merchant's own card number",
  notChangeable: 'not changeable',
  dateKept: 'cannot be changed by card update: Alipay ignores it and the card keeps the date it was issued with',
  level: "new level: one of the card's template's levels",
  point: 'new points: a number, at most two decimals',
  balance: 'new balance in yuan, two decimals',
  templateId: 'move the card to this template of yours',
  frontTextList: 'card-face text lines',
  lineLabel: 'line label',
  lineValue: 'line value',
  frontImageId: 'card-face photo: an image_id from alipay.offline.material.image.upload',
  mdcodeInfo: "the merchant's dynamic code",
  codeStatus: 'SUCCESS, FAIL_RETRY or FAIL_NOT_RETRY',
  codeValue: 'code value (with SUCCESS)',
  expireTime: 'code expiry (with SUCCESS)',
  timeStamp: 'when the code was pushed',
  customAssets: 'custom asset value, special business only',
  occurTime: (p: { format: string }) => `when the change happened, ${p.format} (default: now)`,
  msgInfo: "data for the member's change message",
  changedPoint: "points change shown in the member's message, e.g. 100 or -100",
  changedPointExpected: 'a signed number of points, e.g. 100 or -100',
  mcardStyleInfo: 'deprecated per-card style (the template style wins)',
  notSupported: 'not supported',
  notifyMessagesRefused: 'is not supported by Alipay any more (no message is sent): use --changed-point (merchant_card_msg_info.changed_point)',
  paidOuterCardInfo: 'paid external card data, special business only',
  styleWithTemplate: "must not be sent with card_info.template_id: a card moved to another template takes that template's style",
  requiredWithSuccess: 'required when code_status is SUCCESS',
  nothingToChange: (p: { fields: string }) => `nothing to change: give at least one of ${p.fields}`,
  /** A member given empty to card update (--point ""): it would change nothing. */
  emptyChange: 'must not be empty: an empty value changes nothing; give a value, or leave it out',
  /** mdcode_info for a card whose template's write-off is not the merchant's dynamic code. */
  mdcodeNotDynamic: (p: { templateId: string; writeOff: string; types: string }) =>
    `only a card whose template's write_off_type is ${p.types} takes the merchant's dynamic code; template ${p.templateId} has ${p.writeOff}`,
  notLevelOfTemplate: (p: { templateId: string; levels: string }) => `must be a level of template ${p.templateId}: one of ${p.levels}`,

  // card delete.
  deleteSerial: 'unique serial of this deletion; a retry with it deletes once (default: generated)',
  deleteReason: (p: { reasons: string }) => `why: ${p.reasons}`,
  reasonUserUnbund: 'the member unbinds the card; they can bind again later',
  reasonCancel: 'the account is closed; the member can never bind this card again',
  reasonPresent: 'the card is given to another user; it can be bound again',
} satisfies Entries);

export type CardsCardLifeEntries = ReturnType<typeof entries>;
export const cardsCardLifeText = messages('cards-card-life', entries);
