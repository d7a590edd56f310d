import type { CallOptions } from '../client/client.js';
import type { GatewayResponse } from '../client/response.js';
import { backoffDelay, type RetryPolicy } from '../client/retry.js';
import type { BatchAction } from './batch-action.js';
import { classifyFailure, type AttemptFailure, type RowOutcome } from './outcome.js';
import type { Pacer } from './pacer.js';

/** What the batch needs of GatewayClient: tests pass a fake. */
export interface GatewayCaller {
  call(method: string, call: CallOptions): Promise<GatewayResponse>;
}

export interface IssueDeps {
  client: GatewayCaller;
  pacer: Pacer;
  retry: RetryPolicy;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface IssueRequest {
  row: number;
  outSerialNo: string;
  bizContent: string;
  authToken?: string | undefined;
}

export interface IssueResult {
  outcome: RowOutcome;
  /** For a failure: whether --retry-failed should try it again. */
  retryable: boolean;
  attempts: number;
}

export type SendResult = { response: GatewayResponse; attempts: number } | { failure: AttemptFailure; attempts: number };

/**
 * What happens before a row's first attempt leaves. `stop` withdraws the row while it waits for the
 * pacer, before anything about it is recorded or sent; `record` runs once the pacer lets it go and
 * before it is sent (the journal's durable "send"), so a row is journaled only when it is about to
 * go out — a stopped run leaves no row recorded as sent that was not.
 */
export interface FirstSend {
  stop: AbortSignal;
  record: () => Promise<void>;
}

/**
 * One gateway call, retried on transient failures with the client's capped, jittered backoff.
 * The client itself is used with one attempt a call (connectGateway with maxAttempts 1) so that
 * every attempt passes through the pacer: --rate counts retries, and a 40005 slows everyone.
 */
export async function sendWithRetries(method: string, call: CallOptions, deps: IssueDeps): Promise<SendResult>;
export async function sendWithRetries(method: string, call: CallOptions, deps: IssueDeps, first: FirstSend): Promise<SendResult | undefined>;
export async function sendWithRetries(method: string, call: CallOptions, deps: IssueDeps, first?: FirstSend): Promise<SendResult | undefined> {
  let failure: AttemptFailure | undefined;
  let attempt = 0;
  while (attempt < deps.retry.maxAttempts) {
    attempt++;
    if (attempt === 1 && first) {
      if (!(await deps.pacer.beforeSend(first.stop))) return undefined;
      try {
        await first.record();
      } catch (err) {
        deps.pacer.done('failed'); // nothing was sent; the room goes to the next request
        throw err;
      }
    } else {
      await deps.pacer.beforeSend();
    }
    try {
      const response = await deps.client.call(method, call);
      deps.pacer.done('succeeded');
      return { response, attempts: attempt };
    } catch (err) {
      try {
        failure = classifyFailure(err);
      } finally {
        deps.pacer.done(failure?.throttled ? 'throttled' : 'failed');
      }
      if (!failure.autoRetry) break;
      if (attempt < deps.retry.maxAttempts) await deps.sleep(backoffDelay(deps.retry, attempt, deps.random()));
    }
  }
  return { failure: failure!, attempts: attempt };
}

/**
 * Sends one row's request (card open, update or delete, by the batch's action). Every attempt
 * carries the same biz_content, so an open or a delete the same out_serial_no: a retry after an
 * answer that was lost can only get back what was done already, never do it twice; an update sets
 * the same values again. Undefined if `first.stop` withdrew the row before anything was recorded or sent.
 */
export async function issueRow(action: BatchAction, request: IssueRequest, deps: IssueDeps, first: FirstSend): Promise<IssueResult | undefined> {
  const sent = await sendWithRetries(action.method, { bizContent: request.bizContent, authToken: request.authToken, retrySafe: true }, deps, first);
  if (sent === undefined) return undefined;
  if ('response' in sent) {
    return { outcome: action.succeeded(request.row, request.outSerialNo, sent.response), retryable: false, attempts: sent.attempts };
  }
  const { code, sub_code, sub_msg, retryable, invalid } = sent.failure;
  const status = invalid ? 'invalid' : action.doneBefore?.(sent.failure, request.bizContent) ? action.done : 'failed';
  return {
    outcome: { row: request.row, out_serial_no: request.outSerialNo, status, code, sub_code, sub_msg },
    retryable: status === 'failed' && retryable,
    attempts: sent.attempts,
  };
}
