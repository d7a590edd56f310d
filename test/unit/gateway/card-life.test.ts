import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/errors.js';
import { startGateway, type LocalGateway } from '../../../src/gateway/index.js';
import { StateLogWriteError } from '../../../src/gateway/state-log.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { buildRequest } from '../../../src/client/request.js';
import { png } from '../../e2e/images.js';
import { APP_ID, call, identity, METHOD, readReply, startTestGateway, TIMESTAMP } from './helpers.js';

const QUERY = 'alipay.marketing.card.query';
const UPDATE = 'alipay.marketing.card.update';
const DELETE = 'alipay.marketing.card.delete';
/** An image uploaded as alipay-sdk uploads one: signed by buildRequest, multipart over real HTTP. */
async function upload(gateway: LocalGateway, bytes: Buffer) {
  const request = buildRequest(gateway.url, {
    method: 'alipay.offline.material.image.upload', timestamp: TIMESTAMP,
    textParams: { image_type: 'png', image_name: 'face' }, file: { field: 'image_content', filename: 'face.png', contentType: 'image/png', bytes },
  }, identity());
  return readReply(await fetch(request.url, { method: 'POST', headers: { 'content-type': request.contentType }, body: request.body }), gateway.alipayPublicKey);
}
const tempDir = () => mkdtempSync(join(tmpdir(), 'gateway-card-life-'));
const update = (cardNo: string, cardInfo: Record<string, unknown>) => ({ target_card_no: cardNo, target_card_no_type: 'BIZ_CARD', occur_time: '2024-05-01 10:00:00', card_info: cardInfo });
const remove = (cardNo: string, serial: string, reason = 'USER_UNBUND') => ({ out_serial_no: serial, target_card_no: cardNo, target_card_no_type: 'BIZ_CARD', reason_code: reason });
const query = (cardNo: string, extra: Record<string, unknown> = {}) => ({ target_card_no: cardNo, target_card_no_type: 'BIZ_CARD', ...extra });

async function withCard(gateway: LocalGateway, serial: string): Promise<{ templateId: string; cardNo: string }> {
  const existing = gateway.templates()[0]?.template_id;
  const templateId = existing ?? (await call(gateway, METHOD.create, templateSample())).node.template_id;
  const cardNo = (await call(gateway, METHOD.open, cardOpenSample(templateId, serial))).node.card_info.biz_card_no;
  return { templateId, cardNo };
}

describe('local gateway: card query, update and delete as Alipay answers them', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('query answers the card now; update sets values and keeps its dates; delete keeps the reason and hides the card from query', async () => {
    const { templateId, cardNo } = await withCard(gateway, 'life-1');
    const q = await call(gateway, QUERY, query(cardNo));
    expect(q.node).toMatchObject({ code: '10000', card_info: { biz_card_no: cardNo, point: '100', level: 'VIP1', template_id: templateId }, pass_id: expect.stringMatching(/^\d+$/) });

    const u = await call(gateway, UPDATE, update(cardNo, { point: '500', balance: '1.00', level: 'VIP2', open_date: '2020-01-01 00:00:00', valid_date: '2099-01-01 00:00:00' }));
    expect(u.node).toEqual({ code: '10000', msg: 'Success' });
    const after = (await call(gateway, QUERY, query(cardNo))).node.card_info;
    expect(after).toMatchObject({ point: '500', balance: '1.00', level: 'VIP2', open_date: q.node.card_info.open_date, valid_date: q.node.card_info.valid_date });
    expect(after.valid_date).not.toBe('2099-01-01 00:00:00');

    const d = await call(gateway, DELETE, remove(cardNo, 'del-1', 'PRESENT'));
    expect(d.node).toMatchObject({ code: '10000', biz_serial_no: expect.stringMatching(/^20240501\d{16}$/) });
    expect((await call(gateway, DELETE, remove(cardNo, 'del-1', 'PRESENT'))).node.biz_serial_no).toBe(d.node.biz_serial_no);
    expect((await call(gateway, DELETE, remove(cardNo, 'del-2'))).node).toMatchObject({ code: '40004', sub_code: 'CARD_IS_DELETED_ALREADY' });
    expect((await call(gateway, QUERY, query(cardNo))).node).toMatchObject({ code: '40004', sub_code: 'CARD_NOT_EXIT' });
    expect((await call(gateway, UPDATE, update(cardNo, { point: '1' }))).node).toMatchObject({ code: '40004', sub_code: 'CARD_NOT_EXIT' });
    const view = gateway.cards().find((c) => c.biz_card_no === cardNo)!;
    expect(view.state).toMatchObject({ status: 'DELETED', reason_code: 'PRESENT' });
    expect(view.history.map((h) => h.action)).toEqual(['open', 'update', 'delete']);
  });

  it('the same out_serial_no with another card, reason_code or ext_info is OUT_SERIAL_NO_CONFLICT; CARD_IS_DELETED_ALREADY names the reason the card holds', async () => {
    const { cardNo } = await withCard(gateway, 'life-3');
    const { cardNo: otherCard } = await withCard(gateway, 'life-4');
    const first = await call(gateway, DELETE, { ...remove(cardNo, 'del-3'), ext_info: '{"new_card_no":"1"}' });
    expect(first.node).toMatchObject({ code: '10000' });
    const conflict = async (biz: Record<string, unknown>) => (await call(gateway, DELETE, biz)).node;
    expect(await conflict({ ...remove(cardNo, 'del-3', 'CANCEL'), ext_info: '{"new_card_no":"1"}' })).toMatchObject({ sub_code: 'OUT_SERIAL_NO_CONFLICT', sub_msg: expect.stringContaining('reason_code USER_UNBUND, not CANCEL') });
    expect(await conflict(remove(cardNo, 'del-3'))).toMatchObject({ sub_code: 'OUT_SERIAL_NO_CONFLICT', sub_msg: expect.stringContaining('ext_info') });
    expect(await conflict({ ...remove(otherCard, 'del-3'), ext_info: '{"new_card_no":"1"}' })).toMatchObject({ sub_code: 'OUT_SERIAL_NO_CONFLICT' });
    // The same request again: the delete done, as it was answered.
    expect((await conflict({ ...remove(cardNo, 'del-3'), ext_info: '{"new_card_no":"1"}' })).biz_serial_no).toBe(first.node.biz_serial_no);
    const again = await conflict(remove(cardNo, 'del-4', 'CANCEL'));
    expect(again).toMatchObject({ sub_code: 'CARD_IS_DELETED_ALREADY', sub_msg: expect.stringContaining('with reason_code USER_UNBUND') });
    expect(gateway.cards().find((c) => c.biz_card_no === cardNo)!.state).toMatchObject({ status: 'DELETED', reason_code: 'USER_UNBUND' });
  });

  it('refuses mdcode_info for a card whose template is not mdbarcode/mdqrcode, and a front_image_id the app did not upload (INVALID_PARAMETER)', async () => {
    const { cardNo } = await withCard(gateway, 'life-5');
    const md = await call(gateway, UPDATE, update(cardNo, { mdcode_info: { code_status: 'SUCCESS', code_value: 'QR-5', expire_time: '2030-01-01 00:00:00' } }));
    expect(md.node).toMatchObject({ code: '40004', sub_code: 'INVALID_PARAMETER', sub_msg: expect.stringContaining("card_info.mdcode_info: only a card whose template's write_off_type is mdbarcode, mdqrcode takes the merchant's dynamic code") });
    expect(md.node.sub_msg).toContain('has qrcode');
    const image = await call(gateway, UPDATE, update(cardNo, { front_image_id: 'NOSUCHIMAGE' }));
    expect(image.node).toMatchObject({ sub_code: 'INVALID_PARAMETER', sub_msg: expect.stringContaining('card_info.front_image_id: no image NOSUCHIMAGE uploaded by app') });
    const imageId = (await upload(gateway, png(230, 295, [10, 20, 30]))).node.image_id as string;
    expect((await call(gateway, UPDATE, update(cardNo, { front_image_id: imageId }))).node.code).toBe('10000');
    expect((await call(gateway, QUERY, query(cardNo))).node.card_info).toMatchObject({ front_image_id: imageId });
    // The card open reference's own example id, which card update --help shows, is taken as template create takes the references' ids.
    expect((await call(gateway, UPDATE, update(cardNo, { front_image_id: '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED' }))).node.code).toBe('10000');
    expect((await call(gateway, QUERY, query(cardNo))).node.card_info.mdcode_info).toBeUndefined();
  });

  it('answers each refusal with its sub_code', async () => {
    const { cardNo } = await withCard(gateway, 'life-2');
    const sub = async (method: string, biz: unknown) => (await call(gateway, method, biz)).node.sub_code;
    expect(await sub(QUERY, query(cardNo, { target_card_no_type: 'PHONE' }))).toBe('NO_CARD_TYPE');
    expect(await sub(UPDATE, { ...update(cardNo, { point: '1' }), target_card_no_type: 'D_QR_CODE' })).toBe('NO_CARD_TYPE');
    expect(await sub(QUERY, query('NOSUCHCARD'))).toBe('CARD_NOT_EXIT');
    expect(await sub(DELETE, remove('NOSUCHCARD', 'x-1'))).toBe('CARD_NOT_EXIT');
    expect(await sub(QUERY, query(cardNo, { card_user_info: { user_uni_id: '2088000000000009', user_uni_id_type: 'UID' } }))).toBe('CARD_NOT_EXIT');
    expect(await sub(UPDATE, update(cardNo, { level: 'VIP9' }))).toBe('INVALID_PARAMETER');
    expect(await sub(UPDATE, update(cardNo, { balance: '1.234' }))).toBe('INVALID_PARAMETER');
    expect(await sub(UPDATE, { ...update(cardNo, { template_id: 'T2' }), mcard_style_info: { bg_color: 'rgb(0,0,0)' } })).toBe('INVALID_PARAMETER');
    expect(await sub(DELETE, remove(cardNo, 'x-2', 'LOST'))).toBe('INVALID_PARAMETER');
    // By the merchant's dynamic code, once a push of it succeeded (on a card whose template takes one).
    const push = { mdcode_info: { code_status: 'SUCCESS', code_value: 'QR-123', expire_time: '2030-01-01 00:00:00', time_stamp: 1496996459 } };
    const dynamic = (await call(gateway, METHOD.create, { ...templateSample(), request_id: 'req-md-1', write_off_type: 'mdqrcode', mdcode_notify_conf: { url: 'https://example.com/mdcode' } })).node.template_id;
    const dynamicCard = (await call(gateway, METHOD.open, cardOpenSample(dynamic, 'life-md'))).node.card_info.biz_card_no;
    expect((await call(gateway, UPDATE, update(dynamicCard, push))).node.code).toBe('10000');
    expect((await call(gateway, QUERY, query('QR-123', { target_card_no_type: 'D_QR_CODE' }))).node.card_info.biz_card_no).toBe(dynamicCard);
    expect(await sub(QUERY, query('QR-999', { target_card_no_type: 'D_BAR_CODE' }))).toBe('CARD_NOT_EXIT');
    // By the merchant's own number too.
    expect((await call(gateway, QUERY, query('EXT-life-2', { target_card_no_type: 'EXTERNAL_CARD' }))).node.card_info.biz_card_no).toBe(cardNo);
  });
});

describe('local gateway: card changes are on disk before they are answered', () => {
  it('a store whose log refuses a change is left as it was', async () => {
    const { GatewayStore } = await import('../../../src/gateway/store.js');
    const store = new GatewayStore();
    store.addCard({ app_id: APP_ID, out_serial_no: 's', biz_card_no: 'N1', card_template_id: 'T1', user_uni_id: '2088000000000001', user_uni_id_type: 'UID', fields: { open_date: 'a', valid_date: 'b', point: '1' }, created_at: 'x', request_digest: 'd' });
    store.persist = () => {
      throw new StateLogWriteError('/x/gw.json.log', new Error('ENOSPC'));
    };
    expect(() => store.addCardChange({ app_id: APP_ID, biz_card_no: 'N1', seq: 1, action: 'update', at: 'x', card_info: { point: '2' } })).toThrow(StateLogWriteError);
    expect(store.cardState(APP_ID, 'N1')).toMatchObject({ fields: { point: '1' }, changes: [] });
    expect(store.cardChanges()).toEqual([]);
    expect(store.revision).toBe(1);
  });

  it('keeps updates, a template move and a delete through a clean restart and through a kill (state file + log as left)', async () => {
    const dir = tempDir();
    const statePath = join(dir, 'gw.json');
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 600_000 });
    const killed = join(dir, 'killed.json');
    let cardNo: string;
    let deleted: string;
    try {
      ({ cardNo } = await withCard(gateway, 'k-1'));
      ({ cardNo: deleted } = await withCard(gateway, 'k-2'));
      const moved = (await call(gateway, METHOD.create, { ...templateSample(), request_id: 'req-2' })).node.template_id;
      await call(gateway, UPDATE, update(cardNo, { point: '500', template_id: moved }));
      await call(gateway, DELETE, remove(deleted, 'del-k', 'CANCEL'));
      // What kill -9 leaves: the state file as last written (before the changes), and the log.
      copyFileSync(statePath, killed);
      copyFileSync(`${statePath}.log`, `${killed}.log`);
      expect(readFileSync(`${statePath}.log`, 'utf8')).toContain('"card_change"');
    } finally {
      await gateway.close();
    }
    for (const path of [statePath, killed]) {
      const restarted = await startGateway({ statePath: path });
      try {
        const views = restarted.cards();
        expect(views.find((c) => c.biz_card_no === cardNo)!.state).toMatchObject({ status: 'ACTIVE', card_info: { point: '500' } });
        expect(views.find((c) => c.biz_card_no === cardNo)!.state.template_id).not.toBe(views[0]!.card_template_id);
        expect(views.find((c) => c.biz_card_no === deleted)!.state).toMatchObject({ status: 'DELETED', reason_code: 'CANCEL' });
        expect(views.flatMap((c) => c.history.map((h) => h.action))).toEqual(['open', 'update', 'open', 'delete']);
        // Put back once, not again at the next start.
        await restarted.flush();
      } finally {
        await restarted.close();
      }
      const again = await startGateway({ statePath: path });
      expect(again.cards().flatMap((c) => c.history)).toHaveLength(4);
      await again.close();
    }
  });

  it('a state file whose card change names no card is a configuration error naming the entry', async () => {
    const statePath = join(tempDir(), 'gw.json');
    writeFileSync(statePath, JSON.stringify({ version: 1, apps: [], templates: [], cards: [], card_changes: [{ app_id: APP_ID, biz_card_no: 'N9', seq: 1, action: 'update', at: 'x' }] }));
    const err = await startGateway({ statePath }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('card_changes[0] is a change of card N9, which is not among the cards');
  });
});
