import { PassThrough } from 'node:stream';
import { awaitingAnswer, closingAfter, newPressTeller, REPEAT_WINDOW_MS, RequestLeftError } from '../../../src/cli/interrupt.js';
import type { Context } from '../../../src/cli/context.js';
import { InterruptedError } from '../../../src/errors.js';

function context(): { ctx: Context; stderr: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { ctx: { stderr } as unknown as Context, stderr: () => text };
}

/** A request whose answer comes when `answer` is called. */
function request<T>(): { pending: Promise<T>; answer: (value: T) => void } {
  let answer: (value: T) => void = () => undefined;
  const pending = new Promise<T>((resolve) => (answer = resolve));
  return { pending, answer };
}

describe('awaitingAnswer: Ctrl-C while a request that changes something is on its way', () => {
  it('the first Ctrl-C says the run is stopping and waits for the answer, which the command then tells as usual', async () => {
    const { ctx, stderr } = context();
    const { pending, answer } = request<string>();
    const before = process.listenerCount('SIGINT');
    const answered = awaitingAnswer(ctx, pending, 'alipay.marketing.card.open');
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    process.emit('SIGINT', 'SIGINT');
    answer('issued');
    await expect(answered).resolves.toBe('issued');
    expect(stderr()).toBe('stopping: waiting for the answer to alipay.marketing.card.open, already sent (Ctrl-C again to leave it unanswered)\n');
    // The answer is in: a Ctrl-C now, while the command tells it and closes, is ignored (it would
    // end the run with the card issued and not said) ...
    process.emit('SIGINT', 'SIGINT');
    expect(stderr()).toBe('stopping: waiting for the answer to alipay.marketing.card.open, already sent (Ctrl-C again to leave it unanswered)\n');
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    // ... until the command has closed its client: then Ctrl-C is Node's again.
    await closingAfter(async () => undefined, async () => undefined);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('a second Ctrl-C leaves it unanswered: exit 130, saying the gateway may or may not have done it', async () => {
    const { ctx } = context();
    const { pending } = request<string>();
    const before = process.listenerCount('SIGINT');
    const answered = awaitingAnswer(ctx, pending, 'alipay.marketing.card.update');
    process.emit('SIGINT', 'SIGINT');
    await new Promise((r) => setTimeout(r, REPEAT_WINDOW_MS + 20));
    process.emit('SIGINT', 'SIGINT');
    const err = await answered.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestLeftError);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as RequestLeftError).exitCode).toBe(130);
    expect((err as RequestLeftError).message).toBe('interrupted: alipay.marketing.card.update was sent and left unanswered; the gateway may or may not have done it');
    await closingAfter(() => Promise.reject(err), async () => undefined).catch(() => undefined);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('one interrupt delivered twice at once (timeout -s INT signals the command, then its process group) is one Ctrl-C: the answer is awaited', async () => {
    const { ctx, stderr } = context();
    const { pending, answer } = request<string>();
    const answered = awaitingAnswer(ctx, pending, 'alipay.marketing.card.open');
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');
    answer('issued');
    await expect(answered).resolves.toBe('issued');
    expect(stderr()).toBe('stopping: waiting for the answer to alipay.marketing.card.open, already sent (Ctrl-C again to leave it unanswered)\n');
    await closingAfter(async () => undefined, async () => undefined);
  });

  it('a SIGTERM (timeout, kill, docker stop) is taken as the first Ctrl-C, and says so: the second leaves it', async () => {
    const { ctx, stderr } = context();
    const { pending, answer } = request<string>();
    const answered = awaitingAnswer(ctx, pending, 'alipay.marketing.card.open');
    process.emit('SIGTERM', 'SIGTERM');
    answer('issued');
    await expect(answered).resolves.toBe('issued');
    expect(stderr()).toBe('stopping (SIGTERM): waiting for the answer to alipay.marketing.card.open, already sent (a second SIGTERM or Ctrl-C leaves it unanswered)\n');
    await closingAfter(async () => undefined, async () => undefined);
  });

  it('no Ctrl-C: the answer, or the failure, as it comes', async () => {
    const { ctx, stderr } = context();
    await expect(awaitingAnswer(ctx, Promise.resolve(1), 'm')).resolves.toBe(1);
    await expect(awaitingAnswer(ctx, Promise.reject(new Error('reset')), 'm')).rejects.toThrow('reset');
    expect(stderr()).toBe('');
    await closingAfter(() => Promise.reject(new Error('reset')), async () => undefined).catch(() => undefined);
  });
});

describe('closingAfter', () => {
  it('waits for close() (which lets a request on its way end) unless a request was left unanswered: then half a second at most', async () => {
    let closed = false;
    const slowClose = () => new Promise<void>((resolve) => setTimeout(() => {
      closed = true;
      resolve();
    }, 3000).unref());
    const started = Date.now();
    await expect(closingAfter(() => Promise.reject(new RequestLeftError('left')), slowClose)).rejects.toBeInstanceOf(RequestLeftError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(closed).toBe(false);
    let quick = false;
    await expect(closingAfter(() => Promise.reject(new Error('other')), async () => {
      quick = true;
    })).rejects.toThrow('other');
    await expect(closingAfter(async () => 'used', async () => undefined)).resolves.toBe('used');
    expect(quick).toBe(true);
  });
});

describe('newPressTeller', () => {
  it(`a SIGINT within ${REPEAT_WINDOW_MS} ms of the press before is the same press; one later is a new one`, () => {
    let now = 1000;
    const isNewPress = newPressTeller(() => now);
    expect(isNewPress()).toBe(true);
    now += 0.05;
    expect(isNewPress()).toBe(false);
    now += REPEAT_WINDOW_MS - 1;
    expect(isNewPress()).toBe(false);
    now += 1;
    expect(isNewPress()).toBe(true);
    now += 400;
    expect(isNewPress()).toBe(true);
  });
});
