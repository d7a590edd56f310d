import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commonFieldsText } from '../../../src/cards/member-form.js';
import { formatTimestamp } from '../../../src/protocol/index.js';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { templateSample } from '../cards/samples.js';
import { call, METHOD, NOW, startTestGateway } from './helpers.js';

const TOKEN = 'alipay.system.oauth.token';
const FORM = 'alipay.marketing.card.formtemplate.set';
const LINK = 'alipay.marketing.card.activateurl.apply';
const ANSWERS = 'alipay.marketing.card.activateform.query';

describe('local gateway: the member side of sign-up, on its clock', () => {
  let now = NOW;
  let gateway: LocalGateway;
  let catcher: Server;
  const caught: URL[] = [];
  let templateId: string;
  const at = () => ({ timestamp: formatTimestamp(now) });

  beforeAll(async () => {
    gateway = await startTestGateway({ clock: () => now });
    catcher = createServer((req, res) => {
      caught.push(new URL(req.url ?? '/', 'http://x'));
      res.end('ok');
    });
    await new Promise<void>((r) => catcher.listen(0, '127.0.0.1', () => r()));
    templateId = (await call(gateway, METHOD.create, templateSample(), at())).node.template_id;
  });
  afterAll(async () => {
    catcher.close();
    await gateway.close();
  });

  /** A member signs up through a fresh link; the auth_code and request_id their callback carried. */
  async function signUp(userId: string): Promise<{ code: string; requestId: string }> {
    const link = (await call(gateway, LINK, { template_id: templateId, callback: `http://127.0.0.1:${(catcher.address() as AddressInfo).port}/cb` }, at())).node.apply_card_url;
    const base = gateway.url.replace(/\/gateway\.do$/, '');
    const visit = await fetch(`${base}/_local/members`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ link, user_id: userId, answers: { OPEN_FORM_FIELD_MOBILE: '13800000000' } }) });
    expect(visit.status).toBe(200);
    const url = caught[caught.length - 1]!;
    return { code: url.searchParams.get('auth_code')!, requestId: url.searchParams.get('request_id')! };
  }

  it('a link needs a form; the form needs its rules; the answers go to the token of their member only', async () => {
    expect((await call(gateway, LINK, { template_id: templateId, callback: 'https://a.example/cb' }, at())).node.sub_code).toBe('OPEN_FORM_TEMPLATE_NOT_EXIST');
    const dup = await call(gateway, FORM, { template_id: templateId, fields: { required: commonFieldsText(['OPEN_FORM_FIELD_MOBILE']), optional: commonFieldsText(['OPEN_FORM_FIELD_MOBILE']) } }, at());
    expect(dup.node.sub_code).toBe('DUPLICATE_FORM_FIELD');
    const bad = await call(gateway, FORM, { template_id: templateId, fields: { required: commonFieldsText(['OPEN_FORM_FIELD_SHOE']) } }, at());
    expect(bad.node.sub_code).toBe('FORM_FIELD_INVALID');
    expect((await call(gateway, FORM, { template_id: templateId, fields: { required: commonFieldsText(['OPEN_FORM_FIELD_MOBILE']) } }, at())).node.code).toBe('10000');
    expect((await call(gateway, LINK, { template_id: templateId, callback: 'https://a.example/cb?x=1' }, at())).node.sub_code).toBe('INVALID_PARAMETER');

    const a = await signUp('2088000000000001');
    const b = await signUp('2088000000000002');
    const tokenA = (await call(gateway, TOKEN, '', { ...at(), extraParams: { grant_type: 'authorization_code', code: a.code } })).node.access_token as string;
    const mine = await call(gateway, ANSWERS, { biz_type: 'MEMBER_CARD', template_id: templateId, request_id: a.requestId }, { ...at(), extraParams: { auth_token: tokenA } });
    expect(mine.node.infos).toBe('[{"OPEN_FORM_FIELD_MOBILE":"13800000000"}]');
    const theirs = await call(gateway, ANSWERS, { biz_type: 'MEMBER_CARD', template_id: templateId, request_id: b.requestId }, { ...at(), extraParams: { auth_token: tokenA } });
    expect(theirs.node.sub_code).toBe('REQUEST_ID_INVALID');
    expect((await call(gateway, ANSWERS, { biz_type: 'MEMBER_CARD', template_id: templateId, request_id: a.requestId }, at())).node.sub_code).toBe('aop.invalid-auth-token');
  });

  it('an auth code is good once and for five minutes; an access token for an hour; a refresh token gives new ones once', async () => {
    const once = await signUp('2088000000000003');
    const first = await call(gateway, TOKEN, '', { ...at(), extraParams: { grant_type: 'authorization_code', code: once.code } });
    expect(first.node).toMatchObject({ code: '10000', user_id: '2088000000000003', expires_in: '3600', re_expires_in: '2592000' });
    expect((await call(gateway, TOKEN, '', { ...at(), extraParams: { grant_type: 'authorization_code', code: once.code } })).node).toMatchObject({ code: '40002', sub_code: 'isv.code-invalid', sub_msg: expect.stringContaining('used already') });

    const late = await signUp('2088000000000004');
    now = new Date(now.getTime() + 5 * 60_000 + 1000);
    expect((await call(gateway, TOKEN, '', { ...at(), extraParams: { grant_type: 'authorization_code', code: late.code } })).node).toMatchObject({ sub_code: 'isv.code-invalid', sub_msg: expect.stringContaining('expired') });

    now = new Date(now.getTime() + 3600_000);
    const form = { biz_type: 'MEMBER_CARD', template_id: templateId, request_id: once.requestId };
    expect((await call(gateway, ANSWERS, form, { ...at(), extraParams: { auth_token: first.node.access_token } })).node.sub_code).toBe('aop.auth-token-time-out');
    const refreshed = await call(gateway, TOKEN, '', { ...at(), extraParams: { grant_type: 'refresh_token', refresh_token: first.node.refresh_token } });
    expect(refreshed.node.user_id).toBe('2088000000000003');
    expect((await call(gateway, ANSWERS, form, { ...at(), extraParams: { auth_token: refreshed.node.access_token } })).node.code).toBe('10000');
    expect((await call(gateway, TOKEN, '', { ...at(), extraParams: { grant_type: 'refresh_token', refresh_token: first.node.refresh_token } })).node.sub_code).toBe('isv.refresh-token-invalid');
    expect((await call(gateway, TOKEN, '', { ...at(), extraParams: { grant_type: 'password' } })).node.sub_code).toBe('isv.grant-type-invalid');
  });
});
