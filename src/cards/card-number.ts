import type { MethodField } from './method-fields.js';

/** The card number every card method after open names its card by (`card_info.biz_card_no` from card open). */
export const TARGET_CARD_NO: MethodField = {
  path: 'target_card_no',
  description: 'the card: its biz_card_no from card open',
  example: 'DEMO0000000001',
  max: 32,
  required: true,
};

/** update and delete take only Alipay's own card number (the reference: "BIZ_CARD (only value)"). */
export const BIZ_CARD_ONLY: MethodField = {
  path: 'target_card_no_type',
  description: 'card number type; only BIZ_CARD',
  example: 'BIZ_CARD',
  max: 32,
  required: true,
  values: ['BIZ_CARD'],
};

export const EXT_INFO: MethodField = { path: 'ext_info', description: 'extension, as agreed with Alipay (a JSON string)', max: 1024 };
