import { request } from 'undici';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { templateSample } from '../cards/samples.js';
import { appPrivateKey, appPublicKey, call, METHOD, NOW, postRaw, publicKeyBase64, readReply, startTestGateway } from './helpers.js';
import { buildSignContent, encodeForm, signContent } from '../../../src/protocol/index.js';
import { baseParams, rawCall } from './raw-request.js';

describe('local gateway: bad input gets the gateway\'s answer, never a crash or a hang', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  const alive = async () => expect((await call(gateway, METHOD.query, { template_id: 'x' })).node.sub_code).toBe('TEMPLATE_NOT_EXIT');

  it.each([
    ['a broken %-escape in the body', 'charset=utf-8', 'biz_content=%7B%ZZ'],
    ['a broken %-escape in the query', 'charset=utf-8&method=%E4%B', ''],
    ['a lone % at the end of the body', 'charset=gbk', 'method=a&biz_content=%'],
  ])('%s → error_response isv.invalid-parameter', async (_what, query, body) => {
    const reply = await readReply(await postRaw(gateway.url, query, body), gateway.alipayPublicKey);
    expect(reply).toMatchObject({ verified: true, nodeName: 'error_response', node: { code: '40002', sub_code: 'isv.invalid-parameter' } });
    await alive();
  });

  it('a body that is no form at all → the gateway\'s missing-parameter answer', async () => {
    const reply = await readReply(await postRaw(gateway.url, 'charset=utf-8', '{"json": true}', 'application/json'), gateway.alipayPublicKey);
    expect(reply.node).toMatchObject({ code: '40001', sub_code: 'isv.missing-method' });
  });

  it('invalid JSON in biz_content → 40004 INVALID_PARAMETER', async () => {
    expect((await call(gateway, METHOD.create, '{not json')).node).toMatchObject({ code: '40004', sub_code: 'INVALID_PARAMETER' });
    expect((await call(gateway, METHOD.create, '"a string"')).node.sub_msg).toBe('参数有误: biz_content must be a JSON object');
  });

  it('an unknown method → error_response isv.invalid-method', async () => {
    const reply = await call(gateway, 'alipay.trade.pay', {});
    expect(reply).toMatchObject({ verified: true, nodeName: 'error_response', node: { code: '40002', sub_code: 'isv.invalid-method' } });
  });

  it('a body over 1 MB → error_response isv.invalid-parameter, and the gateway carries on', async () => {
    const params = baseParams(METHOD.create, { ...templateSample(), pad: 'x'.repeat(1024 * 1024) });
    const reply = await rawCall(gateway, params);
    expect(reply).toMatchObject({ verified: true, nodeName: 'error_response', node: { code: '40002', sub_code: 'isv.invalid-parameter' } });
    expect(reply.node.sub_msg).toContain('over the 1 MB limit');
    await alive();
  });

  it('a GET with a query string over 16 KB is read like a POST; one over 64 KB gets the gateway\'s error', async () => {
    const signedQuery = (padding: number) => {
      const params = baseParams(METHOD.query, { template_id: 'x', pad: 'y'.repeat(padding) });
      return encodeForm({ ...params, sign: signContent(buildSignContent(params), appPrivateKey, 'RSA2', 'utf-8') }, 'utf-8');
    };
    const get = async (query: string) => {
      const { statusCode, body } = await request(`${gateway.url}?${query}`);
      return { statusCode, reply: await readReply(new Response(Buffer.from(await body.arrayBuffer())), gateway.alipayPublicKey) };
    };
    const long = await get(signedQuery(32 * 1024));
    expect(long.statusCode).toBe(200);
    expect(long.reply).toMatchObject({ verified: true, node: { code: '40004', sub_code: 'TEMPLATE_NOT_EXIT' } });

    const huge = await get(signedQuery(64 * 1024));
    expect(huge.statusCode).toBe(200);
    expect(huge.reply).toMatchObject({ verified: true, nodeName: 'error_response', node: { code: '40002', sub_code: 'isv.invalid-parameter' } });
    expect(huge.reply.node.sub_msg).toContain('the request line and headers are over the 64 KB limit');
    await alive();
  });

  it('a body far over the limit is cut off without reading it all', async () => {
    const huge = Buffer.alloc(20 * 1024 * 1024, 0x61);
    const outcome = await request(`${gateway.url}?charset=utf-8`, { method: 'POST', body: huge, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      .then(async (r) => ({ status: r.statusCode, text: await r.body.text() }))
      .catch((err: Error) => ({ status: 0, text: err.message }));
    if (outcome.status === 200) expect(outcome.text).toContain('isv.invalid-parameter');
    await alive();
  });

  it('other paths and verbs get a plain JSON error', async () => {
    const notFound = await fetch(gateway.url.replace('/gateway.do', '/nope'));
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: expect.stringContaining('/gateway.do') });
    expect((await fetch(gateway.url, { method: 'PUT', body: 'x' })).status).toBe(405);
    expect((await fetch(gateway.url.replace('/gateway.do', '/_local/nothing'))).status).toBe(404);
  });

  it('answers 20000 isp.unknow-error for a bug inside it, and tells onError', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const broken = await startTestGateway({
      clock: () => {
        if (++calls > 1) throw new Error('clock broke');
        return NOW;
      },
      onError: (err) => errors.push(err),
    });
    try {
      const reply = await call(broken, METHOD.query, { template_id: 'x' });
      expect(reply).toMatchObject({ verified: true, nodeName: 'error_response', node: { code: '20000', sub_code: 'isp.unknow-error' } });
      expect(errors).toEqual([new Error('clock broke')]);
    } finally {
      await broken.close();
    }
  });
});

describe('local gateway: /_local endpoints', () => {
  const JSON_TYPE = { 'content-type': 'application/json' };
  let gateway: LocalGateway;
  let base: string;
  beforeAll(async () => {
    gateway = await startTestGateway();
    base = gateway.url.replace('/gateway.do', '');
  });
  afterAll(() => gateway.close());

  it('registers an app over HTTP and lists templates and cards', async () => {
    const registered = await fetch(`${base}/_local/apps`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ app_id: '2021000000000020', public_key: publicKeyBase64(appPublicKey) }) });
    expect(registered.status).toBe(201);
    expect(await registered.json()).toEqual({ app_id: '2021000000000020' });
    const created = await call(gateway, METHOD.create, templateSample(), { identity: { appId: '2021000000000020' } });
    const templates = await (await fetch(`${base}/_local/templates`)).json();
    expect(templates).toEqual([expect.objectContaining({ app_id: '2021000000000020', template_id: created.node.template_id })]);
    expect(await (await fetch(`${base}/_local/cards`)).json()).toEqual([]);
  });

  it('refuses a bad registration with a message', async () => {
    const bad = await fetch(`${base}/_local/apps`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ app_id: '2021000000000021', public_key: 'nope' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/public key does not parse/);
    expect((await fetch(`${base}/_local/apps`, { method: 'POST', headers: JSON_TYPE, body: '{' })).status).toBe(400);
  });

  it('describes itself: url, key and certs', async () => {
    const info = await (await fetch(`${base}/_local/gateway`)).json();
    expect(info).toEqual({
      url: gateway.url,
      alipayPublicKey: gateway.alipayPublicKey,
      alipayCertSn: gateway.alipayCertSn,
      alipayRootCertSn: gateway.alipayRootCertSn,
      alipayCert: gateway.alipayCert,
      alipayRootCert: gateway.alipayRootCert,
    });
  });

  it('injects and clears faults over HTTP', async () => {
    await fetch(`${base}/_local/faults`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ fault: 'throttle:next=1' }) });
    expect((await call(gateway, METHOD.query, { template_id: 'x' })).node.code).toBe('40005');
    await fetch(`${base}/_local/faults`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ faults: ['throttle'] }) });
    await fetch(`${base}/_local/faults`, { method: 'DELETE' });
    expect((await call(gateway, METHOD.query, { template_id: 'x' })).node.code).toBe('40004');
    const bad = await fetch(`${base}/_local/faults`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ fault: 'meteor:1' }) });
    expect(bad.status).toBe(400);
  });
});
