import { createHash } from 'node:crypto';
import { formatTimestamp } from '../protocol/index.js';
import type { FieldProblem } from './fields.js';
import { checkAgainstTemplate, type TemplateRules } from './template-rules.js';

/** What the merchant gives every member's card that the form does not: level, points, balance. */
export interface MemberCardDefaults {
  level?: string | undefined;
  point?: string | undefined;
  balance?: string | undefined;
}

/**
 * The out_serial_no of a member's card: derived from the request_id of their sign-up, so a page
 * reload or a retried callback asks for the same card, never a second one. 32 characters.
 */
export function memberSerial(requestId: string): string {
  return `m${createHash('sha256').update(requestId).digest('hex').slice(0, 31)}`;
}

/** 男/女, M/F, male/female → MALE/FEMALE (card open's member_ext_info.gende); anything else is left out. */
export function genderOf(answer: string | undefined): 'MALE' | 'FEMALE' | undefined {
  const a = (answer ?? '').trim().toLowerCase();
  if (['男', 'm', 'male', '1'].includes(a)) return 'MALE';
  if (['女', 'f', 'female', '0', '2'].includes(a)) return 'FEMALE';
  return undefined;
}

/**
 * The card open request for a member who signed up: their user id, their answers (name, mobile,
 * gender, birthday) in member_ext_info, the merchant's defaults, open_date now and valid_date by
 * the template's rule — checked as `card open` checks a request.
 */
export function memberCardRequest(
  templateId: string,
  requestId: string,
  userId: string,
  answers: Readonly<Record<string, string>>,
  defaults: MemberCardDefaults,
  rules: TemplateRules | undefined,
  now: Date,
): { biz: Record<string, unknown>; problems: FieldProblem[] } {
  const serial = memberSerial(requestId);
  const ext: Record<string, unknown> = { open_date: formatTimestamp(now), external_card_no: serial };
  if (defaults.level) ext.level = defaults.level;
  if (defaults.point) ext.point = defaults.point;
  if (defaults.balance) ext.balance = defaults.balance;
  const member: Record<string, string> = {};
  const name = answers.OPEN_FORM_FIELD_NAME?.trim();
  const cell = answers.OPEN_FORM_FIELD_MOBILE?.trim();
  const birth = answers.OPEN_FORM_FIELD_BIRTHDAY?.trim();
  const gende = genderOf(answers.OPEN_FORM_FIELD_GENDER);
  if (name) member.name = name;
  if (cell) member.cell = cell;
  if (birth) member.birth = birth;
  if (gende) member.gende = gende;
  const biz: Record<string, unknown> = {
    out_serial_no: serial,
    card_template_id: templateId,
    card_user_info: { user_uni_id: userId, user_uni_id_type: 'UID' },
    card_ext_info: ext,
    ...(Object.keys(member).length > 0 ? { member_ext_info: member } : {}),
  };
  const check = checkAgainstTemplate(biz, rules, now);
  if (check.validDate !== undefined) ext.valid_date = check.validDate.value;
  return { biz, problems: check.problems };
}
