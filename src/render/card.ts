import { flatten } from './flatten.js';
import type { Style } from './style.js';
import { keyValueTable } from './tables.js';

/** A card open answer: the card as Alipay issued it, then the channel fields; `where` qualifies "issued" (the local gateway). */
export function renderIssuedCard(node: Record<string, unknown>, outSerialNo: string | undefined, style: Style, where?: string, width?: number): string {
  const card = flatten(node.card_info);
  const extra = Object.entries(node)
    .filter(([k]) => !['code', 'msg', 'sub_code', 'sub_msg', 'card_info'].includes(k))
    .flatMap(([k, v]) => flatten(v, k));
  const rows: Array<[string, string]> = [...(outSerialNo ? [['out_serial_no', outSerialNo] as [string, string]] : []), ...card, ...extra];
  return keyValueTable(style.green(where ? `✓ Card issued ${where}` : '✓ Card issued'), rows, style, width);
}
