// What each field of alipay.marketing.card.open that `card open` takes a flag for holds (the
// reference's words): shown in card open's help beside the field's path.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  templateId: 'membership card template ID (template_id from template creation)',
  userId: "the user's Alipay user ID: 16 digits starting with 2088",
  userIdType: 'ID type; only UID is supported',
  outSerialNo: 'unique request serial number assigned by the merchant (default: generated)',
  externalCardNo: "the merchant's own card number (required for OUT_MEMBER_CARD; default: the out_serial_no)",
  openDate: "when the card is issued, 'yyyy-MM-dd HH:mm:ss' (default: now, Asia/Shanghai)",
  validDate: "when the card expires, 'yyyy-MM-dd HH:mm:ss' (default: from the template's DATE_IN_FUTURE rule)",
  level: 'card level, as defined in the template',
  point: 'points: a number, at most two decimals',
  balance: 'balance in yuan, two decimals',
  cardExtTemplateId: 'template for this card level',
  frontImageId: 'card image ID from alipay.offline.material.image.upload',
  mdcodeStatus: 'dynamic code status: SUCCESS, FAIL_RETRY or FAIL_NOT_RETRY',
  mdcodeValue: 'dynamic code value (required when SUCCESS)',
  mdcodeExpireTime: "dynamic code expiry, 'yyyy-MM-dd HH:mm:ss' (required when SUCCESS)",
  mdcodeTimeStamp: 'when the code was issued, as a number',
  memberName: "member's name",
  memberGender: 'MALE or FEMALE (the API field is spelt gende)',
  memberBirth: "birthday, 'yyyy-MM-dd'",
  memberCell: 'mobile phone number',
  openCardChannel: 'channel the card was opened through',
  openCardChannelId: 'ID of that channel',
} satisfies Entries);

export type ProgramCardFieldsEntries = ReturnType<typeof entries>;
export const programCardFieldsText = messages('program-card-fields', entries);
