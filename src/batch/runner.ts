import { batchAction, isDone } from './batch-action.js';
import { openCsv, type ShapeOptions } from './csv-shape.js';
import type { CsvRecord } from './csv-records.js';
import { DuplicateSerials } from './duplicate-serials.js';
import type { InputFile } from './input-file.js';
import { issueRow, type IssueDeps } from './issue-row.js';
import { JournalClosedError, type JournalWriter } from './journal-writer.js';
import type { EndRecord, SendRecord } from './journal-records.js';
import { INVALID_ROW, reasonOf, rowStateOf, type RowOutcome } from './outcome.js';
import type { ResultsWriter } from './results-file.js';
import { RowBook, RowState } from './row-book.js';
import { describeRowProblems } from './row-problems.js';
import type { RowContext, RowProblem } from './row-request.js';
import { Slots } from './slots.js';

export interface BatchRun {
  file: InputFile;
  shape: ShapeOptions;
  context: Omit<RowContext, 'columns'>;
  book: RowBook;
  /** Rows sent before that may be sent again (in flight, or failed and retried): sent exactly as recorded. */
  sentBefore: Map<number, SendRecord>;
  retryFailed: boolean;
  journal: JournalWriter;
  results: ResultsWriter;
  concurrency: number;
}

export interface RunnerDeps extends IssueDeps {
  now: () => Date;
}

export interface RunSignals {
  /** First Ctrl-C: take no more rows, let those in flight end. */
  stop: AbortSignal;
  /** Second Ctrl-C: stop waiting for them (they stay journaled as sent; --resume sends them again). */
  abandon: AbortSignal;
}

export interface RunReport {
  interrupted: boolean;
  /** Rows left in flight by an abandoned run. */
  abandoned: number;
  /** Rows that ended in this run, and how many of them were done (issued, updated, deleted). */
  ended: number;
  issued: number;
  /** Rows sent whose balance was given as whole yuan (Excel's 100 for 100.00) and sent as 100.00. */
  balancesNormalised: number;
}

/**
 * Rows in progress per request in flight. A row spends part of its time away from its request —
 * built and checked, waiting for its journal records to reach the disk, written to the results —
 * so with only --concurrency rows in progress fewer than --concurrency requests would be out. The
 * pacer holds requests in flight to --concurrency; the rows ahead of it are what keeps it full.
 */
const ROWS_PER_REQUEST = 2;

/** Whether this run has work for a row in this state. */
export function needsWork(state: RowState, retryFailed: boolean): boolean {
  return state === RowState.Unseen || state === RowState.InFlight || (retryFailed && state === RowState.FailedRetryable);
}

/**
 * Streams the rows and issues each that needs it, `concurrency` requests at a time. Per row: build
 * and validate the request (an invalid row ends at once, nothing sent); wait for the pacer; journal
 * "send" (durable); send with retries; journal "end" (durable); then the results line and `rowEnded`. A failure of
 * the run itself (the journal's disk, the template lookup) stops taking rows, lets those in flight
 * end, and is thrown.
 */
export async function runBatch(run: BatchRun, deps: RunnerDeps, signals: RunSignals, rowEnded: (outcome: RowOutcome) => Promise<void> | void = () => {}): Promise<RunReport> {
  const report: RunReport = { interrupted: false, abandoned: 0, ended: 0, issued: 0, balancesNormalised: 0 };
  const stop = new AbortController();
  const stopAll = () => stop.abort();
  signals.stop.addEventListener('abort', stopAll, { once: true });
  let fatal: unknown;
  let abandoned = false;
  // Whether a row this run had work for was left: one not taken (the stop came first) or withdrawn
  // before it was sent. A stop that came once every row was out — `| head -1` reading the first of
  // a few rows — interrupts nothing: the run ended, and says so.
  let rowsLeft = false;

  const action = batchAction(run.shape.action);
  const { columns, records } = await openCsv(run.file, run.shape);
  const context: RowContext = { ...run.context, columns };
  const slots = new Slots(run.concurrency * ROWS_PER_REQUEST);
  const duplicates = new DuplicateSerials(columns, action.unique);
  const tasks = new Set<Promise<void>>();

  const end = async (outcome: RowOutcome, retryable: boolean) => {
    const record: EndRecord = { end: outcome.row, ...withoutRow(outcome), ...(outcome.status === 'failed' ? { retryable } : {}) };
    await run.journal.write(record);
    if (abandoned) return;
    run.book.set(outcome.row, rowStateOf(outcome, retryable), outcome.status === 'failed' ? reasonOf(outcome) : undefined);
    if (run.book.get(outcome.row) !== RowState.FailedRetryable) run.sentBefore.delete(outcome.row);
    report.ended++;
    if (isDone(outcome.status)) report.issued++;
    await run.results.write(outcome);
    await rowEnded(outcome);
  };

  const processRow = async (record: CsvRecord, duplicate: RowProblem | undefined) => {
    const request = await action.buildRequest(record, context, deps.now(), run.sentBefore.get(record.row));
    if (duplicate) request.problems.push(duplicate);
    const member = action.identity(request.biz);
    if (request.problems.length > 0) {
      return end({ row: record.row, out_serial_no: request.outSerialNo, status: 'invalid', sub_code: INVALID_ROW, sub_msg: describeRowProblems(request.problems), ...member }, false);
    }
    const bizContent = JSON.stringify(request.biz);
    const result = await issueRow(action, { row: record.row, outSerialNo: request.outSerialNo, bizContent, authToken: request.authToken }, deps, {
      stop: stop.signal,
      // On disk before the request leaves: a crash from here on leaves the row "in flight", and a
      // resumed run sends it again under this serial with these values — the gateway's
      // idempotency then answers with the card if the first request had issued it.
      record: async () => {
        await run.journal.write({ send: record.row, out_serial_no: request.outSerialNo, ...request.filled });
        run.book.set(record.row, RowState.InFlight);
        // Counted as sent: a row read ahead and withdrawn by a stop is not (it is sent by --resume).
        if (request.balanceNormalised) report.balancesNormalised++;
      },
    });
    // Withdrawn by a stop while it waited for the pacer: nothing recorded, nothing sent; the row
    // is as it was, and --resume takes it.
    if (result === undefined) {
      rowsLeft = true;
      return;
    }
    await end({ ...result.outcome, ...member }, result.retryable);
  };

  try {
    for await (const record of records) {
      // Every row, ended or not, in file order: a serial belongs to the first row that brings it.
      const duplicate = duplicates.check(record);
      if (!needsWork(run.book.get(record.row), run.retryFailed)) continue;
      if (stop.signal.aborted || !(await slots.acquire(stop.signal))) {
        rowsLeft = true;
        break;
      }
      // Its results line goes in file order (waiting, if it ends early, for the rows before it).
      if (!(await run.results.admit(record.row, stop.signal))) {
        slots.release();
        rowsLeft = true;
        break;
      }
      const task: Promise<void> = processRow(record, duplicate)
        .catch((err: unknown) => {
          if (err instanceof JournalClosedError) return;
          fatal ??= err;
          stopAll();
        })
        .finally(() => {
          // A row that ended has its line; one withdrawn or stopped by a failure must not hold up the rest.
          run.results.settle(record.row);
          slots.release();
          tasks.delete(task);
        });
      tasks.add(task);
    }
  } catch (err) {
    // The file could not be read on (it changed or vanished under us): the rows in flight still end.
    fatal ??= err;
    rowsLeft = true;
  } finally {
    await records.return(undefined);
  }

  const allEnded = Promise.all(tasks).then(() => 'ended' as const);
  const outcome = await Promise.race([allEnded, whenAborted(signals.abandon).then(() => 'abandoned' as const)]);
  if (outcome === 'abandoned') {
    abandoned = true;
    report.abandoned = tasks.size;
  }
  signals.stop.removeEventListener('abort', stopAll);
  if (fatal !== undefined) throw fatal;
  report.interrupted = signals.stop.aborted && (rowsLeft || abandoned);
  return report;
}

function withoutRow(outcome: RowOutcome): Omit<RowOutcome, 'row'> {
  const { row: _row, ...rest } = outcome;
  return rest;
}

function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
