import { randomBytes } from 'node:crypto';
import { generateOutSerialNo } from '../../cards/card-open-fields.js';
import { CARD_DELETE_METHOD, CARD_QUERY_METHOD, CARD_UPDATE_METHOD } from '../../cards/methods.js';
import type { GatewayClient } from '../../client/client.js';
import { demoRunText } from '../../i18n/en/demo-run.js';
import { local } from '../../i18n/text.js';
import { formatTimestamp } from '../../protocol/index.js';
import { flatten } from '../../render/flatten.js';
import type { Style } from '../../render/style.js';
import { keyValueTable } from '../../render/tables.js';

/** The rest of the demo card's life, each answer as the gateway sent it. */
export interface DemoLife {
  update: Record<string, unknown>;
  query: Record<string, unknown>;
  delete: Record<string, unknown>;
}

/**
 * The demo card's points raised by 100, the card looked up to show them, then deleted (USER_UNBUND):
 * what `card update`, `card query` and `card delete` do, shown with the same calls.
 */
export async function demoCardLife(client: Pick<GatewayClient, 'call'>, cardNo: string, point: string, now: Date): Promise<DemoLife> {
  const target = { target_card_no: cardNo, target_card_no_type: 'BIZ_CARD' };
  const newPoint = String(Number(point) + 100);
  const call = async (method: string, biz: Record<string, unknown>) => (await client.call(method, { bizContent: JSON.stringify(biz), retrySafe: true })).node;
  const update = await call(CARD_UPDATE_METHOD, { ...target, occur_time: formatTimestamp(now), card_info: { point: newPoint }, merchant_card_msg_info: { changed_point: '100' } });
  const query = await call(CARD_QUERY_METHOD, target);
  const removed = await call(CARD_DELETE_METHOD, { ...target, out_serial_no: generateOutSerialNo(now, randomBytes(8)), reason_code: 'USER_UNBUND' });
  return { update, query, delete: removed };
}

export function renderDemoLife(cardNo: string, life: DemoLife, style: Style): string {
  // Three tables, each titled whole in the person's language, one after the other.
  const updated = keyValueTable(local(demoRunText.cardUpdated({ cardNo })), [['code', String(life.update.code)]], style);
  const queried = keyValueTable(local(demoRunText.cardLookedUp()), flatten(life.query.card_info), style);
  const deleted = keyValueTable(local(demoRunText.cardDeleted()), [['biz_serial_no', String(life.delete.biz_serial_no)]], style);
  return [updated, queried, deleted].join('\n');
}
