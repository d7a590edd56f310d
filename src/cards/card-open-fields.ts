import { programCardFieldsText } from '../i18n/en/program-card-fields.js';
import type { Text } from '../i18n/text.js';
import { beijingDigits } from '../protocol/timestamp.js';
import { describedOnce } from './method-fields.js';

/**
 * The fields of alipay.marketing.card.open that a person sets one by one: the `card open` flag,
 * the biz_content path it fills, and the reference's own description and example (used for
 * --help, prompts and CSV column names; dates that must lie ahead have examples in the future). The names follow the API (`out_serial_no`), never renamed.
 */
export interface CardOpenField {
  /** Flag name without dashes, e.g. 'template-id'. */
  flag: string;
  /** Dotted biz_content path, e.g. 'card_user_info.user_uni_id'. */
  path: string;
  /** What it holds, for --help and prompts (the English is what messages about the field say). */
  description: Text;
  example: string;
  /** Required by the reference and with no default the CLI can supply. */
  prompt?: boolean;
}

/** The path a template's DATE_IN_FUTURE rule can fill, and `card open` and `card batch` fill in when it does. */
export const VALID_DATE = 'card_ext_info.valid_date';

/**
 * card open's fields, described on first use: this module is in the program's chunk, which every run
 * loads, and only `card open` and `card batch` read them (as methodModel, method-fields.ts).
 */
export const cardOpenFields = describedOnce((): readonly CardOpenField[] => [
  { flag: 'template-id', path: 'card_template_id', description: programCardFieldsText.templateId(), example: '20170308000000000058101000300045', prompt: true },
  { flag: 'user-id', path: 'card_user_info.user_uni_id', description: programCardFieldsText.userId(), example: '2088302463082075', prompt: true },
  { flag: 'user-id-type', path: 'card_user_info.user_uni_id_type', description: programCardFieldsText.userIdType(), example: 'UID' },
  { flag: 'out-serial-no', path: 'out_serial_no', description: programCardFieldsText.outSerialNo(), example: '201606270000001' },
  { flag: 'external-card-no', path: 'card_ext_info.external_card_no', description: programCardFieldsText.externalCardNo(), example: 'EXT0001' },
  { flag: 'open-date', path: 'card_ext_info.open_date', description: programCardFieldsText.openDate(), example: '2014-02-20 21:20:46' },
  { flag: 'valid-date', path: 'card_ext_info.valid_date', description: programCardFieldsText.validDate(), example: '2030-12-31 23:59:59', prompt: true },
  { flag: 'level', path: 'card_ext_info.level', description: programCardFieldsText.level(), example: 'VIP1' },
  { flag: 'point', path: 'card_ext_info.point', description: programCardFieldsText.point(), example: '88' },
  { flag: 'balance', path: 'card_ext_info.balance', description: programCardFieldsText.balance(), example: '124.89' },
  { flag: 'card-ext-template-id', path: 'card_ext_info.template_id', description: programCardFieldsText.cardExtTemplateId(), example: '20170308000000000058101000300045' },
  { flag: 'front-image-id', path: 'card_ext_info.front_image_id', description: programCardFieldsText.frontImageId(), example: '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED' },
  { flag: 'mdcode-status', path: 'card_ext_info.mdcode_info.code_status', description: programCardFieldsText.mdcodeStatus(), example: 'SUCCESS' },
  { flag: 'mdcode-value', path: 'card_ext_info.mdcode_info.code_value', description: programCardFieldsText.mdcodeValue(), example: '1KFCDY0002' },
  { flag: 'mdcode-expire-time', path: 'card_ext_info.mdcode_info.expire_time', description: programCardFieldsText.mdcodeExpireTime(), example: '2030-06-09 16:25:53' },
  { flag: 'mdcode-time-stamp', path: 'card_ext_info.mdcode_info.time_stamp', description: programCardFieldsText.mdcodeTimeStamp(), example: '1496996459' },
  { flag: 'member-name', path: 'member_ext_info.name', description: programCardFieldsText.memberName(), example: 'Lee' },
  { flag: 'member-gender', path: 'member_ext_info.gende', description: programCardFieldsText.memberGender(), example: 'MALE' },
  { flag: 'member-birth', path: 'member_ext_info.birth', description: programCardFieldsText.memberBirth(), example: '2016-06-27' },
  { flag: 'member-cell', path: 'member_ext_info.cell', description: programCardFieldsText.memberCell(), example: '13000000000' },
  { flag: 'open-card-channel', path: 'open_card_channel', description: programCardFieldsText.openCardChannel(), example: '20161534000000000008863' },
  { flag: 'open-card-channel-id', path: 'open_card_channel_id', description: programCardFieldsText.openCardChannelId(), example: '2088123123123123' },
]);

/** Sets `path` (dotted, `[n]` for array items) in `target`, creating objects and arrays on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: Record<string, unknown> | unknown[] = target;
  for (const [i, key] of keys.entries()) {
    const index = /^\d+$/.test(key) ? Number(key) : key;
    const container = node as Record<string | number, unknown>;
    if (i === keys.length - 1) {
      container[index] = value;
      return;
    }
    const existing = container[index];
    if (existing === undefined || existing === null) container[index] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    // A value given where an object belongs (`--set card_ext_info:=5`) is kept for the checks to
    // refuse, not replaced by one holding a default (it was dropped without a word).
    else if (typeof existing !== 'object') return;
    node = container[index] as Record<string, unknown>;
  }
}

/** `path` is `base` or inside it: 'a.b' and 'a[0]' are under 'a'; 'ab' is not. */
export function isAtOrUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
}

/**
 * Whether setting `base` (a `--set` path) put something at `path`: at or under it, or, for an item
 * of a list (`x[0]`) that is `missing`, another item of the same list: setting `x[1].label` alone
 * leaves a gap at `x[0]`.
 */
export function isWrittenBy(path: string, base: string, missing = false): boolean {
  if (isAtOrUnder(path, base)) return true;
  const list = /^(.*)\[\d+\]$/.exec(path)?.[1];
  return missing && list !== undefined && base.startsWith(`${list}[`);
}

export function getPath(source: unknown, path: string): unknown {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: unknown = source;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * A sortable, unique out_serial_no (≤ 64 chars): Beijing time to the millisecond, then random
 * base-36, e.g. `20240501093000123k3j9x2m4q`. Sorting the serials sorts the requests by time.
 */
export function generateOutSerialNo(now: Date, randomBytes: Uint8Array): string {
  const stamp = beijingDigits(now);
  let suffix = '';
  for (const b of randomBytes) suffix += (b % 36).toString(36);
  return `${stamp}${suffix}`;
}
