import { getPath, setPath } from './card-open-fields.js';

/**
 * What `card open` and `card batch` fill in when a request leaves it out, so that one card issued
 * by either command is built the same way (DESIGN section 4).
 */
export interface CardOpenDefaults {
  /** Called only when the request carries no out_serial_no. */
  outSerialNo: () => string;
  /** 'yyyy-MM-dd HH:mm:ss' in Asia/Shanghai, used when open_date is missing. */
  openDate: string;
}

export function applyCardOpenDefaults(biz: Record<string, unknown>, defaults: CardOpenDefaults): void {
  if (getPath(biz, 'out_serial_no') === undefined) setPath(biz, 'out_serial_no', defaults.outSerialNo());
  if (getPath(biz, 'card_user_info.user_uni_id') !== undefined && getPath(biz, 'card_user_info.user_uni_id_type') === undefined) {
    setPath(biz, 'card_user_info.user_uni_id_type', 'UID');
  }
  if (getPath(biz, 'card_ext_info.open_date') === undefined) setPath(biz, 'card_ext_info.open_date', defaults.openDate);
  // The reference requires external_card_no for OUT_MEMBER_CARD; the serial is unique per request.
  if (getPath(biz, 'card_ext_info.external_card_no') === undefined) setPath(biz, 'card_ext_info.external_card_no', biz.out_serial_no);
}
