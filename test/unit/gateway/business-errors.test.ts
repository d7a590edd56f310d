import type { LocalGateway } from '../../../src/gateway/index.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { appPublicKey, call, cyclingRandom, METHOD, startTestGateway } from './helpers.js';
import { baseParams, rawCall } from './raw-request.js';

describe('local gateway: 40004 business errors, as the card references list them', () => {
  let gateway: LocalGateway;
  let templateId: string;
  beforeAll(async () => {
    gateway = await startTestGateway({ random: cyclingRandom() });
    templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
  });
  afterAll(() => gateway.close());

  const business = (subCode: string) => ({ code: '40004', msg: 'Business Failed', sub_code: subCode, sub_msg: expect.any(String) });

  it('INVALID_PARAMETER names each field and what would be valid', async () => {
    const biz = cardOpenSample(templateId, 'bad-1');
    biz.card_ext_info.valid_date = '2020-01-01 00:00:00';
    biz.card_user_info.user_uni_id = '123';
    const reply = await call(gateway, METHOD.open, biz);
    expect(reply).toMatchObject({ verified: true, nodeName: 'alipay_marketing_card_open_response', node: business('INVALID_PARAMETER') });
    expect(reply.node.sub_msg).toBe(
      '参数有误: card_user_info.user_uni_id: must be the user\'s Alipay user ID: 16 digits starting with 2088, e.g. 2088302463082075; ' +
        'card_ext_info.valid_date: must be after open_date (2024-05-01 09:30:00)',
    );
    expect(gateway.cards().some((c) => c.out_serial_no === 'bad-1')).toBe(false);
  });

  it('INVALID_PARAMETER for a level the template does not define, and for a missing ASSIGN_FROM_REQUEST field', async () => {
    const biz = cardOpenSample(templateId, 'bad-2');
    biz.card_ext_info.level = 'VIP9';
    delete biz.card_ext_info.balance;
    const reply = await call(gateway, METHOD.open, biz);
    expect(reply.node).toEqual(business('INVALID_PARAMETER'));
    expect(reply.node.sub_msg).toContain('card_ext_info.balance: required by the template');
    expect(reply.node.sub_msg).toContain('card_ext_info.level: must be a level of the template: one of VIP1, VIP2');
  });

  it('INVALID_PARAMETER for a front_image_id the app never uploaded, as card update refuses it; the reference\'s own example id is taken', async () => {
    const biz = cardOpenSample(templateId, 'bad-image');
    biz.card_ext_info.front_image_id = 'NOSUCHIMAGE';
    const reply = await call(gateway, METHOD.open, biz);
    expect(reply.node).toEqual(business('INVALID_PARAMETER'));
    expect(reply.node.sub_msg).toContain('card_ext_info.front_image_id: no image NOSUCHIMAGE uploaded by app');
    expect(gateway.cards().some((c) => c.out_serial_no === 'bad-image')).toBe(false);
    const sample = cardOpenSample(templateId, 'sample-image');
    sample.card_ext_info.front_image_id = '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED';
    expect((await call(gateway, METHOD.open, sample)).node.code).toBe('10000');
  });

  it('INVALID_PARAMETER for biz_content that is not JSON, or missing', async () => {
    const notJson = await call(gateway, METHOD.open, '{"out_serial_no": "x",');
    expect(notJson.node).toEqual(business('INVALID_PARAMETER'));
    expect(notJson.node.sub_msg).toMatch(/^参数有误: biz_content is not valid JSON/);
    const params = baseParams(METHOD.query, {});
    delete params.biz_content;
    expect((await rawCall(gateway, params)).node).toEqual({ ...business('INVALID_PARAMETER'), sub_msg: '参数有误: biz_content is required' });
    expect((await call(gateway, METHOD.query, [1, 2])).node.sub_msg).toBe('参数有误: biz_content must be a JSON object');
  });

  it('INVALID_PARAMETER, not a retryable 20000, for biz_content nested 5,000 deep', async () => {
    const deep = `{"out_serial_no":"deep-1","card_template_id":"${templateId}","member_ext_info":{"name":${'['.repeat(5000)}1${']'.repeat(5000)}}}`;
    const reply = await call(gateway, METHOD.open, deep);
    expect(reply).toMatchObject({ verified: true, node: business('INVALID_PARAMETER') });
    expect(reply.node.sub_msg).toMatch(/^参数有误: biz_content nests deeper than 64 levels \(at position \d+\)$/);
    expect(gateway.cards().some((c) => c.out_serial_no === 'deep-1')).toBe(false);
  });

  it('TEMPLATE_NOT_EXIT for a template that does not exist, or belongs to another app', async () => {
    expect((await call(gateway, METHOD.query, { template_id: '20240501999999999999999999999999' })).node).toEqual(business('TEMPLATE_NOT_EXIT'));
    expect((await call(gateway, METHOD.open, cardOpenSample('20240501999999999999999999999999', 'nt-1'))).node).toEqual(business('TEMPLATE_NOT_EXIT'));
    gateway.registerApp({ appId: '2021000000000002', publicKey: appPublicKey });
    const other = await call(gateway, METHOD.query, { template_id: templateId }, { identity: { appId: '2021000000000002' } });
    expect(other.node).toEqual(business('TEMPLATE_NOT_EXIT'));
  });

  it('NO_CARD_TYPE for a card_type other than OUT_MEMBER_CARD; INVALID_PARAMETER for an invalid template', async () => {
    expect((await call(gateway, METHOD.create, { ...templateSample(), card_type: 'GIFT_CARD' })).node).toEqual(business('NO_CARD_TYPE'));
    const reply = await call(gateway, METHOD.create, { ...templateSample(), biz_no_suffix_len: '40' });
    expect(reply.node).toEqual({ ...business('INVALID_PARAMETER'), sub_msg: '参数有误: biz_no_suffix_len: must be a whole number from 8 to 32' });
  });

  it('SYSTEM_ERROR when no unique biz_card_no can be found (a suffix space used up)', async () => {
    const stuck = await startTestGateway({ random: () => 0.5 });
    try {
      const id = (await call(stuck, METHOD.create, templateSample())).node.template_id;
      expect((await call(stuck, METHOD.open, cardOpenSample(id, 's-1'))).node.card_info.biz_card_no).toBe('prex5555555555');
      expect((await call(stuck, METHOD.open, cardOpenSample(id, 's-2'))).node).toEqual(business('SYSTEM_ERROR'));
      expect(stuck.cards()).toHaveLength(1);
    } finally {
      await stuck.close();
    }
  });
});

describe('local gateway: template create refuses what it would store wrongly', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const business = (subCode: string) => ({ code: '40004', msg: 'Business Failed', sub_code: subCode, sub_msg: expect.any(String) });

  let constTemplates = 0;
  it('INVALID_PARAMETER at template create for a CONST value no card could carry, naming the rule', async () => {
    const withRules = (...rules: Array<[string, string]>) => ({
      ...templateSample(),
      request_id: `const-${++constTemplates}`,
      field_rule_list: rules.map(([field_name, rule_value]) => ({ field_name, rule_name: 'CONST', rule_value })),
    });
    const reply = await call(gateway, METHOD.create, withRules(['Balance', 'abc'], ['Point', 'x.yz'], ['Level', 'VIP9']));
    expect(reply.node).toEqual(business('INVALID_PARAMETER'));
    expect(reply.node.sub_msg).toBe(
      '参数有误: field_rule_list[0].rule_value: must be an amount in yuan with two decimals, e.g. 124.89 or 100.00 (a CONST Balance goes onto every card as it is); ' +
        'field_rule_list[1].rule_value: must be a number with at most two decimals, e.g. 88 or 88.5 (a CONST Point goes onto every card as it is); ' +
        "field_rule_list[2].rule_value: must be one of the template's levels: VIP1, VIP2 (a CONST Level goes onto every card as it is)",
    );
    const dates = await call(gateway, METHOD.create, withRules(['ValidDate', 'next year']));
    expect(dates.node.sub_msg).toMatch(/^参数有误: field_rule_list\[0\]\.rule_value: must be 'yyyy-MM-dd HH:mm:ss'/);

    const good = await call(gateway, METHOD.create, withRules(['Balance', '10.00'], ['Point', '88.5'], ['Level', 'VIP2'], ['ValidDate', '2030-01-01 00:00:00']));
    expect(good.node.code).toBe('10000');
    const biz = cardOpenSample(good.node.template_id, 'const-1');
    delete biz.card_ext_info.level;
    const card = (await call(gateway, METHOD.open, biz)).node.card_info;
    expect(card).toMatchObject({ balance: '10.00', point: '88.5', level: 'VIP2', valid_date: '2030-01-01 00:00:00' });
  });

  it('INVALID_PARAMETER at template create for a member no reference lists, at any depth', async () => {
    const biz = templateSample();
    biz.request_id = 'unknown-members';
    biz.unknown_field = 'zzz';
    biz.template_style_info.font = 'serif';
    biz.column_info_list[0].more_info.extra = 1;
    const reply = await call(gateway, METHOD.create, biz);
    expect(reply.node).toEqual(business('INVALID_PARAMETER'));
    const remove = 'is not a member of a card template (template.create and template.modify references): remove it';
    expect(reply.node.sub_msg).toBe(`参数有误: template_style_info.font: ${remove}; column_info_list[0].more_info.extra: ${remove}; unknown_field: ${remove}`);
    expect(gateway.templates().some((t) => t.request_id === 'unknown-members')).toBe(false);
  });

  it('REQUEST_ID_CONFLICT for a request_id reused with a different template; the same template again is a replay', async () => {
    const first = await call(gateway, METHOD.create, { ...templateSample(), request_id: 'reused-1', biz_no_prefix: 'AAA' });
    const reordered = Object.fromEntries(Object.entries({ ...templateSample(), request_id: 'reused-1', biz_no_prefix: 'AAA', biz_no_suffix_len: 10 }).reverse());
    expect((await call(gateway, METHOD.create, reordered)).node).toEqual({ code: '10000', msg: 'Success', template_id: first.node.template_id });
    const other = await call(gateway, METHOD.create, { ...templateSample(), request_id: 'reused-1', biz_no_prefix: 'BBB' });
    expect(other.node).toEqual({
      ...business('REQUEST_ID_CONFLICT'),
      sub_msg: `请求号已用于另一个请求: request_id reused-1 already created template ${first.node.template_id} from a different template; reuse a request_id only to retry the same create`,
    });
    expect((await call(gateway, METHOD.query, { template_id: first.node.template_id })).node.biz_no_prefix).toBe('AAA');
  });
});
