/**
 * The longest gateway timeout accepted (`--timeout`, `timeoutMs`): 10 minutes. Node's timers hold
 * at most 2^31 − 1 ms and fire after 1 ms for anything larger (a TimeoutOverflowWarning), so an
 * unbounded value turned "wait very long" into "give up at once"; and no gateway answer is worth
 * waiting longer than this for (the default is 15 s).
 */
export const MAX_TIMEOUT_MS = 600_000;
