import { renderTablesText } from '../i18n/en/render-tables.js';
import { local } from '../i18n/text.js';
import { flatten } from './flatten.js';
import type { Style } from './style.js';
import { keyValueTable } from './tables.js';

/** Where the answer came from, said in the title (the local gateway), and the terminal's width. */
export interface Shown {
  where?: string;
  width?: number;
}

/** A card.query answer: the card, its level with the template's name for it, and whether it is in the member's wallet. */
export function renderQueriedCard(node: Record<string, unknown>, levelName: string | undefined, style: Style, shown: Shown = {}): string {
  const card = (node.card_info ?? {}) as Record<string, unknown>;
  const rows: Array<[string, string]> = [];
  for (const [key, value] of flatten(card)) {
    if (key === 'level' && levelName !== undefined && levelName !== value) rows.push([key, local(renderTablesText.levelWithName({ level: value, name: levelName }))]);
    else rows.push([key, value]);
  }
  const schema = typeof node.schema_url === 'string' ? node.schema_url : '';
  // The reference: schema_url empty or absent means the card is not in the member's wallet.
  rows.push([local(renderTablesText.inWallet()), local(schema === '' ? renderTablesText.inWalletNo() : renderTablesText.inWalletYes())]);
  if (schema !== '') rows.push(['schema_url', schema]);
  if (typeof node.pass_id === 'string') rows.push(['pass_id', node.pass_id]);
  for (const [key, value] of Object.entries(node)) {
    if (!['code', 'msg', 'card_info', 'schema_url', 'pass_id'].includes(key)) rows.push(...flatten(value, key));
  }
  return keyValueTable(style.green(local(renderTablesText.card({ where: shown.where ?? '' }))), rows, style, shown.width);
}

/** Each field an update sets, with the card's value before it (when it was known). */
export function changeRows(before: Record<string, unknown> | undefined, after: Record<string, unknown>): Array<[string, string, string]> {
  const old = new Map(flatten(before ?? {}));
  return flatten(after).map(([key, value]) => [key, old.get(key) ?? (before ? local(renderTablesText.none()) : '?'), value]);
}

export function renderUpdatedCard(cardNo: string, rows: ReadonlyArray<[string, string, string]>, style: Style, shown: Shown = {}): string {
  return keyValueTable(style.green(local(renderTablesText.cardUpdated({ cardNo, where: shown.where ?? '' }))), rows.map(([key, was, now]) => [key, `${was} → ${now}`]), style, shown.width);
}

export function renderDeletedCard(cardNo: string, outSerialNo: string, reason: string, node: Record<string, unknown>, style: Style, shown: Shown = {}): string {
  const rows: Array<[string, string]> = [['target_card_no', cardNo], ['reason_code', reason], ['out_serial_no', outSerialNo]];
  if (node.sub_code === 'CARD_IS_DELETED_ALREADY') rows.push([local(renderTablesText.note()), local(renderTablesText.alreadyDeleted())]);
  if (typeof node.biz_serial_no === 'string') rows.push(['biz_serial_no', node.biz_serial_no]);
  return keyValueTable(style.green(local(renderTablesText.cardDeleted({ cardNo, where: shown.where ?? '' }))), rows, style, shown.width);
}
