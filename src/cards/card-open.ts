import { cardsCardOpenText as t } from '../i18n/en/cards-card-open.js';
import { cardsFieldsText as f } from '../i18n/en/cards-fields.js';
import { parseTimestamp } from '../protocol/timestamp.js';
import { Fields, type FieldProblem } from './fields.js';

/** biz_content of alipay.marketing.card.open, keys exactly as the API names them. */
export interface CardOpenBiz {
  out_serial_no: string;
  card_template_id: string;
  card_user_info: CardUserInfo;
  card_ext_info: MerchantCard;
  member_ext_info?: MemberExtInfo;
  [other: string]: unknown;
}

export interface CardUserInfo {
  user_uni_id: string;
  user_uni_id_type: 'UID';
}

/** card_ext_info in the request; the same shape comes back as card_info. */
export interface MerchantCard {
  biz_card_no?: string;
  external_card_no?: string;
  open_date: string;
  valid_date: string;
  level?: string;
  point?: string;
  balance?: string;
  template_id?: string;
  mdcode_info?: MdCodeInfo;
  front_text_list?: CardFrontText[];
  front_image_id?: string;
  [other: string]: unknown;
}

export const CODE_STATUSES = ['SUCCESS', 'FAIL_RETRY', 'FAIL_NOT_RETRY'] as const;
export type CodeStatus = (typeof CODE_STATUSES)[number];

export interface MdCodeInfo {
  code_status: CodeStatus;
  code_value?: string;
  expire_time?: string;
  time_stamp: number | string;
}

export interface CardFrontText {
  label?: string;
  value?: string;
}

export const GENDERS = ['MALE', 'FEMALE'] as const;

export interface MemberExtInfo {
  name?: string;
  gende?: (typeof GENDERS)[number];
  birth?: string;
  cell?: string;
}

/** The only card type there is (template seed: "fixed as OUT_MEMBER_CARD"). */
export const CARD_TYPE = 'OUT_MEMBER_CARD';

const USER_UNI_ID = /^2088\d{12}$/;
const POINT = /^\d+(?:\.\d{1,2})?$/;
const BALANCE = /^\d+\.\d{2}$/;
const DIGITS = /^\d{1,16}$/;
// time_stamp is a JSON number (Number(20), unquoted in the sample). JSON parsers read numbers as
// doubles, so beyond 2^53 the digits that arrive are not the digits sent; a time in ms has 13.
const TIME_STAMP = f.wholeNumber({ max: Number.MAX_SAFE_INTEGER });
const BIRTH = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Every problem with a card open biz_content, checked against the card open reference: required
 * fields, `String(n)` lengths, timestamps that exist, valid_date after open_date, amounts, enums.
 * Pure: the template (levels, field rules) is checked where it is known, in `deriveCardInfo`.
 */
export function validateCardOpen(biz: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const root = Fields.root(biz, problems);
  if (root === undefined) return problems;
  root.text('out_serial_no', 64, true);
  root.text('card_template_id', 32, true);

  const user = root.object('card_user_info', true);
  user?.matching('user_uni_id', 32, true, USER_UNI_ID, t.userIdExpected());
  user?.oneOf('user_uni_id_type', 32, true, ['UID']);

  const card = root.object('card_ext_info', true);
  if (card !== undefined) checkMerchantCard(card);

  const member = root.object('member_ext_info');
  if (member !== undefined) checkMember(member);
  // The reference lists these two only in its samples (23 and 16 characters), with no length:
  // 32 is the length it gives every other ID, and the samples fit it.
  root.text('open_card_channel', 32);
  root.text('open_card_channel_id', 32);
  return problems;
}

function checkMerchantCard(card: Fields): void {
  card.text('biz_card_no', 32);
  // Required because every template is OUT_MEMBER_CARD, the reference's condition for it.
  card.text('external_card_no', 64, true);
  const open = card.timestamp('open_date', 32, true);
  const valid = card.timestamp('valid_date', 32, true);
  if (open !== undefined && valid !== undefined && valid.getTime() <= open.getTime()) {
    card.report('valid_date', card.source.valid_date, f.afterDate({ field: 'open_date', date: String(card.source.open_date) }));
  }
  card.text('level', 64);
  card.matching('point', 64, false, POINT, t.pointExpected());
  card.matching('balance', 64, false, BALANCE, t.balanceExpected());
  card.text('template_id', 32);
  card.text('front_image_id', 1024);

  card.jsonSize('mdcode_info', 1024);
  const mdcode = card.object('mdcode_info');
  if (mdcode !== undefined) checkMdCode(mdcode);

  card.jsonSize('front_text_list', 1024);
  for (const line of card.objects('front_text_list', { maxItems: 4 }) ?? []) {
    line.text('label', 4);
    line.text('value', 32);
  }
}

function checkMdCode(mdcode: Fields): void {
  const status = mdcode.oneOf('code_status', 14, true, CODE_STATUSES);
  const success = status === 'SUCCESS';
  mdcode.text('code_value', 128, success);
  mdcode.timestamp('expire_time', 19, success);
  const stamp = mdcode.source.time_stamp;
  if (stamp === undefined || stamp === null || stamp === '') {
    mdcode.report('time_stamp', stamp, f.required({ what: TIME_STAMP }));
  } else if (!isTimeStamp(stamp)) {
    mdcode.report('time_stamp', stamp, f.mustBe({ expected: TIME_STAMP }));
  }
}

function isTimeStamp(stamp: unknown): boolean {
  const n = typeof stamp === 'string' && DIGITS.test(stamp) ? Number(stamp) : stamp;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function checkMember(member: Fields): void {
  member.text('name', 64);
  member.oneOf('gende', 32, false, GENDERS);
  const birth = member.text('birth', 32);
  if (birth !== undefined && !isCalendarDate(birth)) {
    member.report('birth', birth, f.mustBe({ expected: f.dateFormat() }));
  }
  member.text('cell', 32);
}

function isCalendarDate(text: string): boolean {
  // Midnight of that day: parseTimestamp owns the calendar rules (month lengths, leap years).
  return BIRTH.test(text) && parseTimestamp(`${text} 00:00:00`) !== undefined;
}
