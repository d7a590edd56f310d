import type { LocalGateway } from '../../../src/gateway/index.js';
import { formatTimestamp } from '../../../src/protocol/index.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { appPublicKey, call, METHOD, NOW, startTestGateway } from './helpers.js';

describe('local gateway: out_serial_no idempotency and concurrency', () => {
  let gateway: LocalGateway;
  let templateId: string;
  beforeAll(async () => {
    gateway = await startTestGateway();
    templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
  });
  afterAll(() => gateway.close());

  it('answers a replay with the same card, even re-signed later with members in another order', async () => {
    const biz = cardOpenSample(templateId, 'replay-1');
    const first = await call(gateway, METHOD.open, biz);
    const reordered = Object.fromEntries(Object.entries(biz).reverse());
    const later = formatTimestamp(new Date(NOW.getTime() + 60_000));
    const again = await call(gateway, METHOD.open, reordered, { timestamp: later });
    expect(again.node).toEqual(first.node);
    expect(gateway.cards().filter((c) => c.out_serial_no === 'replay-1')).toHaveLength(1);
  });

  it('refuses a different request under a serial already used, naming the card it issued', async () => {
    const first = await call(gateway, METHOD.open, cardOpenSample(templateId, 'replay-2'));
    const changed = cardOpenSample(templateId, 'replay-2');
    changed.card_ext_info.balance = '1.00';
    const reply = await call(gateway, METHOD.open, changed);
    expect(reply.node).toEqual({
      code: '40004',
      msg: 'Business Failed',
      sub_code: 'OUT_SERIAL_NO_CONFLICT',
      sub_msg: expect.stringContaining(`out_serial_no replay-2 already issued card ${first.node.card_info.biz_card_no} for a different request`),
    });
    expect(gateway.cards().filter((c) => c.out_serial_no === 'replay-2')).toHaveLength(1);
  });

  it('issues 100 distinct cards for 100 concurrent opens with distinct serials', async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => call(gateway, METHOD.open, cardOpenSample(templateId, `par-${i}`))));
    expect(replies.every((r) => r.verified && r.node.code === '10000')).toBe(true);
    const numbers = new Set(replies.map((r) => r.node.card_info.biz_card_no));
    expect(numbers.size).toBe(100);
    const stored = gateway.cards().filter((c) => c.out_serial_no.startsWith('par-'));
    expect(stored).toHaveLength(100);
    expect(new Set(stored.map((c) => c.biz_card_no))).toEqual(numbers);
  });

  it('issues one card for 20 concurrent copies of one request', async () => {
    const biz = cardOpenSample(templateId, 'same-20');
    const replies = await Promise.all(Array.from({ length: 20 }, () => call(gateway, METHOD.open, biz)));
    expect(new Set(replies.map((r) => r.node.card_info.biz_card_no)).size).toBe(1);
    expect(gateway.cards().filter((c) => c.out_serial_no === 'same-20')).toHaveLength(1);
  });

  it('scopes serials per app: another app may use the same out_serial_no for its own card', async () => {
    gateway.registerApp({ appId: '2021000000000003', publicKey: appPublicKey });
    const other = { identity: { appId: '2021000000000003' } };
    const theirTemplate = (await call(gateway, METHOD.create, templateSample(), other)).node.template_id;
    const reply = await call(gateway, METHOD.open, cardOpenSample(theirTemplate, 'replay-1'), other);
    expect(reply.node.code).toBe('10000');
  });
});
