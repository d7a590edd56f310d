import type { GatewayFailure } from '../client/response.js';
import { isRetryableNode } from '../client/response.js';
import { GatewayError, TransportError, UsageError, VerificationError } from '../errors.js';
import { UnencodableTextError } from '../protocol/charset.js';
import { RowState } from './row-book.js';

/** issued, updated or deleted (by the batch's action: what was done to the card), failed, or invalid (never sent). */
export type RowStatus = 'issued' | 'updated' | 'deleted' | 'failed' | 'invalid';

/** How a row ended: one line of the results file, one event of `--output ndjson`. */
export interface RowOutcome {
  row: number;
  out_serial_no: string;
  status: RowStatus;
  biz_card_no?: string | undefined;
  code?: string | undefined;
  sub_code?: string | undefined;
  sub_msg?: string | undefined;
  /** Who the row is for, as sent (or as the row had it, if invalid): to match a result back to its member. */
  user_uni_id?: string | undefined;
  external_card_no?: string | undefined;
}

/** The member columns come last: a script that reads the first seven by position reads what it did. */
export const RESULT_COLUMNS = ['row', 'out_serial_no', 'status', 'biz_card_no', 'code', 'sub_code', 'sub_msg', 'user_uni_id', 'external_card_no'] as const;

/**
 * Failures that are not the gateway's own answer get a sub_code of ours, in the gateway's style
 * with a `cli.` prefix so nobody looks them up in Alipay's tables: scripts can still select on them.
 */
export const TRANSPORT_FAILURE = 'cli.transport-error';
export const VERIFICATION_FAILURE = 'cli.verification-failed';
export const INVALID_ROW = 'cli.invalid-row';

/** A failed attempt, classified: what to record, and what to do next. */
export interface AttemptFailure {
  code?: string | undefined;
  sub_code?: string | undefined;
  sub_msg?: string | undefined;
  /** Another attempt with the same request may succeed: now (autoRetry) or with --retry-failed. */
  retryable: boolean;
  /** Worth retrying within this run, after a backoff. */
  autoRetry: boolean;
  /** 40005: the whole run should slow down. */
  throttled: boolean;
  /** The row itself cannot be sent as it is (a character the charset lacks): it ends invalid. */
  invalid?: boolean;
  /** The error as thrown, for a caller that must stop on it. */
  error: unknown;
}

// The gateway's sub_msg (isv.invalid-signature quotes its string to sign) reaches the journal and
// results already redacted: gatewayError redacts every failure node it makes.
export function classifyFailure(err: unknown): AttemptFailure {
  if (err instanceof GatewayError && err.failure) {
    const node = (err.failure as GatewayFailure).response.node;
    const retryable = isRetryableNode(node);
    return { code: node.code, sub_code: node.sub_code, sub_msg: node.sub_msg ?? node.msg, retryable, autoRetry: retryable, throttled: node.code === '40005', error: err };
  }
  if (err instanceof TransportError) {
    // A 4xx will be a 4xx again (a wrong gateway path, say): only 5xx and the network are transient.
    const retryable = err.retryable;
    return { sub_code: TRANSPORT_FAILURE, sub_msg: err.message, retryable, autoRetry: retryable, throttled: false, error: err };
  }
  if (err instanceof VerificationError) {
    // Fail closed as the client does: never retried blindly. But the card may have been issued
    // behind a bad answer, so a later --retry-failed (same serial, idempotent) may ask again.
    return { sub_code: VERIFICATION_FAILURE, sub_msg: err.message, retryable: true, autoRetry: false, throttled: false, error: err };
  }
  if (err instanceof UsageError && err.cause instanceof UnencodableTextError) {
    // This row's text, not the run: the other rows go on.
    return { sub_code: INVALID_ROW, sub_msg: err.message, retryable: false, autoRetry: false, throttled: false, invalid: true, error: err };
  }
  throw err;
}

/** The summary's "failed by reason" key: the most specific code there is. */
export function reasonOf(outcome: Pick<RowOutcome, 'code' | 'sub_code'>): string {
  return outcome.sub_code || outcome.code || 'unknown';
}

export function rowStateOf(outcome: Pick<RowOutcome, 'status'>, retryable: boolean): RowState {
  if (outcome.status === 'invalid') return RowState.Invalid;
  if (outcome.status === 'failed') return retryable ? RowState.FailedRetryable : RowState.Failed;
  // Done, whatever the action: RowState.Issued is "ended with its request done".
  return RowState.Issued;
}
