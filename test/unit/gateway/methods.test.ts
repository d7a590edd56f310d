import { definitionOf } from '../../../src/cards/template-request.js';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { call, cyclingRandom, METHOD, startTestGateway } from './helpers.js';

describe('local gateway: template create, template query, card open', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ random: cyclingRandom() });
  });
  afterAll(() => gateway.close());

  it('creates a template, answers it back section by section, and opens a card with its rules applied', async () => {
    const created = await call(gateway, METHOD.create, templateSample());
    expect(created).toMatchObject({ status: 200, verified: true, nodeName: 'alipay_marketing_card_template_create_response' });
    expect(created.node).toEqual({ code: '10000', msg: 'Success', template_id: expect.stringMatching(/^20240501\d{24}$/) });
    expect(created.contentType).toBe('application/json;charset=utf-8');
    const templateId = created.node.template_id as string;

    const queried = await call(gateway, METHOD.query, { template_id: templateId });
    const { request_id: _r, ...definition } = definitionOf(templateSample());
    expect(queried.verified).toBe(true);
    expect(queried.node).toEqual({ code: '10000', msg: 'Success', ...definition });

    const opened = await call(gateway, METHOD.open, cardOpenSample(templateId));
    expect(opened.verified).toBe(true);
    const card = opened.node.card_info;
    expect(opened.node).toMatchObject({ code: '10000', msg: 'Success' });
    expect(card).toEqual({
      biz_card_no: expect.stringMatching(/^prex\d{10}$/),
      external_card_no: 'EXT-201606270000001',
      open_date: '2024-05-01 09:30:00',
      valid_date: '2025-03-01 09:30:00', // DATE_IN_FUTURE 10m from the gateway's clock
      level: 'VIP1',
      point: '100', // CONST
      balance: '124.89', // ASSIGN_FROM_REQUEST
      front_text_list: [{ label: '专业', value: '金融贸易' }],
    });

    expect(gateway.cards()).toEqual([
      expect.objectContaining({ out_serial_no: '201606270000001', biz_card_no: card.biz_card_no, card_template_id: templateId, user_uni_id: '2088302463082075', fields: card }),
    ]);
    expect(gateway.templates()).toEqual([expect.objectContaining({ template_id: templateId, template: definition })]);
  });

  it('answers the same template_id for the same request_id', async () => {
    const first = await call(gateway, METHOD.create, { ...templateSample(), request_id: 'same-request' });
    const second = await call(gateway, METHOD.create, { ...templateSample(), request_id: 'same-request' });
    expect(second.node.template_id).toBe(first.node.template_id);
  });
});
