import { cardsCardLifeText as t } from '../i18n/en/cards-card-life.js';
import type { MethodField } from './method-fields.js';

// Makers, not constants: called when a model is first described (methodModel), not as the program loads.

/** The card number every card method after open names its card by (`card_info.biz_card_no` from card open). */
export const targetCardNo = (): MethodField => ({
  path: 'target_card_no',
  description: t.targetCardNo(),
  example: 'DEMO0000000001',
  max: 32,
  required: true,
});

/** update and delete take only Alipay's own card number (the reference: "BIZ_CARD (only value)"). */
export const bizCardOnly = (): MethodField => ({
  path: 'target_card_no_type',
  description: t.bizCardOnly(),
  example: 'BIZ_CARD',
  max: 32,
  required: true,
  values: ['BIZ_CARD'],
});

export const extInfo = (): MethodField => ({ path: 'ext_info', description: t.extInfo(), max: 1024 });
