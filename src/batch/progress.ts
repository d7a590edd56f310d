import type { Writable } from 'node:stream';
import type { RowOutcome } from './outcome.js';

export interface Progress {
  rowEnded(outcome: RowOutcome): void;
  /** Clears the bar so the summary prints on a clean line. */
  stop(): void;
}

const SILENT: Progress = { rowEnded: () => {}, stop: () => {} };

/**
 * A progress bar on stderr — done/total, rate, ETA, failures — only when stderr is a terminal:
 * redirected to a file or a CI log, a bar is a stream of carriage returns nobody wants.
 */
export async function startProgress(stream: Writable & { isTTY?: boolean }, total: number, now: () => number): Promise<Progress> {
  if (!stream.isTTY || total === 0) return SILENT;
  const { SingleBar } = (await import('cli-progress')).default;
  const bar = new SingleBar({
    stream: stream as unknown as NodeJS.WritableStream,
    format: ' {bar} {value}/{total} rows | {speed} rows/s | ETA {eta_formatted} | {failed} failed, {invalid} invalid',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
    // The ETA over a longer window: rows/s wobbles with retries and 40005 pauses.
    etaBuffer: 200,
    fps: 8,
  });
  const started = now();
  let done = 0;
  let failed = 0;
  let invalid = 0;
  bar.start(total, 0, { speed: '0', failed, invalid });
  return {
    rowEnded(outcome) {
      done++;
      if (outcome.status === 'failed') failed++;
      if (outcome.status === 'invalid') invalid++;
      const seconds = Math.max((now() - started) / 1000, 0.001);
      bar.update(done, { speed: (done / seconds).toFixed(0), failed, invalid });
    },
    stop() {
      bar.stop();
    },
  };
}
