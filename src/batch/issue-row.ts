import { CARD_OPEN_METHOD } from '../cards/methods.js';
import type { CallOptions } from '../client/client.js';
import type { GatewayResponse } from '../client/response.js';
import { backoffDelay, type RetryPolicy } from '../client/retry.js';
import { classifyFailure, issuedOutcome, type AttemptFailure, type RowOutcome } from './outcome.js';
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
 * One gateway call, retried on transient failures with the client's capped, jittered backoff.
 * The client itself is used with one attempt a call (connectGateway with maxAttempts 1) so that
 * every attempt passes through the pacer: --rate counts retries, and a 40005 slows everyone.
 */
export async function sendWithRetries(method: string, call: CallOptions, deps: IssueDeps): Promise<SendResult> {
  let failure: AttemptFailure | undefined;
  let attempt = 0;
  while (attempt < deps.retry.maxAttempts) {
    attempt++;
    await deps.pacer.beforeSend();
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
 * Issues one card. Every attempt carries the same biz_content, so the same out_serial_no: a retry
 * after an answer that was lost can only get back the card already issued, never a second one.
 */
export async function issueRow(request: IssueRequest, deps: IssueDeps): Promise<IssueResult> {
  const sent = await sendWithRetries(CARD_OPEN_METHOD, { bizContent: request.bizContent, authToken: request.authToken, retrySafe: true }, deps);
  if ('response' in sent) {
    return { outcome: issuedOutcome(request.row, request.outSerialNo, sent.response), retryable: false, attempts: sent.attempts };
  }
  const { code, sub_code, sub_msg, retryable, invalid } = sent.failure;
  return {
    outcome: { row: request.row, out_serial_no: request.outSerialNo, status: invalid ? 'invalid' : 'failed', code, sub_code, sub_msg },
    retryable,
    attempts: sent.attempts,
  };
}
