import type { RetryPolicy } from '../client/retry.js';
import type { GatewayCaller } from './issue-row.js';
import type { RowOutcome } from './outcome.js';
import { Pacer } from './pacer.js';
import { startProgress, type ProgressStream } from './progress.js';
import { closeSetup, type RunSetup } from './run-setup.js';
import { runBatch, type RunReport, type RunSignals } from './runner.js';
import type { BatchSummary } from './summary.js';
import { TemplateLookups } from './template-lookups.js';

export interface ExecuteOptions {
  client: GatewayCaller;
  concurrency: number;
  rate?: number | undefined;
  retry: RetryPolicy;
  /** ALIPAY_AUTH_TOKEN, for rows without an auth_token column. */
  authToken?: string | undefined;
  now: () => Date;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds on a monotonic clock, for pacing (tests pass one that `sleep` advances). */
  clock?: () => number;
  /** Where the progress bar goes (drawn only if it is a terminal). */
  progressStream: ProgressStream;
  /** Each row as it ends, after its journal record and results line (--output ndjson). */
  rowEnded?: (outcome: RowOutcome) => Promise<void> | void;
}

/**
 * Runs a set-up batch to its end (or its interruption) and closes its files: the journal is
 * synced and closed before anything is reported, so whatever the summary says is on disk.
 */
export async function executeRun(setup: RunSetup, options: ExecuteOptions, signals: RunSignals): Promise<BatchSummary> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const clock = options.clock ?? (() => performance.now());
  const deps = { client: options.client, retry: options.retry, random, sleep, now: options.now, pacer: new Pacer({ rate: options.rate, concurrency: options.concurrency, now: clock, sleep }) };
  const progress = startProgress(options.progressStream, setup.toProcess, () => performance.now(), signals.stop);
  const started = performance.now();
  let report: RunReport | undefined;
  let failure: { error: unknown } | undefined;
  try {
    report = await runBatch(
      {
        file: setup.file,
        shape: setup.shape,
        context: { templateId: setup.shape.templateId, reason: setup.shape.reason, batchId: setup.header.batch_id, authToken: options.authToken, templates: new TemplateLookups(deps) },
        book: setup.book,
        sentBefore: setup.sentBefore,
        retryFailed: setup.mode === 'retry-failed',
        journal: setup.journal,
        results: setup.results,
        concurrency: options.concurrency,
      },
      deps,
      signals,
      async (outcome) => {
        progress.rowEnded(outcome);
        await options.rowEnded?.(outcome);
      },
    );
  } catch (error) {
    failure = { error };
  }
  progress.stop();
  const mark = report === undefined ? undefined : report.interrupted ? 'interrupted' : 'finished';
  if (mark) await setup.journal.write({ run: mark, at: options.now().toISOString() }).catch(() => {});
  try {
    await closeSetup(setup);
  } catch (error) {
    // A results line that could not be written at the close (the disk filled up with the last
    // rows) fails the run as one mid-run would; a failure already on its way is the one to tell.
    failure ??= { error };
  }
  if (failure !== undefined || report === undefined) throw failure?.error;
  return {
    action: setup.shape.action ?? 'open',
    file: setup.file.path,
    rows: setup.rows,
    counts: setup.book.counts(),
    ended: report.ended,
    issued: report.issued,
    balancesNormalised: report.balancesNormalised,
    elapsedMs: performance.now() - started,
    results: setup.resultsPath,
    journal: setup.journal.path,
    interrupted: report.interrupted,
    abandoned: report.abandoned,
  };
}
