import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { call, METHOD, startTestGateway } from './helpers.js';

const statePathIn = () => join(mkdtempSync(join(tmpdir(), 'gateway-stop-')), 'gw.json');
const storedSerials = (statePath: string) => (JSON.parse(readFileSync(statePath, 'utf8')).cards as Array<{ out_serial_no: string }>).map((c) => c.out_serial_no);

async function timed(work: Promise<unknown>): Promise<number> {
  const start = Date.now();
  await work;
  return Date.now() - start;
}

describe('local gateway: close never waits on a client', () => {
  it('cuts a half-sent request once the grace is up, having written the state first', async () => {
    const statePath = statePathIn();
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 60_000, closeGraceMs: 800 });
    const templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
    await call(gateway, METHOD.open, cardOpenSample(templateId, 'before-stop'));

    const { port } = new URL(gateway.url);
    const socket = connect(Number(port), '127.0.0.1');
    const socketClosed = new Promise((resolve) => socket.on('close', resolve));
    socket.on('error', () => undefined);
    socket.write('POST /gateway.do HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le');
    await new Promise((r) => setTimeout(r, 100));

    const closing = gateway.close();
    await new Promise((r) => setTimeout(r, 300));
    // Still in the grace period, and the card is already on disk.
    expect(storedSerials(statePath)).toEqual(['before-stop']);
    expect(await timed(closing)).toBeLessThan(3000);
    await socketClosed;
  });

  it('closes an idle keep-alive connection at once instead of waiting out its timeout', async () => {
    const gateway = await startTestGateway();
    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest(gateway.url.replace('/gateway.do', '/_local/cards'), { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      }).on('error', reject).end();
    });
    expect(status).toBe(200);
    expect(await timed(gateway.close())).toBeLessThan(1000);
    agent.destroy();
  });

  it('lets a request in progress finish, keeps what it stored, then closes its connection', async () => {
    const statePath = statePathIn();
    const gateway = await startTestGateway({ statePath, flushIntervalMs: 60_000 });
    const templateId = (await call(gateway, METHOD.create, templateSample())).node.template_id;
    gateway.injectFault('latency=300:next=1');
    const inFlight = call(gateway, METHOD.open, cardOpenSample(templateId, 'in-flight'));
    await new Promise((r) => setTimeout(r, 100));
    // Its keep-alive connection is closed once it is answered, not after the 10 s keep-alive timeout.
    expect(await timed(gateway.close())).toBeLessThan(1500);
    expect((await inFlight).node).toMatchObject({ code: '10000' });
    expect(storedSerials(statePath)).toEqual(['in-flight']);
  });
});
