import { cardsCardLifeText as t } from '../i18n/en/cards-card-life.js';
import { cardsCardOpenText } from '../i18n/en/cards-card-open.js';
import { bizCardOnly, extInfo, targetCardNo } from './card-number.js';
import { CODE_STATUSES, type MerchantCard } from './card-open.js';
import { CARD_UPDATE_METHOD } from './methods.js';
import { DYNAMIC_CODE_WRITE_OFFS } from './write-off-types.js';
import { checkMethodFields, methodModel, type MethodField, type MethodModel } from './method-fields.js';
import { copyProblem, fieldProblem, isJsonObject, TIMESTAMP_FORMAT_TEXT, type FieldProblem } from './problems.js';

/** card_info members of an update, in the reference's order; `card update` has a flag for each that can change. */
function cardInfo(): readonly MethodField[] {
  const kept = t.dateKept();
  return [
    { path: 'card_info', kind: 'object', required: true, description: t.cardInfo() },
    { path: 'card_info.biz_card_no', description: t.notSentInUpdate(), refused: t.bizCardNoRefused() },
    { path: 'card_info.external_card_no', flag: 'external-card-no', description: t.externalCardNo(), example: 'EXT0001', max: 64 },
    { path: 'card_info.open_date', description: t.notChangeable(), refused: kept },
    { path: 'card_info.valid_date', description: t.notChangeable(), refused: kept },
    { path: 'card_info.level', flag: 'level', description: t.level(), example: 'VIP2', max: 64 },
    { path: 'card_info.point', flag: 'point', description: t.point(), example: '188', max: 64, pattern: /^\d+(?:\.\d{1,2})?$/, expected: cardsCardOpenText.pointExpected() },
    // No length stated for balance: 64, as card open's (inferred).
    { path: 'card_info.balance', flag: 'balance', description: t.balance(), example: '124.89', max: 64, pattern: /^\d+\.\d{2}$/, expected: cardsCardOpenText.balanceExpected() },
    { path: 'card_info.template_id', flag: 'template-id', description: t.templateId(), example: '20170308000000000058101000300045', max: 32 },
    { path: 'card_info.front_text_list', kind: 'array', maxItems: 4, description: t.frontTextList() },
    { path: 'card_info.front_text_list[].label', description: t.lineLabel(), max: 4 },
    { path: 'card_info.front_text_list[].value', description: t.lineValue(), max: 32 },
    { path: 'card_info.front_image_id', flag: 'front-image-id', description: t.frontImageId(), example: '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED', max: 1024 },
    { path: 'card_info.mdcode_info', kind: 'object', max: 1024, description: t.mdcodeInfo() },
    { path: 'card_info.mdcode_info.code_status', description: t.codeStatus(), max: 14, required: true, values: CODE_STATUSES },
    { path: 'card_info.mdcode_info.code_value', description: t.codeValue(), max: 128 },
    { path: 'card_info.mdcode_info.expire_time', description: t.expireTime(), kind: 'timestamp', max: 19 },
    { path: 'card_info.mdcode_info.time_stamp', description: t.timeStamp(), kind: 'integer' },
    { path: 'card_info.custom_assets', description: t.customAssets(), max: 1024 },
  ];
}

/** alipay.marketing.card.update's biz_content (../shared/api/alipay.marketing.card.update.md). */
export const CARD_UPDATE: MethodModel = methodModel(CARD_UPDATE_METHOD, () => [
  targetCardNo(),
  bizCardOnly(),
  { path: 'occur_time', flag: 'occur-time', kind: 'timestamp', max: 32, required: true, description: t.occurTime({ format: TIMESTAMP_FORMAT_TEXT }), example: '2024-05-01 09:30:00' },
  ...cardInfo(),
  extInfo(),
  { path: 'merchant_card_msg_info', kind: 'object', description: t.msgInfo() },
  // "e.g. 100, -100; invalid ⇒ no message": a signed number, two decimals as points have (inferred).
  { path: 'merchant_card_msg_info.changed_point', flag: 'changed-point', description: t.changedPoint(), example: '-100', max: 64, pattern: /^[+-]?\d+(?:\.\d{1,2})?$/, expected: t.changedPointExpected() },
  { path: 'mcard_style_info', kind: 'json', description: t.mcardStyleInfo() },
  { path: 'notify_messages', description: t.notSupported(), refused: t.notifyMessagesRefused() },
  { path: 'paid_outer_card_info', kind: 'json', description: t.paidOuterCardInfo() },
]);

/** Every problem with an update's biz_content: the model's checks, then the rules between members. */
export function validateCardUpdate(biz: unknown): FieldProblem[] {
  const problems = checkMethodFields(CARD_UPDATE, biz);
  if (isJsonObject(biz) && biz.card_info === undefined) return problems.map((p) => (p.path === 'card_info' ? copyProblem(p, { text: nothingToChange() }) : p));
  if (!isJsonObject(biz) || !isJsonObject(biz.card_info)) return problems;
  if (biz.mcard_style_info !== undefined && biz.card_info.template_id !== undefined) {
    problems.push(fieldProblem('mcard_style_info', biz.mcard_style_info, t.styleWithTemplate()));
  }
  const status = isJsonObject(biz.card_info.mdcode_info) ? biz.card_info.mdcode_info : undefined;
  if (status?.code_status === 'SUCCESS') {
    for (const key of ['code_value', 'expire_time']) {
      if (status[key] === undefined || status[key] === '') problems.push(fieldProblem(`card_info.mdcode_info.${key}`, undefined, t.requiredWithSuccess()));
    }
  }
  if (problems.length === 0 && !CHANGEABLE.some((key) => hasValue((biz.card_info as Record<string, unknown>)[key]))) {
    problems.push(fieldProblem('card_info', biz.card_info, nothingToChange()));
  }
  return problems;
}

/** What an update can change; the rest of card_info is refused or kept. */
export const CHANGEABLE = ['external_card_no', 'level', 'point', 'balance', 'template_id', 'front_text_list', 'front_image_id', 'mdcode_info', 'custom_assets'] as const;

/**
 * Members given empty (`--point ""`): the references allow a length of 0, and an empty value leaves
 * the card as it was (the local gateway keeps the value), so the command refuses it, naming it,
 * rather than send a change that changes nothing — or say "nothing to change" when it was given.
 */
export function emptyChangeProblems(cardInfo: unknown): FieldProblem[] {
  if (!isJsonObject(cardInfo)) return [];
  return CHANGEABLE.filter((key) => cardInfo[key] === '').map((key) => fieldProblem(`card_info.${key}`, '', t.emptyChange()));
}

const nothingToChange = () => t.nothingToChange({ fields: CHANGEABLE.map((key) => `card_info.${key}`).join(', ') });

/** A level the card's (new) template does not define, by the rule card open has too; `levels` empty: any level. */
export function levelProblem(levels: readonly string[], level: unknown, templateId: string): FieldProblem | undefined {
  if (levels.length === 0 || typeof level !== 'string' || level === '' || levels.includes(level)) return undefined;
  return fieldProblem('card_info.level', level, t.notLevelOfTemplate({ templateId, levels: levels.join(', ') }));
}

/**
 * mdcode_info is the merchant pushing its own dynamic code: the update sheet takes it only for a
 * card whose template's write_off_type is mdbarcode or mdqrcode; another template shows no such code.
 */
export function mdcodeProblem(cardInfo: Record<string, unknown>, writeOffType: unknown, templateId: string): FieldProblem | undefined {
  if (cardInfo.mdcode_info === undefined || (typeof writeOffType === 'string' && DYNAMIC_CODE_WRITE_OFFS.includes(writeOffType))) return undefined;
  return fieldProblem('card_info.mdcode_info', cardInfo.mdcode_info, t.mdcodeNotDynamic({ templateId, writeOff: String(writeOffType ?? 'none'), types: DYNAMIC_CODE_WRITE_OFFS.join(', ') }));
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
