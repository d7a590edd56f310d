import { generateKeyPairSync } from 'node:crypto';
import { request } from 'undici';
import { buildRequest } from '../../../src/client/request.js';
import { UsageError } from '../../../src/errors.js';
import { FaultPlan, parseFault } from '../../../src/gateway/faults.js';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { call, identity, METHOD, startTestGateway, TIMESTAMP } from './helpers.js';

describe('parseFault', () => {
  it.each([
    ['unavailable:0.1', { kind: 'unavailable', rate: 0.1 }],
    ['reset:next=3', { kind: 'reset', next: 3 }],
    ['latency=200:0.5', { kind: 'latency', latencyMs: 200, rate: 0.5 }],
    ['latency=200:next=5', { kind: 'latency', latencyMs: 200, next: 5 }],
    ['http500', { kind: 'http500', rate: 1 }],
    ['bad-sign:1', { kind: 'bad-sign', rate: 1 }],
  ])('%s', (text, spec) => {
    expect(parseFault(text)).toEqual(spec);
  });

  it.each(['explode:0.1', 'latency:0.5', 'http500=3:0.1', 'unavailable:1.5', 'throttle:next=x', ''])('refuses %j', (text) => {
    expect(() => parseFault(text)).toThrow(UsageError);
  });

  it('refuses a latency past 10 minutes, which a timer would fire after 1 ms', () => {
    expect(() => parseFault('latency=3000000000')).toThrow('--fault "latency=3000000000": the latency must be at most 600000 ms (10 minutes)');
    expect(parseFault('latency=600000')).toEqual({ kind: 'latency', latencyMs: 600000, rate: 1 });
  });

  it('adds up latencies to no more than one may be', () => {
    const plan = new FaultPlan(['latency=600000', 'latency=600000', { kind: 'latency', latencyMs: 1e12 }], () => 0);
    expect(plan.draw()).toEqual({ latencyMs: 600000, fault: undefined });
  });
});

describe('FaultPlan', () => {
  it('fires a rate with the injected random source, next=N for exactly N requests, and adds up latencies', () => {
    const values = [0.05, 0.5, 0.05, 0.5];
    let i = 0;
    const plan = new FaultPlan(['throttle:0.1', 'latency=30:next=2', 'reset:next=1'], () => values[i++ % values.length]!);
    expect(plan.draw()).toEqual({ latencyMs: 30, fault: 'throttle' });
    expect(plan.draw()).toEqual({ latencyMs: 30, fault: 'reset' });
    expect(plan.draw()).toEqual({ latencyMs: 0, fault: 'throttle' });
    expect(plan.draw()).toEqual({ latencyMs: 0, fault: undefined });
    plan.clear();
    expect(plan.draw()).toEqual({ latencyMs: 0, fault: undefined });
  });
});

const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

describe('local gateway: each fault over HTTP', () => {
  let gateway: LocalGateway;
  let templateId: string;
  let serial = 0;
  beforeAll(async () => {
    gateway = await startTestGateway();
    templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
  });
  afterEach(() => gateway.clearFaults());
  afterAll(() => gateway.close());

  const stored = (serialNo: string) => gateway.cards().filter((c) => c.out_serial_no === serialNo).length;
  const open = (biz: Record<string, unknown>) => call(gateway, METHOD.open, biz);
  /** The raw HTTP exchange, for the faults that break HTTP or the body. */
  const rawOpen = (biz: Record<string, unknown>) => {
    const signed = buildRequest(gateway.url, { method: METHOD.open, bizContent: JSON.stringify(biz), timestamp: TIMESTAMP }, identity());
    return request(signed.url, { method: 'POST', headers: { 'content-type': signed.contentType }, body: signed.body });
  };
  const nextBiz = () => cardOpenSample(templateId, `fault-${++serial}`);

  it.each([
    ['unavailable', { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' }],
    ['system-error', { code: '40004', msg: 'Business Failed', sub_code: 'SYSTEM_ERROR' }],
    ['throttle', { code: '40005', msg: 'Call Limited', sub_code: 'isp.call-limited' }],
  ])('%s answers a signed error and stores nothing; the retry issues the card', async (kind, node) => {
    gateway.injectFault(`${kind}:next=1`);
    const biz = nextBiz();
    const reply = await open(biz);
    expect(reply).toMatchObject({ verified: true, nodeName: 'alipay_marketing_card_open_response', node });
    expect(stored(biz.out_serial_no)).toBe(0);
    expect((await open(biz)).node.code).toBe('10000');
    expect(stored(biz.out_serial_no)).toBe(1);
  });

  it('http500 answers HTTP 500 and stores nothing', async () => {
    gateway.injectFault('http500:next=1');
    const biz = nextBiz();
    const response = await rawOpen(biz);
    expect(response.statusCode).toBe(500);
    await response.body.text();
    expect(stored(biz.out_serial_no)).toBe(0);
  });

  it('reset drops the connection after storing the card; the retry gets that same card', async () => {
    gateway.injectFault('reset:next=1');
    const biz = nextBiz();
    await expect(rawOpen(biz)).rejects.toThrow(/other side closed|socket hang up|ECONNRESET/i);
    expect(stored(biz.out_serial_no)).toBe(1);
    const retry = await open(biz);
    expect(retry.node.card_info.biz_card_no).toBe(gateway.cards().find((c) => c.out_serial_no === biz.out_serial_no)!.biz_card_no);
  });

  it('truncate sends half the body after storing the card; the retry gets that same card', async () => {
    gateway.injectFault('truncate:next=1');
    const biz = nextBiz();
    const response = await rawOpen(biz);
    const text = await response.body.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"alipay_marketing_card_open_response":')).toBe(true);
    expect(stored(biz.out_serial_no)).toBe(1);
    expect((await open(biz)).node.code).toBe('10000');
    expect(stored(biz.out_serial_no)).toBe(1);
  });

  it('bad-sign does the work and signs the answer wrongly', async () => {
    gateway.injectFault('bad-sign:next=1');
    const biz = nextBiz();
    const reply = await open(biz);
    expect(reply).toMatchObject({ verified: false, node: { code: '10000' } });
    expect(stored(biz.out_serial_no)).toBe(1);
    expect((await open(biz)).verified).toBe(true);
  });

  it('latency delays the answer', async () => {
    gateway.injectFault('latency=150:next=1');
    const started = Date.now();
    expect((await open(nextBiz())).node.code).toBe('10000');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('next=N counts only requests that pass authentication; /_local/* requests count for nothing', async () => {
    gateway.injectFault('unavailable:next=1');
    const refused = await call(gateway, METHOD.open, nextBiz(), { identity: { privateKey: otherKey } });
    expect(refused.node.sub_code).toBe('isv.invalid-signature');
    expect((await call(gateway, METHOD.open, nextBiz(), { timestamp: '2020-01-01 00:00:00' })).node.sub_code).toBe('isv.invalid-timestamp');
    expect((await fetch(gateway.url.replace('/gateway.do', '/_local/cards'))).status).toBe(200);
    expect((await open(nextBiz())).node.sub_code).toBe('isp.unknow-error');
    expect((await open(nextBiz())).node.code).toBe('10000');
  });

  it('faults by rate follow the injected random source', async () => {
    const flaky = await startTestGateway({ faults: ['unavailable:0.5'], random: (() => { let i = 0; return () => [0.9, 0.1][i++ % 2]!; })() });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await call(flaky, METHOD.query, { template_id: 'x' })).node.code);
      // 0.9 (no fault), 0.1 (fault), ... — the template id draws come from the same source, but queries draw none.
      expect(codes).toEqual(['40004', '20000', '40004', '20000']);
    } finally {
      await flaky.close();
    }
  });
});
