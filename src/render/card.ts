import { renderTablesText } from '../i18n/en/render-tables.js';
import { local } from '../i18n/text.js';
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
  return keyValueTable(style.green(local(renderTablesText.cardIssued({ where: where ?? '' }))), rows, style, width);
}
