import type { Writable } from 'node:stream';
import stringWidth from 'string-width';
import { batchCommandText } from '../i18n/en/batch-command.js';
import { local, type Text } from '../i18n/text.js';
import type { RowOutcome } from './outcome.js';

export interface Progress {
  rowEnded(outcome: RowOutcome): void;
  /** Clears the bar so the summary prints on a clean line. */
  stop(): void;
}

export type ProgressStream = Writable & { isTTY?: boolean; columns?: number };

const SILENT: Progress = { rowEnded: () => {}, stop: () => {} };

/** Redraws at most this often: a terminal needs no more, and a 2,000 rows/s run no more writes. */
const FRAME_MS = 125;
const BAR_WIDTH = 24;
const MIN_BAR_WIDTH = 8;
/** Back to the start of the line and erase it: what the bar leaves behind is an empty line. */
const CLEAR_LINE = '\r\x1b[K';

/**
 * A progress bar on stderr — done/total, failures, ETA, rate — only when stderr is a terminal:
 * redirected to a file or a CI log, a bar is a stream of carriage returns nobody wants.
 *
 * One line, never wider than the terminal (a line that wraps cannot be erased with a carriage
 * return: what was left of it stayed under the summary), redrawn in place, the cursor never hidden
 * (so no exit path, Ctrl-C twice or a crash, can leave the terminal without one). When `stopped`
 * fires (Ctrl-C, a closed stdout) the bar erases itself at once and draws no more, so the line
 * saying so, and then the summary, print on a clean line rather than over it.
 */
export function startProgress(stream: ProgressStream, total: number, now: () => number, stopped?: AbortSignal): Progress {
  if (!stream.isTTY || total === 0) return SILENT;
  const started = now();
  let done = 0;
  let failed = 0;
  let invalid = 0;
  let lastDraw = -Infinity;
  let shown = true;
  const draw = () => {
    lastDraw = now();
    stream.write(CLEAR_LINE + progressLine({ done, total, failed, invalid, elapsedMs: lastDraw - started }, stream.columns ?? 80));
  };
  const erase = () => {
    if (!shown) return;
    shown = false;
    stopped?.removeEventListener('abort', erase);
    stream.write(CLEAR_LINE);
  };
  stopped?.addEventListener('abort', erase, { once: true });
  if (stopped?.aborted) shown = false;
  else draw();
  return {
    rowEnded(outcome) {
      done++;
      if (outcome.status === 'failed') failed++;
      if (outcome.status === 'invalid') invalid++;
      if (shown && (done === total || now() - lastDraw >= FRAME_MS)) draw();
    },
    stop: erase,
  };
}

export interface ProgressState {
  done: number;
  total: number;
  failed: number;
  invalid: number;
  elapsedMs: number;
}

/**
 * The bar's text, fitted to `columns` less three: the last column (writing it makes some terminals
 * wrap) and the "^C" a terminal echoes after the bar when Ctrl-C is pressed — wrapped to a line of
 * its own, it would leave the bar's line where the erase cannot reach it.
 * What gives way first on a narrow terminal: the bar shrinks, then goes, then the rate, then the
 * ETA; the counts and the failures stay, since they are what a person watches for.
 */
export function progressLine(state: ProgressState, columns: number): string {
  const width = Math.max(columns - 3, 20);
  const { done, total, failed, invalid } = state;
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const t = batchCommandText;
  const counts = t.progressCounts({ done, total, failed, invalid });
  const eta = t.progressEta({ eta: done === 0 || rate === 0 ? '--' : formatDuration((total - done) / rate) });
  const full = local(t.progressFull({ counts, eta, rate: t.progressRate({ rate: rate.toFixed(0) }) }));
  // Measured in terminal columns: a Chinese character takes two.
  const room = width - stringWidth(full) - 1;
  if (room >= MIN_BAR_WIDTH) return local(t.progressBar({ bar: bar(done / total, Math.min(BAR_WIDTH, room)), line: full }));
  const narrower = [full, local(t.progressWithEta({ counts, eta })), local(counts), local(t.progressCountsShort({ done, total, failed, invalid }))];
  return narrower.find((text) => stringWidth(text) <= width) ?? cut(local(counts), width);
}

/** The start of `text` that fits in `width` columns. */
function cut(text: string, width: number): string {
  let out = '';
  for (const c of text) {
    if (stringWidth(out + c) > width) break;
    out += c;
  }
  return out;
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/**
 * 45s, 1m05s, 2h03m. Rounded to whole seconds before it is split, so 119.6 s is 2m00s, never 1m60s.
 */
export function formatDuration(totalSeconds: number): Text {
  const t = batchCommandText;
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return t.durationSeconds({ seconds: s });
  if (s < 3600) return t.durationMinutes({ minutes: Math.floor(s / 60), seconds: String(s % 60).padStart(2, '0') });
  const minutes = Math.round(s / 60);
  return t.durationHours({ hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}
