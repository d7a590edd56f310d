import iconv from 'iconv-lite';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { buildSignContent, encodeForm, signContent } from '../../../src/protocol/index.js';
import { appPrivateKey, call, cyclingRandom, METHOD, postRaw, readReply, startTestGateway } from './helpers.js';
import { baseParams, rawCall } from './raw-request.js';

describe('local gateway: GBK and GB2312 requests with Chinese text', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ random: cyclingRandom() });
  });
  afterAll(() => gateway.close());

  it.each(['gbk', 'gb2312'] as const)('%s: decodes the form, verifies over %s bytes, answers in %s', async (charset) => {
    const created = await call(gateway, METHOD.create, { ...templateSample(), request_id: `req-${charset}` }, { identity: { charset } });
    expect(created).toMatchObject({ verified: true, contentType: `application/json;charset=${charset}`, node: { code: '10000' } });
    const queried = await call(gateway, METHOD.query, { template_id: created.node.template_id }, { identity: { charset } });
    expect(queried.verified).toBe(true);
    expect(queried.node.template_style_info.card_show_name).toBe('花呗联名卡');

    const biz = cardOpenSample(created.node.template_id, `cn-${charset}`);
    biz.member_ext_info.name = '王小明';
    const opened = await call(gateway, METHOD.open, biz, { identity: { charset } });
    expect(opened).toMatchObject({ verified: true, node: { code: '10000', card_info: { front_text_list: [{ label: '专业', value: '金融贸易' }] } } });
    expect(gateway.cards().find((c) => c.out_serial_no === `cn-${charset}`)?.member_ext_info?.name).toBe('王小明');
  });

  it('writes the answer body in the request charset, byte for byte', async () => {
    const created = await call(gateway, METHOD.create, { ...templateSample(), request_id: 'req-bytes' }, { identity: { charset: 'gbk' } });
    const queried = await call(gateway, METHOD.query, { template_id: created.node.template_id }, { identity: { charset: 'gbk' } });
    // The reply decoded as GBK reads right; the same bytes as UTF-8 would not.
    expect(queried.text).toContain('"card_show_name":"花呗联名卡"');
    expect(iconv.encode(queried.text, 'gbk').includes(iconv.encode('花呗联名卡', 'gbk'))).toBe(true);
  });

  it('refuses a GBK request signed over UTF-8 bytes (the mistake Alipay\'s Node SDK makes)', async () => {
    const params = { ...baseParams(METHOD.query, { template_id: '模板一' }), charset: 'GBK' };
    const reply = await rawCall(gateway, params, { signCharset: 'utf-8', formCharset: 'gbk' });
    expect(reply.node).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
    expect(reply.node.sub_msg).toContain('biz_content={&quot;template_id&quot;:&quot;模板一&quot;}');
    const right = await rawCall(gateway, params, { signCharset: 'gbk', formCharset: 'gbk' });
    expect(right.node).toMatchObject({ code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' });
  });

  it('takes the charset from the Content-Type when no charset param says it', async () => {
    const params = baseParams(METHOD.query, { template_id: '模板' });
    delete params.charset;
    const sign = signContent(buildSignContent(params), appPrivateKey, 'RSA2', 'gbk');
    const response = await postRaw(gateway.url, '', encodeForm({ ...params, sign }, 'gbk'), 'application/x-www-form-urlencoded;charset=GBK');
    const reply = await readReply(response, gateway.alipayPublicKey);
    expect(reply).toMatchObject({ verified: true, node: { sub_code: 'TEMPLATE_NOT_EXIT' } });
  });
});
