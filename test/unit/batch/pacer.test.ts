import { Pacer } from '../../../src/batch/pacer.js';

/** A clock that moves only when every sleeper is waiting: it jumps to the earliest wake-up. */
function virtualTime() {
  let now = 0;
  const sleepers: Array<{ at: number; wake: () => void }> = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    async run<T>(work: Promise<T>): Promise<T> {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (sleepers.length === 0) return work;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift()!;
        now = Math.max(now, next.at);
        next.wake();
      }
    },
  };
}

const retry = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5000 };

describe('pacer: --rate and the 40005 pause', () => {
  it('spaces requests 1/rate apart, however many workers ask at once', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ rate: 50, retry, random: () => 0.5, ...clock });
    const times: number[] = [];
    await clock.run(Promise.all(Array.from({ length: 5 }, async () => {
      await pacer.beforeSend();
      times.push(clock.now());
    })));
    expect(times.sort((a, b) => a - b)).toEqual([0, 20, 40, 60, 80]);
  });

  it('without --rate, never waits', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ retry, random: () => 0.5, ...clock });
    for (let i = 0; i < 100; i++) await clock.run(pacer.beforeSend());
    expect(clock.now()).toBe(0);
  });

  it('after a 40005 every worker waits out one pause, which grows while 40005s continue and resets on success', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ retry, random: () => 0, ...clock });
    // Equal jitter with random 0: half the backoff ceiling (200, 400, 800 ms).
    expect(pacer.throttled()).toBe(100);
    expect(pacer.throttled()).toBe(200);
    expect(pacer.throttled()).toBe(400);
    await clock.run(Promise.all([pacer.beforeSend(), pacer.beforeSend()]));
    expect(clock.now()).toBe(400);
    pacer.succeeded();
    expect(pacer.throttled()).toBe(100);
  });
});
