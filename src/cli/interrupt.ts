import { InterruptedError } from '../errors.js';
import { cardCommandsCommonText } from '../i18n/en/card-commands-common.js';
import { local } from '../i18n/text.js';
import { writeLine, type Context } from './context.js';

/** A request that changes something, left on its way by a second Ctrl-C (awaitingAnswer): exit 130. */
export class RequestLeftError extends InterruptedError {
  override readonly name: string = 'RequestLeftError';
}

/**
 * How far apart two SIGINTs must come to be two Ctrl-C. A script's one interrupt can arrive twice
 * within microseconds: coreutils' `timeout -s INT` signals the command, then its whole process
 * group. A person's second press comes later than this.
 */
export const REPEAT_WINDOW_MS = 100;

/**
 * For a SIGINT handler: whether this SIGINT is a new Ctrl-C press, not one within REPEAT_WINDOW_MS
 * of the press before it.
 */
export function newPressTeller(now: () => number = () => performance.now()): () => boolean {
  let last: number | undefined;
  return () => {
    const at = now();
    if (last !== undefined && at - last < REPEAT_WINDOW_MS) return false;
    last = at;
    return true;
  };
}

/**
 * What stops a command as Ctrl-C does: SIGINT, and SIGTERM — what `timeout`, `kill`, `docker stop`,
 * systemd and a cancelled CI job send, which would otherwise end the process at once, a card's
 * answer unheard and a batch's rows in flight untold.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function onStopSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
}

export function offStopSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of STOP_SIGNALS) process.off(signal, handler);
}

/** The SIGINT handlers of awaitingAnswer, each kept until closingAfter (the command's end). */
const guards = new Set<(signal: NodeJS.Signals) => void>();

/**
 * `pending`, a request on its way to the gateway that changes something (a card issued, updated,
 * deleted), with Ctrl-C (SIGINT) taken as `card batch` takes it. The first says the run is
 * stopping and waits for the answer, so that the outcome is known and told as usual: the request was
 * sent, nothing is left undone. A second leaves it unanswered: a RequestLeftError, which the caller
 * tells with what repeats the request safely (card open: the flags of the same out_serial_no and
 * dates, as for a timeout). Once the answer is in, Ctrl-C is ignored until the command has told it
 * and closed (closingAfter): it would end the run with the card issued and not said. Without this
 * Node ends the process at the first Ctrl-C, saying nothing.
 */
export function awaitingAnswer<T>(ctx: Context, pending: Promise<T>, method: string): Promise<T> {
  const isNewPress = newPressTeller();
  let presses = 0;
  let answered = false;
  let leave: (err: RequestLeftError) => void = () => undefined;
  const left = new Promise<never>((_resolve, reject) => {
    leave = reject;
  });
  const onSigint = (signal: NodeJS.Signals): void => {
    if (answered || !isNewPress()) return;
    presses += 1;
    if (presses === 1) writeLine(ctx.stderr, local(cardCommandsCommonText.stoppingInFlight({ method, signal })));
    else leave(new RequestLeftError(cardCommandsCommonText.interruptedInFlight({ method })));
  };
  onStopSignals(onSigint);
  guards.add(onSigint);
  return Promise.race([pending, left]).finally(() => {
    answered = true;
  });
}

/**
 * `use()` of a gateway client, then `close()`, which lets a request on its way end first: after one
 * was left unanswered (`use` failed with a RequestLeftError), for half a second at most, as card
 * batch bounds it after a second Ctrl-C: the answer may never come. Then Ctrl-C is Node's again
 * (awaitingAnswer).
 */
export async function closingAfter<T>(use: () => Promise<T>, close: () => Promise<void>): Promise<T> {
  let failure: unknown;
  try {
    return await use();
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    try {
      await (failure instanceof RequestLeftError ? Promise.race([close(), new Promise<void>((resolve) => setTimeout(resolve, 500).unref())]) : close());
    } finally {
      for (const guard of guards) offStopSignals(guard);
      guards.clear();
    }
  }
}
