/**
 * The write_off_types whose cards carry a dynamic code the merchant pushes (card update's
 * mdcode_info, the template's mdcode_notify_conf). A module of its own: card update, on every
 * command's start-up path, needs these two words, not the template checks they were kept with.
 */
export const DYNAMIC_CODE_WRITE_OFFS: readonly string[] = ['mdbarcode', 'mdqrcode'];
