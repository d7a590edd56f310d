import { getEventListeners } from 'node:events';
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

describe('pacer: --rate, and the window that 40005 halves', () => {
  it('spaces requests 1/rate apart, however many workers ask at once', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ rate: 50, concurrency: 16, ...clock });
    const times: number[] = [];
    await clock.run(Promise.all(Array.from({ length: 5 }, async () => {
      await pacer.beforeSend();
      times.push(clock.now());
      pacer.done('succeeded');
    })));
    expect(times.sort((a, b) => a - b)).toEqual([0, 20, 40, 60, 80]);
  });

  it('without --rate, never waits while the window has room', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ concurrency: 4, ...clock });
    for (let i = 0; i < 100; i++) {
      await clock.run(pacer.beforeSend());
      pacer.done('succeeded');
    }
    expect(clock.now()).toBe(0);
  });

  it('a 40005 halves the window once per window of requests; successes widen it back to --concurrency', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ concurrency: 16, ...clock });
    const round = async (n: number, outcome: 'succeeded' | 'throttled') => {
      await clock.run(Promise.all(Array.from({ length: n }, () => pacer.beforeSend())));
      for (let i = 0; i < n; i++) pacer.done(outcome);
    };
    await round(16, 'throttled');
    // Sixteen 40005s from one round of requests count as one signal.
    expect(pacer.currentWindow).toBe(8);
    await round(8, 'throttled');
    expect(pacer.currentWindow).toBe(4);
    // About one wider per window's worth of successes.
    await round(4, 'succeeded');
    await round(4, 'succeeded');
    expect(pacer.currentWindow).toBe(5);
    for (let i = 0; i < 40; i++) await round(pacer.currentWindow, 'succeeded');
    expect(pacer.currentWindow).toBe(16);
  });

  it('holds requests beyond the window until one ends', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ concurrency: 2, ...clock });
    await pacer.beforeSend();
    await pacer.beforeSend();
    let third = false;
    const waiting = pacer.beforeSend().then(() => (third = true));
    await new Promise((r) => setImmediate(r));
    expect(third).toBe(false);
    pacer.done('failed');
    await waiting;
    expect(third).toBe(true);
  });

  it('a stop withdraws a request waiting for room: false, nothing held, the room goes to the next', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ concurrency: 1, ...clock });
    expect(await pacer.beforeSend()).toBe(true);
    const stop = new AbortController();
    const withdrawn = pacer.beforeSend(stop.signal);
    let next = false;
    const after = pacer.beforeSend().then((granted) => (next = granted));
    stop.abort();
    expect(await withdrawn).toBe(false);
    pacer.done('succeeded');
    await after;
    expect(next).toBe(true);
    // An already stopped signal is refused at once, window or not.
    pacer.done('succeeded');
    expect(await pacer.beforeSend(stop.signal)).toBe(false);
    expect(await pacer.beforeSend()).toBe(true);
  });

  it('a stop ends the wait for a --rate slot at once, without waiting for the slot to come', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ rate: 1, concurrency: 16, ...clock });
    expect(await clock.run(pacer.beforeSend())).toBe(true);
    const stop = new AbortController();
    const sleeping = Array.from({ length: 15 }, () => pacer.beforeSend(stop.signal));
    await new Promise((r) => setImmediate(r));
    stop.abort();
    // The clock never moved: nobody slept through their slot.
    expect(await Promise.all(sleeping)).toEqual(Array(15).fill(false));
    expect(clock.now()).toBe(0);
    expect(getEventListeners(stop.signal, 'abort').length).toBeLessThanOrEqual(1);
  });

  it('a stop during the wait for a --rate slot gives the slot back', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ rate: 10, concurrency: 1, ...clock });
    expect(await clock.run(pacer.beforeSend())).toBe(true);
    pacer.done('succeeded');
    const stop = new AbortController();
    const waiting = pacer.beforeSend(stop.signal);
    stop.abort();
    expect(await clock.run(waiting)).toBe(false);
    // The window of one is free again: the next request is not held behind the withdrawn one.
    expect(await clock.run(pacer.beforeSend())).toBe(true);
  });

  it('room freed just before a stop is passed on by the request that left, not lost', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ concurrency: 1, ...clock });
    expect(await pacer.beforeSend()).toBe(true);
    const stop = new AbortController();
    const leaving = pacer.beforeSend(stop.signal);
    const retry = pacer.beforeSend(); // a retry of a row already out: no stop
    pacer.done('succeeded'); // wakes the first waiter...
    stop.abort(); // ...which is stopped before it runs
    expect(await leaving).toBe(false);
    expect(await retry).toBe(true);
  });

  it('listens to a stop signal once, however many requests wait on it', async () => {
    const clock = virtualTime();
    const pacer = new Pacer({ concurrency: 1, ...clock });
    await pacer.beforeSend();
    const stop = new AbortController();
    const waiting = Array.from({ length: 40 }, () => pacer.beforeSend(stop.signal));
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(1);
    stop.abort();
    expect(await Promise.all(waiting)).toEqual(Array(40).fill(false));
  });
});

