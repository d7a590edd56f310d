import { backoffDelay, type RetryPolicy } from '../client/retry.js';

export interface PacerOptions {
  /** Requests per second for the whole run (--rate); undefined for no limit. */
  rate?: number | undefined;
  /** The client's backoff policy: a 40005 pause grows like a retry delay. */
  retry: RetryPolicy;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/**
 * Paces every attempt of every row: at most --rate requests a second, and after a 40005 (call
 * frequency exceeded) a pause that every worker waits out, so the whole run slows down instead of
 * each worker hammering on alone. The pause grows while 40005s keep coming and resets at the
 * first success. It is a pause, not a lasting lower rate: the gateway's limit is per second, and a
 * rate cut that only a quiet second could restore would never recover under scattered 40005s.
 */
export class Pacer {
  private readonly interval: number;
  private nextSlot = 0;
  private pausedUntil = 0;
  private throttleStreak = 0;

  constructor(private readonly options: PacerOptions) {
    this.interval = options.rate ? 1000 / options.rate : 0;
  }

  /** Resolves when the next request may go out. */
  async beforeSend(): Promise<void> {
    for (;;) {
      const now = this.options.now();
      if (this.pausedUntil > now) {
        await this.options.sleep(this.pausedUntil - now);
        continue;
      }
      if (this.interval === 0) return;
      // The slot is taken before sleeping, so concurrent workers queue one interval apart.
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + this.interval;
      if (slot > now) await this.options.sleep(slot - now);
      if (this.pausedUntil <= this.options.now()) return;
    }
  }

  /** A 40005: pause everyone; returns the pause in ms. */
  throttled(): number {
    this.throttleStreak++;
    // Equal jitter (half fixed, half random): a pause that may come out as 0 ms would not slow anything.
    const pause = backoffDelay(this.options.retry, this.throttleStreak, 0.5 + this.options.random() / 2);
    this.pausedUntil = Math.max(this.pausedUntil, this.options.now() + pause);
    return pause;
  }

  succeeded(): void {
    this.throttleStreak = 0;
  }
}
