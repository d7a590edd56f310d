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
  description: string;
  example: string;
  /** Required by the reference and with no default the CLI can supply. */
  prompt?: boolean;
}

/** The path a template's DATE_IN_FUTURE rule can fill, and `card open` and `card batch` fill in when it does. */
export const VALID_DATE = 'card_ext_info.valid_date';

export const CARD_OPEN_FIELDS: readonly CardOpenField[] = [
  { flag: 'template-id', path: 'card_template_id', description: 'membership card template ID (template_id from template creation)', example: '20170308000000000058101000300045', prompt: true },
  { flag: 'user-id', path: 'card_user_info.user_uni_id', description: "the user's Alipay user ID: 16 digits starting with 2088", example: '2088302463082075', prompt: true },
  { flag: 'user-id-type', path: 'card_user_info.user_uni_id_type', description: 'ID type; only UID is supported', example: 'UID' },
  { flag: 'out-serial-no', path: 'out_serial_no', description: 'unique request serial number assigned by the merchant (default: generated)', example: '201606270000001' },
  { flag: 'external-card-no', path: 'card_ext_info.external_card_no', description: "the merchant's own card number (required for OUT_MEMBER_CARD; default: the out_serial_no)", example: 'EXT0001' },
  { flag: 'open-date', path: 'card_ext_info.open_date', description: "when the card is issued, 'yyyy-MM-dd HH:mm:ss' (default: now, Asia/Shanghai)", example: '2014-02-20 21:20:46' },
  { flag: 'valid-date', path: 'card_ext_info.valid_date', description: "when the card expires, 'yyyy-MM-dd HH:mm:ss' (default: from the template's DATE_IN_FUTURE rule)", example: '2030-12-31 23:59:59', prompt: true },
  { flag: 'level', path: 'card_ext_info.level', description: 'card level, as defined in the template', example: 'VIP1' },
  { flag: 'point', path: 'card_ext_info.point', description: 'points: a number, at most two decimals', example: '88' },
  { flag: 'balance', path: 'card_ext_info.balance', description: 'balance in yuan, two decimals', example: '124.89' },
  { flag: 'card-ext-template-id', path: 'card_ext_info.template_id', description: 'template for this card level', example: '20170308000000000058101000300045' },
  { flag: 'front-image-id', path: 'card_ext_info.front_image_id', description: 'card image ID from alipay.offline.material.image.upload', example: '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED' },
  { flag: 'mdcode-status', path: 'card_ext_info.mdcode_info.code_status', description: 'dynamic code status: SUCCESS, FAIL_RETRY or FAIL_NOT_RETRY', example: 'SUCCESS' },
  { flag: 'mdcode-value', path: 'card_ext_info.mdcode_info.code_value', description: 'dynamic code value (required when SUCCESS)', example: '1KFCDY0002' },
  { flag: 'mdcode-expire-time', path: 'card_ext_info.mdcode_info.expire_time', description: "dynamic code expiry, 'yyyy-MM-dd HH:mm:ss' (required when SUCCESS)", example: '2030-06-09 16:25:53' },
  { flag: 'mdcode-time-stamp', path: 'card_ext_info.mdcode_info.time_stamp', description: 'when the code was issued, as a number', example: '1496996459' },
  { flag: 'member-name', path: 'member_ext_info.name', description: "member's name", example: 'Lee' },
  { flag: 'member-gender', path: 'member_ext_info.gende', description: 'MALE or FEMALE (the API field is spelt gende)', example: 'MALE' },
  { flag: 'member-birth', path: 'member_ext_info.birth', description: "birthday, 'yyyy-MM-dd'", example: '2016-06-27' },
  { flag: 'member-cell', path: 'member_ext_info.cell', description: 'mobile phone number', example: '13000000000' },
  { flag: 'open-card-channel', path: 'open_card_channel', description: 'channel the card was opened through', example: '20161534000000000008863' },
  { flag: 'open-card-channel-id', path: 'open_card_channel_id', description: 'ID of that channel', example: '2088123123123123' },
];

/** Sets `path` (dotted, `[n]` for array items) in `target`, creating objects and arrays on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: Record<string, unknown> | unknown[] = target;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const index = /^\d+$/.test(key) ? Number(key) : key;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[index] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(keys[i + 1]!);
    const existing = container[index];
    if (existing === undefined || existing === null || typeof existing !== 'object') container[index] = nextIsIndex ? [] : {};
    node = container[index] as Record<string, unknown>;
  });
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
  const beijing = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const stamp = beijing.slice(0, 23).replace(/\D/g, '');
  let suffix = '';
  for (const b of randomBytes) suffix += (b % 36).toString(36);
  return `${stamp}${suffix}`;
}
