export interface PacerOptions {
  /** Requests per second for the whole run (--rate); undefined for no limit. */
  rate?: number | undefined;
  /** Requests in flight at most (--concurrency): where the window starts and the most it grows to. */
  concurrency: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Paces every attempt of every row, retries included: at most --rate requests a second, and at
 * most `window` requests in flight for the whole run. A 40005 (call frequency exceeded) halves the
 * window — once per window's worth of requests, so a burst of 40005s from one round counts once —
 * and each success widens it again by 1/window, up to --concurrency (TCP's congestion control,
 * additive increase, multiplicative decrease). Fewer requests in flight means fewer per second:
 * the whole run slows down, not just the worker that was told off, and it speeds up again by
 * itself. A fixed pause after each 40005 would not recover under scattered 40005s, and a lower
 * rate would need a quiet second to climb back; the window needs only successes.
 */
export class Pacer {
  private readonly interval: number;
  private nextSlot = 0;
  private window: number;
  private inFlight = 0;
  private sentSinceCut = 0;
  private waiting: Array<{ wake: (granted: boolean) => void; stop: AbortSignal | undefined }> = [];
  private readonly stops = new WeakMap<AbortSignal, Promise<void>>();

  constructor(private readonly options: PacerOptions) {
    this.interval = options.rate ? 1000 / options.rate : 0;
    this.window = options.concurrency;
  }

  /**
   * Resolves true when the next request may go out; call `done` once its answer (or failure) is in.
   * Resolves false, holding nothing, if `stop` fires first (while it waits for room or its rate slot):
   * the caller sends nothing.
   */
  async beforeSend(stop?: AbortSignal): Promise<boolean> {
    while (this.inFlight >= Math.max(1, Math.floor(this.window))) {
      if (!(await this.waitForRoom(stop))) return false;
    }
    if (stop?.aborted) return this.withdrawn();
    this.inFlight++;
    this.sentSinceCut++;
    if (this.interval === 0) return true;
    // The slot is taken before sleeping, so concurrent workers queue one interval apart.
    const now = this.options.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.interval;
    // A stop ends the sleep: with --rate 1, the last of 16 rows would otherwise keep a stopped run 16 s.
    if (slot > now) await (stop ? Promise.race([this.options.sleep(slot - now), this.watch(stop)]) : this.options.sleep(slot - now));
    if (!stop?.aborted) return true;
    this.inFlight--;
    this.sentSinceCut = Math.max(0, this.sentSinceCut - 1);
    return this.withdrawn();
  }

  /**
   * A request given up after it may have been woken: the wake-up goes on to the next waiter (who
   * checks the window again), so room freed by a `done` is never lost to a request that left.
   */
  private withdrawn(): false {
    this.waiting.shift()?.wake(true);
    return false;
  }

  /** Waits for a `done`; false if `stop` fires first. */
  private waitForRoom(stop: AbortSignal | undefined): Promise<boolean> {
    if (stop?.aborted) return Promise.resolve(false);
    if (stop) void this.watch(stop);
    return new Promise<boolean>((wake) => this.waiting.push({ wake, stop }));
  }

  /**
   * Resolves when `stop` (not yet fired) fires, having withdrawn the requests waiting for room on
   * it: one listener per signal, however many requests wait or sleep on it.
   */
  private watch(stop: AbortSignal): Promise<void> {
    let stopped = this.stops.get(stop);
    if (stopped === undefined) {
      stopped = new Promise<void>((resolve) => {
        stop.addEventListener('abort', () => {
          this.withdrawAll(stop);
          resolve();
        }, { once: true });
      });
      this.stops.set(stop, stopped);
    }
    return stopped;
  }

  private withdrawAll(stop: AbortSignal): void {
    const leaving = this.waiting.filter((w) => w.stop === stop);
    this.waiting = this.waiting.filter((w) => w.stop !== stop);
    for (const w of leaving) w.wake(false);
  }

  /** The attempt ended: `throttled` for a 40005, `succeeded` for an answer that was not a failure. */
  done(outcome: 'succeeded' | 'throttled' | 'failed'): void {
    this.inFlight--;
    if (outcome === 'throttled' && this.sentSinceCut >= this.window) {
      this.window = Math.max(1, this.window / 2);
      this.sentSinceCut = 0;
    } else if (outcome === 'succeeded') {
      this.window = Math.min(this.options.concurrency, this.window + 1 / this.window);
    }
    this.waiting.shift()?.wake(true);
  }

  /** Requests the run may have in flight now. */
  get currentWindow(): number {
    return Math.floor(this.window);
  }
}
