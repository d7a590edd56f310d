import { BIZ_CARD_ONLY, EXT_INFO, TARGET_CARD_NO } from './card-number.js';
import { CODE_STATUSES, type MerchantCard } from './card-open.js';
import { CARD_UPDATE_METHOD } from './methods.js';
import { checkMethodFields, type MethodField, type MethodModel } from './method-fields.js';
import { isJsonObject, TIMESTAMP_FORMAT, type FieldProblem } from './problems.js';

const KEPT = 'cannot be changed by card update: Alipay ignores it and the card keeps the date it was issued with';

/** card_info members of an update, in the reference's order; `card update` has a flag for each that can change. */
const CARD_INFO: readonly MethodField[] = [
  { path: 'card_info', kind: 'object', required: true, description: 'the new card data' },
  { path: 'card_info.biz_card_no', description: 'not sent in an update', refused: 'must not be sent in an update: the card is named by target_card_no' },
  { path: 'card_info.external_card_no', flag: 'external-card-no', description: "the merchant's own card number", example: 'EXT0001', max: 64 },
  { path: 'card_info.open_date', description: 'not changeable', refused: KEPT },
  { path: 'card_info.valid_date', description: 'not changeable', refused: KEPT },
  { path: 'card_info.level', flag: 'level', description: "new level: one of the card's template's levels", example: 'VIP2', max: 64 },
  { path: 'card_info.point', flag: 'point', description: 'new points: a number, at most two decimals', example: '188', max: 64, pattern: /^\d+(?:\.\d{1,2})?$/, expected: 'a number with at most two decimals, e.g. 88 or 88.5' },
  // No length stated for balance: 64, as card open's (inferred).
  { path: 'card_info.balance', flag: 'balance', description: 'new balance in yuan, two decimals', example: '124.89', max: 64, pattern: /^\d+\.\d{2}$/, expected: 'an amount in yuan with two decimals, e.g. 124.89 or 100.00' },
  { path: 'card_info.template_id', flag: 'template-id', description: 'move the card to this template of yours', example: '20170308000000000058101000300045', max: 32 },
  { path: 'card_info.front_text_list', kind: 'array', maxItems: 4, description: 'card-face text lines' },
  { path: 'card_info.front_text_list[].label', description: 'line label', max: 4 },
  { path: 'card_info.front_text_list[].value', description: 'line value', max: 32 },
  { path: 'card_info.front_image_id', flag: 'front-image-id', description: 'card-face photo: an image_id from alipay.offline.material.image.upload', example: '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED', max: 1024 },
  { path: 'card_info.mdcode_info', kind: 'object', max: 1024, description: "the merchant's dynamic code" },
  { path: 'card_info.mdcode_info.code_status', description: 'SUCCESS, FAIL_RETRY or FAIL_NOT_RETRY', max: 14, required: true, values: CODE_STATUSES },
  { path: 'card_info.mdcode_info.code_value', description: 'code value (with SUCCESS)', max: 128 },
  { path: 'card_info.mdcode_info.expire_time', description: 'code expiry (with SUCCESS)', kind: 'timestamp', max: 19 },
  { path: 'card_info.mdcode_info.time_stamp', description: 'when the code was pushed', kind: 'integer' },
  { path: 'card_info.custom_assets', description: 'custom asset value, special business only', max: 1024 },
];

/** alipay.marketing.card.update's biz_content (../shared/api/alipay.marketing.card.update.md). */
export const CARD_UPDATE: MethodModel = {
  method: CARD_UPDATE_METHOD,
  fields: [
    TARGET_CARD_NO,
    BIZ_CARD_ONLY,
    { path: 'occur_time', flag: 'occur-time', kind: 'timestamp', max: 32, required: true, description: `when the change happened, ${TIMESTAMP_FORMAT} (default: now)`, example: '2024-05-01 09:30:00' },
    ...CARD_INFO,
    EXT_INFO,
    { path: 'merchant_card_msg_info', kind: 'object', description: "data for the member's change message" },
    // "e.g. 100, -100; invalid ⇒ no message": a signed number, two decimals as points have (inferred).
    { path: 'merchant_card_msg_info.changed_point', flag: 'changed-point', description: "points change shown in the member's message, e.g. 100 or -100", example: '-100', max: 64, pattern: /^[+-]?\d+(?:\.\d{1,2})?$/, expected: 'a signed number of points, e.g. 100 or -100' },
    { path: 'mcard_style_info', kind: 'json', description: 'deprecated per-card style (the template style wins)' },
    { path: 'notify_messages', description: 'not supported', refused: 'is not supported by Alipay any more (no message is sent): use --changed-point (merchant_card_msg_info.changed_point)' },
    { path: 'paid_outer_card_info', kind: 'json', description: 'paid external card data, special business only' },
  ],
};

/** Every problem with an update's biz_content: the model's checks, then the rules between members. */
export function validateCardUpdate(biz: unknown): FieldProblem[] {
  const problems = checkMethodFields(CARD_UPDATE, biz);
  if (isJsonObject(biz) && biz.card_info === undefined) return problems.map((p) => (p.path === 'card_info' ? { ...p, message: NOTHING } : p));
  if (!isJsonObject(biz) || !isJsonObject(biz.card_info)) return problems;
  if (biz.mcard_style_info !== undefined && biz.card_info.template_id !== undefined) {
    problems.push({ path: 'mcard_style_info', value: biz.mcard_style_info, message: 'must not be sent with card_info.template_id: a card moved to another template takes that template\'s style' });
  }
  const status = isJsonObject(biz.card_info.mdcode_info) ? biz.card_info.mdcode_info : undefined;
  if (status?.code_status === 'SUCCESS') {
    for (const key of ['code_value', 'expire_time']) {
      if (status[key] === undefined || status[key] === '') problems.push({ path: `card_info.mdcode_info.${key}`, value: undefined, message: 'required when code_status is SUCCESS' });
    }
  }
  if (problems.length === 0 && !CHANGEABLE.some((key) => hasValue((biz.card_info as Record<string, unknown>)[key]))) {
    problems.push({ path: 'card_info', value: biz.card_info, message: NOTHING });
  }
  return problems;
}

/** What an update can change; the rest of card_info is refused or kept. */
export const CHANGEABLE = ['external_card_no', 'level', 'point', 'balance', 'template_id', 'front_text_list', 'front_image_id', 'mdcode_info', 'custom_assets'] as const;

const NOTHING = `nothing to change: give at least one of ${CHANGEABLE.map((key) => `card_info.${key}`).join(', ')}`;

/** A level the card's (new) template does not define, by the rule card open has too; `levels` empty: any level. */
export function levelProblem(levels: readonly string[], level: unknown, templateId: string): FieldProblem | undefined {
  if (levels.length === 0 || typeof level !== 'string' || level === '' || levels.includes(level)) return undefined;
  return { path: 'card_info.level', value: level, message: `must be a level of template ${templateId}: one of ${levels.join(', ')}` };
}

/** The card once an update is applied: the changeable members set, dates and number kept as they were. */
export function applyCardUpdate(current: MerchantCard, cardInfo: Record<string, unknown>): MerchantCard {
  const next: MerchantCard = { ...current };
  for (const key of CHANGEABLE) if (hasValue(cardInfo[key])) next[key] = cardInfo[key] as never;
  return next;
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}
