import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MockAgent } from 'undici';
import { GatewayClient } from '../../../src/client/client.js';
import { readResponse, type ResponseVerifier } from '../../../src/client/response.js';
import { GatewayError, TransportError, VerificationError } from '../../../src/errors.js';
import { aesEncrypt, signContent } from '../../../src/protocol/index.js';

const gatewayKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const appKey = createPrivateKey(readFileSync('test/fixtures/vectors/app-private-key.pem'));
const verifier: ResponseVerifier = { signType: 'RSA2', charset: 'utf-8', keyFor: () => gatewayKeys.publicKey };
const METHOD = 'alipay.marketing.card.template.query';
const NODE = 'alipay_marketing_card_template_query_response';

function signedBody(nodeText: string, node = NODE): string {
  return `{"${node}":${nodeText},"sign":"${signContent(nodeText, gatewayKeys.privateKey, 'RSA2', 'utf-8')}"}`;
}

describe('readResponse', () => {
  it('returns the verified node with its text exactly as sent', () => {
    const text = '{"code":"10000","msg":"Success","template_id":"T1","note":"a\\/b"}';
    const r = readResponse(signedBody(text), METHOD, verifier);
    expect(r).toMatchObject({ verified: true, nodeText: text, node: { code: '10000', note: 'a/b' } });
  });

  it('fails closed on a signature that does not verify', () => {
    const body = signedBody('{"code":"10000","msg":"Success"}').replace('Success', 'Suc cess');
    expect(() => readResponse(body, METHOD, verifier)).toThrow(VerificationError);
  });

  it('refuses an unsigned success but reports an unsigned error node as unverified', () => {
    expect(() => readResponse(`{"${NODE}":{"code":"10000","msg":"Success"},"sign":""}`, METHOD, verifier)).toThrow(VerificationError);
    const r = readResponse('{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-app-id"},"sign":""}', METHOD, verifier);
    expect(r).toMatchObject({ verified: false, nodeName: 'error_response', node: { sub_code: 'isv.invalid-app-id' } });
  });

  it('verifies an encrypted node as the quoted string, then decrypts it', () => {
    const key = Buffer.alloc(16, 7).toString('base64');
    const cipher = JSON.stringify(aesEncrypt('{"code":"10000","msg":"Success","x":"中"}', key, 'utf-8'));
    const r = readResponse(signedBody(cipher), METHOD, { ...verifier, encryptKey: key });
    expect(r.node).toMatchObject({ code: '10000', x: '中' });
    expect(() => readResponse(signedBody(cipher), METHOD, { ...verifier, encryptKey: Buffer.alloc(16, 8).toString('base64') })).toThrow(VerificationError);
  });

  it('treats a body that is not a response as a transport problem', () => {
    expect(() => readResponse('<html>502 Bad Gateway</html>', METHOD, verifier)).toThrow(TransportError);
  });
});

describe('GatewayClient with an injected dispatcher', () => {
  const identity = { appId: '2021000000000001', privateKey: appKey, signType: 'RSA2' as const, charset: 'utf-8' as const };

  function client(agent: MockAgent, events: unknown[] = []) {
    return new GatewayClient({
      gatewayUrl: 'https://gw.example.com/gateway.do',
      identity,
      verifier,
      transport: { timeoutMs: 1000, userAgent: 'alipay-card/test', dispatcher: agent },
      now: () => new Date('2024-05-01T01:30:00Z'),
      random: () => 0.5,
      sleep: async () => {},
      onExchange: (e) => events.push(e),
    });
  }

  function mockAgent() {
    const agent = new MockAgent();
    agent.disableNetConnect();
    return { agent, pool: agent.get('https://gw.example.com') };
  }

  it('retries 20000 for a retry-safe call, with the same biz_content, then succeeds', async () => {
    const { agent, pool } = mockAgent();
    const bodies: string[] = [];
    pool.intercept({ path: (p) => p.startsWith('/gateway.do?'), method: 'POST', body: (b) => (bodies.push(b), true) })
      .reply(200, signedBody('{"code":"20000","msg":"Service Currently Unavailable","sub_code":"isp.unknow-error"}'));
    pool.intercept({ path: (p) => p.startsWith('/gateway.do?'), method: 'POST', body: (b) => (bodies.push(b), true) })
      .reply(200, signedBody('{"code":"10000","msg":"Success","template_id":"T1"}'));
    const events: Array<{ attempt: number; retryInMs?: number }> = [];
    const r = await client(agent, events).call(METHOD, { bizContent: '{"template_id":"T1"}', retrySafe: true });
    expect(r.node.template_id).toBe('T1');
    expect(events.map((e) => e.attempt)).toEqual([1, 2]);
    expect(events[0]!.retryInMs).toBe(100);
    expect(bodies[0]).toBe(bodies[1]);
  });

  it('does not retry a call that is not safe to repeat', async () => {
    const { agent, pool } = mockAgent();
    pool.intercept({ path: (p) => p.startsWith('/gateway.do?'), method: 'POST' })
      .reply(200, signedBody('{"code":"40004","msg":"Business Failed","sub_code":"SYSTEM_ERROR"}'));
    await expect(client(agent).call(METHOD, { retrySafe: false })).rejects.toBeInstanceOf(GatewayError);
  });

  it('gives up after maxAttempts on HTTP 500 with a transport error', async () => {
    const { agent, pool } = mockAgent();
    pool.intercept({ path: (p) => p.startsWith('/gateway.do?'), method: 'POST' }).reply(500, 'oops').times(3);
    const events: unknown[] = [];
    await expect(client(agent, events).call(METHOD, { retrySafe: true })).rejects.toThrow(/HTTP 500/);
    expect(events).toHaveLength(3);
  });

  it.each([
    ['20000', '{"code":"20000","msg":"Service Currently Unavailable","sub_code":"isp.unknow-error"}'],
    ['SYSTEM_ERROR', '{"code":"40004","msg":"Business Failed","sub_code":"SYSTEM_ERROR"}'],
    ['40005', '{"code":"40005","msg":"Call Limited","sub_code":"isp.call-limited"}'],
  ])('a gateway answer retried to the end (%s) says how many attempts it took, as HTTP 500 does, and its hint names no flag', async (_, node) => {
    const { agent, pool } = mockAgent();
    pool.intercept({ path: (p) => p.startsWith('/gateway.do?'), method: 'POST' }).reply(200, signedBody(node)).times(3);
    const err = await client(agent).call(METHOD, { retrySafe: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).message).toMatch(/, after 3 attempts$/);
    expect((err as GatewayError).hint ?? '').not.toContain('--');
  });

  it('a failure that is not retried, met on a retry, says which attempt met it, not "after 2 attempts" (it was not itself tried again)', async () => {
    const { agent, pool } = mockAgent();
    pool.intercept({ path: (p) => p.startsWith('/gateway.do?'), method: 'POST' }).reply(500, 'oops');
    pool.intercept({ path: (p) => p.startsWith('/gateway.do?'), method: 'POST' })
      .reply(200, signedBody('{"code":"40004","msg":"Business Failed","sub_code":"CARD_IS_DELETED_ALREADY","sub_msg":"会员卡已删除"}'));
    const err = await client(agent).call(METHOD, { retrySafe: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).message).toMatch(/CARD_IS_DELETED_ALREADY.* \(on attempt 2: the attempts before it had no answer, or a transient one\)$/);
    expect((err as GatewayError).message).not.toContain('after 2 attempts');
  });

  it('a business failure is a GatewayError carrying the node', async () => {
    const { agent, pool } = mockAgent();
    pool.intercept({ path: (p) => p.startsWith('/gateway.do?'), method: 'POST' })
      .reply(200, signedBody('{"code":"40004","msg":"Business Failed","sub_code":"TEMPLATE_NOT_EXIT","sub_msg":"模板不存在"}'));
    const err = await client(agent).call(METHOD, { retrySafe: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).message).toContain('TEMPLATE_NOT_EXIT');
    expect((err as GatewayError).hint).toContain('template id');
  });

  it('refuses a plain-http gateway that is not loopback', () => {
    expect(() => new GatewayClient({ gatewayUrl: 'http://gw.example.com/gateway.do', identity, verifier, transport: { timeoutMs: 1, userAgent: 'x' } })).toThrow(/not https/);
  });
});
