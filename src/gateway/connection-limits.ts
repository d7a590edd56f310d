/**
 * The request line and headers at most. Node's default of 16 KB would answer a longer GET (which
 * carries everything in its query string) with a bare 431; past this the gateway's own signed
 * error instead. It was 1 MB, as much as a body: with Node keeping each unfinished head in memory,
 * 500 half-sent requests took the gateway from 61 to 581 MB. 64 KB is well past any real call
 * (a template.create is a few KB) and keeps what maxConnections heads can hold to 64 MB.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/** How much the gateway lets its clients hold, and for how long. */
export interface ConnectionLimits {
  /**
   * Open connections at most; past it a new one is closed at once. `card batch --concurrency` goes
   * up to 256 connections, and two runs, a bench or an SDK may share the gateway.
   */
  maxConnections: number;
  /** From a connection's opening (or its first byte) to the end of the request's headers. */
  headersTimeoutMs: number;
  /** To the end of the request's body (up to 16 MB of it is read to answer a body over the limit). */
  requestTimeoutMs: number;
  /** Bytes of bodies being read, over all requests (see BodyBudget). */
  bodyBudgetBytes: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  maxConnections: 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  bodyBudgetBytes: 64 * 1024 * 1024,
};

/** Node's options for the timeouts; it checks them every connectionsCheckingInterval (default 30 s). */
export function timeoutOptions(limits: ConnectionLimits): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

